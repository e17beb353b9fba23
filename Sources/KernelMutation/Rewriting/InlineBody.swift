import KernelSyntax

/// What inlining needs to know about a callee: its definition, its own context, the names it
/// declares (parameters and locals) and the file-scope names it uses.
struct InlineCallee {
    let function: FunctionDeclaration
    let context: FunctionContext
    let body: Block
    /// Parameter names in order.
    let parameters: [String]
    /// Parameters plus every local declared anywhere in the body.
    let locals: Set<String>
    /// Variables the body uses that are not its own (read-only file-scope tables).
    let globals: Set<String>

    /// The static definition named `name`, if it can be analysed.
    init?(_ name: String, in unit: TranslationUnit) {
        guard let index = unit.declarations.firstIndex(where: {
            if case .function(let f) = $0 { return f.name == name && f.body != nil }
            return false
        }), case .function(let f) = unit.declarations[index], f.storage == .static, let body = f.body,
              let context = FunctionContext(unit: unit, site: NodePath([index])), !context.usesVolatile else { return nil }
        let parameters = f.parameters.compactMap(\.name)
        guard parameters.count == f.parameters.count else { return nil }
        function = f
        self.context = context
        self.body = body
        self.parameters = parameters
        let effects = EffectSummary(of: body)
        locals = Set(parameters).union(effects.declares)
        globals = effects.reads.union(effects.writes).union(effects.addressTaken).subtracting(locals)
    }

    /// The argument as the value of parameter `index`: cast to the parameter's type unless it
    /// already has exactly that type.
    func argument(_ argument: Expression, for index: Int, caller: FunctionContext) -> Expression? {
        let declared = Declarations.parameterType(function.parameters[index].type)
        guard let type = context.types.resolve(declared).flatMap({ ValueType(object: $0) }) else { return nil }
        return caller.valueType(of: argument) == type ? argument : .cast(type.typeName, argument)
    }

    /// The returned expression converted to the return type, unless it already has that type.
    func returned(_ value: Expression, original: Expression) -> Expression {
        let declared = context.types.resolve(function.returnType).flatMap { ValueType(object: $0) }
        if let declared, context.valueType(of: original) == declared { return value }
        return .cast(function.returnType, value)
    }

    /// True if the callee writes no memory and calls only pure functions.
    var isPure: Bool { context.purity.isPure(function.name) }
}
