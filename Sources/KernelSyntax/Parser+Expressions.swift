/// Expressions by precedence climbing: comma, assignment, conditional, binary, cast, unary, postfix, primary.
extension Parser {
    mutating func parseExpression() throws -> Expression {
        var expression = try parseAssignmentExpression()
        var chain = 0
        defer { depth -= chain }
        while consume(.comma) {
            try enter()
            chain += 1
            expression = .comma(expression, try parseAssignmentExpression())
        }
        return expression
    }

    mutating func parseAssignmentExpression() throws -> Expression {
        try enter()
        defer { leave() }
        let start = current.location
        let lhs = try parseConditionalExpression()
        guard case .punctuator(let p) = current.kind, let op = AssignmentOperator(rawValue: p.rawValue) else {
            return lhs
        }
        guard lhs.isAssignable else { throw SyntaxError.notAssignable(start, operation: op.rawValue) }
        advance()
        return .assignment(op, lhs, try parseAssignmentExpression())
    }

    mutating func parseConditionalExpression() throws -> Expression {
        try enter()
        defer { leave() }
        let condition = try parseBinary(minimumPrecedence: 4)
        guard consume(.question) else { return condition }
        let then = try parseExpression()
        try expect(.colon, "':' in conditional expression")
        return .conditional(condition, then, try parseConditionalExpression())
    }

    mutating func parseBinary(minimumPrecedence: Int) throws -> Expression {
        var lhs = try parseCastExpression()
        var chain = 0
        defer { depth -= chain }
        while case .punctuator(let p) = current.kind, let op = BinaryOperator(rawValue: p.rawValue),
              op.precedence >= minimumPrecedence {
            try enter()
            chain += 1
            advance()
            lhs = .binary(op, lhs, try parseBinary(minimumPrecedence: op.precedence + 1))
        }
        return lhs
    }

    mutating func parseCastExpression() throws -> Expression {
        try enter()
        defer { leave() }
        guard isPunct(.leftParen), startsTypeName(at: 1) else { return try parseUnaryExpression() }
        let opener = advance().location
        let type = try parseTypeName()
        try expect(.rightParen, "')' after the type in a cast", opener: opener)
        try refuseCompoundLiteral()
        return .cast(type, try parseCastExpression())
    }

    mutating func refuseCompoundLiteral() throws {
        if isPunct(.leftBrace) {
            throw unsupported(current.location, "compound literal '(type){...}'", "declare a local array instead")
        }
    }

    mutating func parseUnaryExpression() throws -> Expression {
        try enter()
        defer { leave() }
        let token = current
        switch token.kind {
        case .punctuator(let p) where p == .plusPlus || p == .minusMinus:
            advance()
            let operand = try parseUnaryExpression()
            guard operand.isAssignable else { throw SyntaxError.notAssignable(token.location, operation: p.rawValue) }
            return .unary(p == .plusPlus ? .preIncrement : .preDecrement, operand)
        case .punctuator(.ampAmp):
            throw unsupported(token.location, "GNU label address '&&label'", "labels and goto are outside the kernel subset")
        case .punctuator(let p):
            let op: UnaryOperator
            switch p {
            case .ampersand: op = .addressOf
            case .star: op = .dereference
            case .plus: op = .plus
            case .minus: op = .negate
            case .tilde: op = .bitwiseNot
            case .bang: op = .logicalNot
            default: return try parsePostfixExpression()
            }
            advance()
            return .unary(op, try parseCastExpression())
        case .keyword(.sizeof):
            advance()
            if isPunct(.leftParen), startsTypeName(at: 1) {
                let opener = advance().location
                let type = try parseTypeName()
                try expect(.rightParen, "')' after the type in 'sizeof'", opener: opener)
                try refuseCompoundLiteral()
                return .sizeofType(type)
            }
            return .sizeofExpression(try parseUnaryExpression())
        default:
            return try parsePostfixExpression()
        }
    }

    mutating func parsePostfixExpression() throws -> Expression {
        var expression = try parsePrimaryExpression()
        var chain = 0
        defer { depth -= chain }
        while true {
            let token = current
            switch token.kind {
            case .punctuator(.leftBracket):
                try enter()
                chain += 1
                advance()
                let index = try parseExpression()
                try expect(.rightBracket, "']' after subscript", opener: token.location)
                expression = .subscript(expression, index)
            case .punctuator(.leftParen):
                guard case .identifier(let name) = expression else {
                    throw unsupported(token.location, "call through an expression (function pointer)",
                                      "only named functions can be called")
                }
                advance()
                var arguments: [Expression] = []
                if !consume(.rightParen) {
                    repeat { arguments.append(try parseAssignmentExpression()) } while consume(.comma)
                    try expect(.rightParen, "',' or ')' in argument list", opener: token.location)
                }
                expression = .call(name, arguments)
            case .punctuator(let p) where p == .plusPlus || p == .minusMinus:
                guard expression.isAssignable else {
                    throw SyntaxError.notAssignable(token.location, operation: p.rawValue)
                }
                try enter()
                chain += 1
                advance()
                expression = .postfix(p == .plusPlus ? .increment : .decrement, expression)
            default:
                return expression
            }
        }
    }

    mutating func parsePrimaryExpression() throws -> Expression {
        let token = current
        switch token.kind {
        case .identifier(let name) where !typedefNames.contains(name):
            advance()
            return .identifier(name)
        case .integerLiteral(let spelling):
            advance()
            return .integerLiteral(spelling)
        case .floatingLiteral(let spelling):
            advance()
            return .floatingLiteral(spelling)
        case .characterLiteral(let spelling):
            advance()
            return .characterLiteral(spelling)
        case .stringLiteral(let spelling):
            advance()
            var parts = [spelling]
            while case .stringLiteral(let next) = current.kind {
                parts.append(next)
                advance()
            }
            return .stringLiteral(parts)
        case .punctuator(.leftParen):
            if isPunct(.leftBrace, offset: 1) {
                throw unsupported(token.location, "GNU statement expression '({ ... })'",
                                  "GNU extensions are outside the kernel subset")
            }
            advance()
            let inner = try parseExpression()
            try expect(.rightParen, "')'", opener: token.location)
            return inner
        default:
            throw unexpected("an expression")
        }
    }
}
