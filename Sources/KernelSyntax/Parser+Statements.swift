/// Statements, blocks and control-flow bodies.
extension Parser {
    /// Nesting levels charged per statement or block: their parser frames are the largest,
    /// so deep statement nesting hits `maxDepth` sooner (about 64 nested blocks).
    static let statementWeight = 2

    mutating func parseBlock() throws -> Block {
        let opener = try expect(.leftBrace, "'{'").location
        try enter(Parser.statementWeight)
        defer { leave(Parser.statementWeight) }
        var items: [Statement] = []
        while !isPunct(.rightBrace) {
            if atEnd { throw SyntaxError.unclosedDelimiter(opener, delimiter: "{") }
            items.append(try parseBlockItem())
        }
        advance()
        return Block(items)
    }

    mutating func parseBlockItem() throws -> Statement {
        if startsDeclaration() { return .declaration(try parseLocalDeclaration()) }
        return try parseStatement()
    }

    /// The body of `if`/`else`/`while`/`do`/`for`/`switch`: a block, or one statement wrapped in a block.
    mutating func parseBody() throws -> Block {
        if isPunct(.leftBrace) { return try parseBlock() }
        if startsDeclaration() {
            throw unexpected("a statement (a declaration cannot be an unbraced body)")
        }
        return Block([try parseStatement()])
    }

    mutating func parseStatement() throws -> Statement {
        try enter(Parser.statementWeight)
        defer { leave(Parser.statementWeight) }
        let token = current
        switch token.kind {
        case .punctuator(.leftBrace):
            return .compound(try parseBlock())
        case .punctuator(.semicolon):
            advance()
            return .empty
        case .keyword(.if):
            advance()
            let condition = try parseParenthesizedCondition(after: "if")
            let then = try parseBody()
            var otherwise: Block?
            if isKeyword(.else) {
                advance()
                otherwise = try parseBody()
            }
            return .ifStatement(condition, then: then, else: otherwise)
        case .keyword(.while):
            advance()
            let condition = try parseParenthesizedCondition(after: "while")
            return .whileLoop(condition, try parseBody())
        case .keyword(.do):
            advance()
            let body = try parseBody()
            guard isKeyword(.while) else { throw unexpected("'while' after the body of 'do'") }
            advance()
            let condition = try parseParenthesizedCondition(after: "while")
            try expect(.semicolon, "';' after 'do ... while (...)'")
            return .doWhileLoop(body, condition)
        case .keyword(.for):
            return try parseFor()
        case .keyword(.switch):
            advance()
            let value = try parseParenthesizedCondition(after: "switch")
            return .switchStatement(value, try parseBody())
        case .keyword(.case):
            advance()
            let value = try parseConditionalExpression()
            try expect(.colon, "':' after case value")
            return .caseLabel(value, try parseLabeledStatement())
        case .keyword(.default):
            advance()
            try expect(.colon, "':' after 'default'")
            return .defaultLabel(try parseLabeledStatement())
        case .keyword(.break):
            advance()
            try expect(.semicolon, "';' after 'break'")
            return .breakStatement
        case .keyword(.continue):
            advance()
            try expect(.semicolon, "';' after 'continue'")
            return .continueStatement
        case .keyword(.return):
            advance()
            if consume(.semicolon) { return .returnStatement(nil) }
            let value = try parseExpression()
            try expect(.semicolon, "';' after return value")
            return .returnStatement(value)
        case .keyword(.else):
            throw unexpected("a statement ('else' without a matching 'if')")
        case .identifier(let name) where isPunct(.colon, offset: 1) && !typedefNames.contains(name):
            throw unsupported(token.location, "label '\(name)'",
                              "labels and goto are outside the kernel subset; use structured control flow")
        default:
            let expression = try parseExpression()
            try expect(.semicolon, "';' after expression")
            return .expression(expression)
        }
    }

    /// The statement after `case X:` or `default:` (a declaration is not allowed there in C17).
    mutating func parseLabeledStatement() throws -> Statement {
        if startsDeclaration() {
            throw SyntaxError.invalidDeclaration(current.location, "a declaration cannot directly follow a case label; wrap it in braces")
        }
        if isPunct(.rightBrace) { throw unexpected("a statement after the label") }
        return try parseStatement()
    }

    mutating func parseParenthesizedCondition(after keyword: String) throws -> Expression {
        let opener = try expect(.leftParen, "'(' after '\(keyword)'").location
        let condition = try parseExpression()
        try expect(.rightParen, "')' after the '\(keyword)' condition", opener: opener)
        return condition
    }

    mutating func parseFor() throws -> Statement {
        advance()
        let opener = try expect(.leftParen, "'(' after 'for'").location
        var initializer: ForInitializer?
        if consume(.semicolon) {
            initializer = nil
        } else if startsDeclaration() {
            let location = current.location
            let declaration = try parseLocalDeclaration()
            if declaration.storage != nil {
                throw SyntaxError.invalidDeclaration(location, "a 'for' declaration cannot be 'static'")
            }
            initializer = .declaration(declaration)
        } else {
            initializer = .expression(try parseExpression())
            try expect(.semicolon, "';' after the 'for' initializer")
        }
        var condition: Expression?
        if !isPunct(.semicolon) { condition = try parseExpression() }
        try expect(.semicolon, "';' after the 'for' condition")
        var step: Expression?
        if !isPunct(.rightParen) { step = try parseExpression() }
        try expect(.rightParen, "')' after the 'for' clauses", opener: opener)
        return .forLoop(initializer, condition, step, try parseBody())
    }
}
