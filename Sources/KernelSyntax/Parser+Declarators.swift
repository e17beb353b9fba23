/// The pieces shared by all declarations: pointers, array dimensions, initializers and abstract type names.
extension Parser {
    mutating func parseInitializer() throws -> Initializer {
        guard isPunct(.leftBrace) else { return .expression(try parseAssignmentExpression()) }
        try enter()
        defer { leave() }
        let opener = advance().location
        if isPunct(.rightBrace) {
            throw SyntaxError.invalidDeclaration(current.location, "empty initializer list '{}' (write '{0}')")
        }
        var items: [Initializer] = []
        while true {
            if isPunct(.leftBracket) {
                throw unsupported(current.location, "designated initializer", "list the elements in order")
            }
            items.append(try parseInitializer())
            if consume(.comma) {
                if consume(.rightBrace) { break }
                continue
            }
            try expect(.rightBrace, "',' or '}' in initializer list", opener: opener)
            break
        }
        return .list(items)
    }

    /// A type name as used in casts and `sizeof` (no declarator name).
    mutating func parseTypeName() throws -> TypeName {
        let specs = try parseDeclarationSpecifiers()
        if specs.storage != nil || specs.isTypedef || specs.isInline {
            throw SyntaxError.invalidDeclaration(specs.location, "storage class or 'inline' in a type name")
        }
        let pointers = parsePointers()
        if isPunct(.leftParen) { throw parenthesizedDeclaratorError() }
        return TypeName(specs.specifier, qualifiers: specs.qualifiers, pointers: pointers,
                        arrayDimensions: try parseArrayDimensions())
    }

    mutating func parsePointers() -> [TypeQualifiers] {
        var pointers: [TypeQualifiers] = []
        while consume(.star) {
            var qualifiers: TypeQualifiers = []
            while case .keyword(let k) = current.kind, let q = Parser.qualifier(k) {
                qualifiers.insert(q)
                advance()
            }
            pointers.append(qualifiers)
        }
        return pointers
    }

    mutating func parseArrayDimensions() throws -> [Expression?] {
        var dimensions: [Expression?] = []
        while isPunct(.leftBracket) {
            let opener = advance().location
            if consume(.rightBracket) {
                dimensions.append(nil)
                continue
            }
            if case .keyword(let k) = current.kind, k == .static || k.isTypeQualifier {
                throw unsupported(current.location, "'\(k.rawValue)' inside array brackets",
                                  "write the parameter as a pointer or a plain array")
            }
            let size = try parseAssignmentExpression()
            try expect(.rightBracket, "']' after array size", opener: opener)
            dimensions.append(size)
        }
        return dimensions
    }

    static func qualifier(_ k: Keyword) -> TypeQualifiers? {
        switch k {
        case .const: return .const
        case .volatile: return .volatile
        case .restrict: return .restrict
        default: return nil
        }
    }
}
