import KernelSyntax

/// The declared types visible in one function: its parameters, every local declaration in its
/// body, the file-scope tables and function return types, with typedefs resolved.
///
/// Names are not scoped: a name declared twice with different types is ambiguous and gets no
/// type, which makes every type-dependent operator refuse (the conservative answer).
struct TypeEnvironment {
    private var typedefs: [String: TypeName] = [:]
    private var objects: [String: TypeName?] = [:]
    private var functions: [String: TypeName] = [:]

    /// Collects the declarations of `function` (plus file-scope names) in `unit`.
    init(unit: TranslationUnit, function: FunctionDeclaration?) {
        for declaration in unit.declarations {
            switch declaration {
            case .typedef(let t): typedefs[t.name] = t.type
            case .function(let f): functions[f.name] = f.returnType
            case .constantTable(let d): for declarator in d.declarators { declare(declarator.name, d.type(of: declarator)) }
            }
        }
        guard let function else { return }
        for parameter in function.parameters {
            if let name = parameter.name { declare(name, parameter.type) }
        }
        if let body = function.body {
            for item in body.items { collect(item) }
        }
    }

    private mutating func declare(_ name: String, _ type: TypeName) {
        let resolved = resolve(type)
        if let existing = objects[name] {
            if existing != resolved { objects[name] = .some(nil) }
        } else {
            objects[name] = .some(resolved)
        }
    }

    private mutating func collect(_ statement: Statement) {
        switch statement {
        case .declaration(let d):
            for declarator in d.declarators { declare(declarator.name, d.type(of: declarator)) }
        case .compound(let b): for item in b.items { collect(item) }
        case .ifStatement(_, let t, let e):
            for item in t.items { collect(item) }
            for item in e?.items ?? [] { collect(item) }
        case .whileLoop(_, let b), .doWhileLoop(let b, _), .switchStatement(_, let b):
            for item in b.items { collect(item) }
        case .forLoop(let i, _, _, let b):
            if case .declaration(let d)? = i { collect(.declaration(d)) }
            for item in b.items { collect(item) }
        case .caseLabel(_, let s), .defaultLabel(let s): collect(s)
        default: break
        }
    }

    /// `type` with typedef names replaced by what they name; `nil` when that would need
    /// combining qualifiers or declarators with a typedef of a pointer or array type.
    func resolve(_ type: TypeName) -> TypeName? {
        guard case .typedefName(let name) = type.specifier else { return type }
        guard let aliased = typedefs[name].flatMap(resolve) else { return nil }
        if aliased.pointers.isEmpty && aliased.arrayDimensions.isEmpty {
            return TypeName(aliased.specifier, qualifiers: aliased.qualifiers.union(type.qualifiers),
                            pointers: type.pointers, arrayDimensions: type.arrayDimensions)
        }
        if type.pointers.isEmpty && type.arrayDimensions.isEmpty && type.qualifiers.isEmpty { return aliased }
        return nil
    }

    /// The declared (typedef-free) type of variable `name`, if known and unambiguous.
    func objectType(of name: String) -> TypeName? { objects[name] ?? nil }

    /// The value type of variable `name`.
    func valueType(of name: String) -> ValueType? { objectType(of: name).flatMap { ValueType(object: $0) } }

    /// The return type of function `name`, resolved, if declared in the unit.
    func returnType(of name: String) -> TypeName? { functions[name].flatMap(resolve) }
}
