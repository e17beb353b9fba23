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
    /// Names the body uses that are not its own: read-only file-scope tables and called functions.
    let globals: Set<String>

    /// The static definition named `name`, if it can be analysed.
    init?(_ name: String, in analysis: UnitAnalysis) {
        let unit = analysis.unit
        guard let index = unit.declarations.firstIndex(where: {
            if case .function(let f) = $0 { return f.name == name && f.body != nil }
            return false
        }), case .function(let f) = unit.declarations[index], f.storage == .static, let body = f.body,
              let context = analysis.context(at: NodePath([index])), !context.usesVolatile else { return nil }
        let parameters = f.parameters.compactMap(\.name)
        guard parameters.count == f.parameters.count else { return nil }
        function = f
        self.context = context
        self.body = body
        self.parameters = parameters
        let effects = EffectSummary(of: body)
        locals = Set(parameters).union(effects.declares)
        globals = effects.reads.union(effects.writes).union(effects.addressTaken).subtracting(locals)
            .union(effects.calledFunctions)
    }

    /// The argument as the value of parameter `index`: cast to the parameter's type unless it
    /// already has exactly that type.
    func argument(_ argument: Expression, for index: Int, caller: FunctionContext) -> Expression? {
        let declared = Declarations.parameterType(function.parameters[index].type)
        guard let type = context.types.resolve(declared).flatMap({ ValueType(object: $0) }) else { return nil }
        guard let actual = caller.valueType(of: argument) else { return .cast(type.typeName, argument) }
        return actual == type || InlineCallee.onlyAddsConst(from: actual, to: type) ? argument : .cast(type.typeName, argument)
    }

    /// True for `T *` → `const T *`: the pointer value is unchanged and the parameter's uses can
    /// only read through it, so substituting the argument itself is equivalent.
    static func onlyAddsConst(from actual: ValueType, to parameter: ValueType) -> Bool {
        guard case .pointer(let a) = actual, case .pointer(let p) = parameter,
              a.specifier == p.specifier, a.pointers == p.pointers, a.arrayDimensions.isEmpty else { return false }
        return p.qualifiers == a.qualifiers.union(.const)
    }

    /// The returned expression converted to the return type, unless it already has that type.
    func returned(_ value: Expression, original: Expression) -> Expression {
        let declared = context.types.resolve(function.returnType).flatMap { ValueType(object: $0) }
        if let declared, context.valueType(of: original) == declared { return value }
        return .cast(function.returnType, value)
    }

    /// The callee's result as one expression, when its body is `return r;`, or one of the
    /// branch shapes `if-to-select` turns into `return c ? a : b;` (with that operator's checks:
    /// no side effects, `a` and `b` of the same promoted type).
    var returnedExpression: Expression? {
        let items = body.items
        if items.count == 1, case .returnStatement(let r?) = items[0] { return r }
        guard case .ifStatement(let c, let then, let otherwise) = items.first,
              let a = SelectLegality.singleReturn(then) else { return nil }
        let b: Expression
        if let otherwise, items.count == 1, let value = SelectLegality.singleReturn(otherwise) {
            b = value
        } else if otherwise == nil, items.count == 2, case .returnStatement(let value?) = items[1] {
            b = value
        } else {
            return nil
        }
        guard SelectLegality.sideEffectFree([c, a, b], in: context), SelectLegality.sameType(a, b, in: context) else { return nil }
        return .conditional(c, a, b)
    }

    /// True if the callee writes no memory and calls only pure functions.
    var isPure: Bool { context.purity.isPure(function.name) }
}
