/// Entry points for parsing kernel C source.
public enum CParser {
    /// Parses a complete kernel file, or throws a `SyntaxError` naming `file:line:col`.
    public static func parse(_ source: String, fileName: String = "kernel.c") throws -> TranslationUnit {
        var parser = try Parser(source: source, fileName: fileName, typedefNames: [])
        return try parser.parseTranslationUnit()
    }

    /// Parses a single expression; `typedefNames` lists names to treat as types (for casts and `sizeof`).
    public static func parseExpression(
        _ source: String, typedefNames: Set<String> = [], fileName: String = "expression.c"
    ) throws -> Expression {
        var parser = try Parser(source: source, fileName: fileName, typedefNames: typedefNames)
        let expression = try parser.parseExpression()
        try parser.expectEndOfInput()
        return expression
    }

    /// Parses a single statement or local declaration (as it would appear inside a function body).
    public static func parseStatement(
        _ source: String, typedefNames: Set<String> = [], fileName: String = "statement.c"
    ) throws -> Statement {
        var parser = try Parser(source: source, fileName: fileName, typedefNames: typedefNames)
        let statement = try parser.parseBlockItem()
        try parser.expectEndOfInput()
        return statement
    }
}

/// A recursive-descent parser over a token array. Every loop consumes at least one token
/// or throws, and recursion depth is bounded by `maxDepth`, so garbage input always terminates.
struct Parser {
    /// Maximum nesting (parentheses, operators, blocks) before `SyntaxError.nestingTooDeep`.
    static let maxDepth = 256

    let tokens: [Token]
    var index = 0
    var typedefNames: Set<String>
    var depth = 0

    init(source: String, fileName: String, typedefNames: Set<String>) throws {
        let tokens = try CLexer.tokenize(source, fileName: fileName)
        try Parser.refuseUnsupportedTokens(tokens)
        self.tokens = tokens
        self.typedefNames = typedefNames
    }

    // MARK: Token cursor

    var current: Token { tokens[index] }

    func kind(at offset: Int) -> TokenKind { tokens[min(index + offset, tokens.count - 1)].kind }

    func isPunct(_ p: Punctuator, offset: Int = 0) -> Bool { kind(at: offset) == .punctuator(p) }

    func isKeyword(_ k: Keyword, offset: Int = 0) -> Bool { kind(at: offset) == .keyword(k) }

    var atEnd: Bool { current.kind == .endOfFile }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func consume(_ p: Punctuator) -> Bool {
        guard isPunct(p) else { return false }
        advance()
        return true
    }

    /// Consumes `p` or throws; with an `opener`, running out of input reports the unclosed opener instead.
    @discardableResult
    mutating func expect(_ p: Punctuator, _ expected: String? = nil, opener: SourceLocation? = nil) throws -> Token {
        if isPunct(p) { return advance() }
        if let opener, atEnd {
            let open = [Punctuator.rightBrace: "{", .rightParen: "(", .rightBracket: "["][p] ?? p.rawValue
            throw SyntaxError.unclosedDelimiter(opener, delimiter: open)
        }
        throw unexpected(expected ?? "'\(p.rawValue)'")
    }

    mutating func expectEndOfInput() throws {
        guard atEnd else { throw unexpected("end of input") }
    }

    /// The error for finding the current token where `expected` should be.
    func unexpected(_ expected: String) -> SyntaxError {
        if atEnd { return .unexpectedEndOfInput(current.location, expected: expected) }
        if isPunct(.rightBrace) || isPunct(.rightParen), depth == 0 {
            return .unmatchedDelimiter(current.location, delimiter: isPunct(.rightBrace) ? "}" : ")")
        }
        return .unexpectedToken(current.location, found: current.displayText, expected: expected)
    }

    /// Shorthand for an `unsupportedConstruct` error.
    func unsupported(_ location: SourceLocation, _ construct: String, _ reason: String) -> SyntaxError {
        .unsupportedConstruct(location, construct: construct, reason: reason)
    }

    /// Counts one level of nesting (`weight` levels for constructs with large stack frames).
    mutating func enter(_ weight: Int = 1) throws {
        depth += weight
        if depth > Parser.maxDepth { throw SyntaxError.nestingTooDeep(current.location, limit: Parser.maxDepth) }
    }

    mutating func leave(_ weight: Int = 1) { depth -= weight }

    // MARK: Classification

    func isTypedefName(at offset: Int = 0) -> Bool {
        if case .identifier(let name) = kind(at: offset) { return typedefNames.contains(name) }
        return false
    }

    /// True if the token at `offset` can start a type name (cast, `sizeof`, parameter).
    func startsTypeName(at offset: Int = 0) -> Bool {
        if case .keyword(let k) = kind(at: offset) { return k.isTypeSpecifier || k.isTypeQualifier }
        return isTypedefName(at: offset)
    }

    /// True if the current token can start a declaration (type name or storage/function specifier).
    func startsDeclaration() -> Bool {
        if startsTypeName() { return true }
        if case .keyword(let k) = current.kind { return [.static, .extern, .typedef, .inline].contains(k) }
        return false
    }
}
