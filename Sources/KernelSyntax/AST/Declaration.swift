/// Storage classes the subset allows.
public enum StorageClass: String, Hashable, Sendable, Codable {
    /// `static`: internal linkage for functions; for variables only read-only tables are allowed.
    case `static`
    /// `extern`: allowed on function prototypes only.
    case extern
}

/// The value given to a declarator after `=`.
public indirect enum Initializer: Hashable, Sendable, Codable {
    /// `= expression`.
    case expression(Expression)
    /// `= { a, b, {c, d} }` (never empty; designators are outside the subset).
    case list([Initializer])
}

/// One declared name inside a declaration: `*const p`, `x[4][4] = {0}`.
public struct Declarator: Hashable, Sendable, Codable {
    /// The declared name.
    public var name: String
    /// One entry per `*`, innermost first, with the qualifiers after it.
    public var pointers: [TypeQualifiers]
    /// Array dimensions, outermost first; `nil` is `[]`.
    public var arrayDimensions: [Expression?]
    /// The initializer, if any.
    public var initializer: Initializer?

    /// Creates a declarator.
    public init(
        name: String,
        pointers: [TypeQualifiers] = [],
        arrayDimensions: [Expression?] = [],
        initializer: Initializer? = nil
    ) {
        self.name = name
        self.pointers = pointers
        self.arrayDimensions = arrayDimensions
        self.initializer = initializer
    }
}

/// A variable declaration: shared specifiers followed by one or more declarators.
public struct VariableDeclaration: Hashable, Sendable, Codable {
    /// `static` for read-only tables, otherwise `nil`.
    public var storage: StorageClass?
    /// The shared basic type.
    public var specifier: TypeSpecifier
    /// Qualifiers on the shared basic type.
    public var qualifiers: TypeQualifiers
    /// The declared names, in order (never empty).
    public var declarators: [Declarator]

    /// Creates a declaration.
    public init(
        storage: StorageClass? = nil,
        specifier: TypeSpecifier,
        qualifiers: TypeQualifiers = [],
        declarators: [Declarator]
    ) {
        self.storage = storage
        self.specifier = specifier
        self.qualifiers = qualifiers
        self.declarators = declarators
    }

    /// The full type of one declarator of this declaration.
    public func type(of declarator: Declarator) -> TypeName {
        TypeName(specifier, qualifiers: qualifiers, pointers: declarator.pointers,
                 arrayDimensions: declarator.arrayDimensions)
    }
}

/// A function parameter; unnamed parameters are allowed in prototypes.
public struct Parameter: Hashable, Sendable, Codable {
    /// The parameter's type as written (arrays stay arrays, e.g. `const int a[]`).
    public var type: TypeName
    /// The parameter name, if written.
    public var name: String?

    /// Creates a parameter.
    public init(type: TypeName, name: String?) {
        self.type = type
        self.name = name
    }
}

/// A function definition (with a body) or prototype (without).
public struct FunctionDeclaration: Hashable, Sendable, Codable {
    /// `static`, `extern` or none.
    public var storage: StorageClass?
    /// Whether `inline` was written.
    public var isInline: Bool
    /// The return type (never an array).
    public var returnType: TypeName
    /// The function name.
    public var name: String
    /// The parameters; empty for both `f()` and `f(void)`.
    public var parameters: [Parameter]
    /// True for `f(void)`, false for `f()` or a non-empty list.
    public var hasVoidParameterList: Bool
    /// The body of a definition; `nil` for a prototype.
    public var body: Block?

    /// Creates a function declaration.
    public init(
        storage: StorageClass? = nil,
        isInline: Bool = false,
        returnType: TypeName,
        name: String,
        parameters: [Parameter],
        hasVoidParameterList: Bool = false,
        body: Block?
    ) {
        self.storage = storage
        self.isInline = isInline
        self.returnType = returnType
        self.name = name
        self.parameters = parameters
        self.hasVoidParameterList = hasVoidParameterList
        self.body = body
    }
}

/// `typedef T name;` — one typedef name (a declaration naming several is split into several).
public struct TypedefDeclaration: Hashable, Sendable, Codable {
    /// The aliased type.
    public var type: TypeName
    /// The new type name.
    public var name: String

    /// Creates a typedef.
    public init(type: TypeName, name: String) {
        self.type = type
        self.name = name
    }
}
