/// One top-level item of a kernel file.
public enum ExternalDeclaration: Hashable, Sendable, Codable {
    /// A function definition or prototype.
    case function(FunctionDeclaration)
    /// A file-scope `typedef`.
    case typedef(TypedefDeclaration)
    /// A file-scope `static const` table (the only file-scope data allowed; it is read-only).
    case constantTable(VariableDeclaration)
}

/// A whole parsed kernel file.
public struct TranslationUnit: Hashable, Sendable, Codable {
    /// The top-level items in source order.
    public var declarations: [ExternalDeclaration]

    /// Creates a translation unit.
    public init(_ declarations: [ExternalDeclaration] = []) { self.declarations = declarations }

    /// All function declarations (definitions and prototypes), in order.
    public var functions: [FunctionDeclaration] {
        declarations.compactMap { if case .function(let f) = $0 { return f } else { return nil } }
    }

    /// The definition (not prototype) of the function named `name`, if present.
    public func definition(of name: String) -> FunctionDeclaration? {
        functions.first { $0.name == name && $0.body != nil }
    }
}
