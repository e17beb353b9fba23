/// Renders expressions, types and declarations as single-line C text.
enum ExpressionPrinter {
    /// Renders `e`, parenthesised if it binds more loosely than `minimumPrecedence`.
    static func render(_ e: Expression, minimumPrecedence: Int) -> String {
        let text = body(e)
        return e.precedence < minimumPrecedence ? "(" + text + ")" : text
    }

    /// The operand of `++`, `--`, `sizeof` or an assignment target: a unary-expression, never a bare cast.
    static func unaryOperand(_ e: Expression) -> String {
        switch e {
        case .unary, .sizeofType, .sizeofExpression: return body(e)
        default: return render(e, minimumPrecedence: 15)
        }
    }

    static func body(_ e: Expression) -> String {
        switch e {
        case .identifier(let text), .integerLiteral(let text), .floatingLiteral(let text), .characterLiteral(let text):
            return text
        case .stringLiteral(let parts):
            return parts.joined(separator: " ")
        case .unary(let op, let operand):
            var text = op.modifiesOperand ? unaryOperand(operand) : render(operand, minimumPrecedence: 14)
            // Keep `- -x`, `+ ++x`, `& &x` from fusing into `--x`, `+++x`, `&&x`.
            if let first = text.first, first == op.rawValue.last, "+-&".contains(first) {
                text = "(" + text + ")"
            }
            return op.rawValue + text
        case .postfix(let op, let operand):
            return render(operand, minimumPrecedence: 15) + op.rawValue
        case .binary(let op, let lhs, let rhs):
            return render(lhs, minimumPrecedence: op.precedence) + " \(op.rawValue) "
                + render(rhs, minimumPrecedence: op.precedence + 1)
        case .assignment(let op, let lhs, let rhs):
            return unaryOperand(lhs) + " \(op.rawValue) " + render(rhs, minimumPrecedence: 2)
        case .conditional(let condition, let then, let otherwise):
            return render(condition, minimumPrecedence: 4) + " ? " + render(then, minimumPrecedence: 1)
                + " : " + render(otherwise, minimumPrecedence: 3)
        case .comma(let lhs, let rhs):
            return render(lhs, minimumPrecedence: 1) + ", " + render(rhs, minimumPrecedence: 2)
        case .cast(let type, let operand):
            return "(" + declaration(of: type, name: "") + ")" + render(operand, minimumPrecedence: 14)
        case .sizeofType(let type):
            return "sizeof(" + declaration(of: type, name: "") + ")"
        case .sizeofExpression(let operand):
            return "sizeof(" + render(operand, minimumPrecedence: 1) + ")"
        case .call(let name, let arguments):
            return name + "(" + arguments.map { render($0, minimumPrecedence: 2) }.joined(separator: ", ") + ")"
        case .subscript(let base, let index):
            return render(base, minimumPrecedence: 15) + "[" + render(index, minimumPrecedence: 1) + "]"
        }
    }

    /// `const int *const name[4]`; with an empty `name`, the abstract form `const int *const[4]`.
    static func declaration(of type: TypeName, name: String) -> String {
        declaration(specifier: type.specifier, qualifiers: type.qualifiers, declarator: declaratorText(
            pointers: type.pointers, name: name, dimensions: type.arrayDimensions))
    }

    static func declaration(specifier: TypeSpecifier, qualifiers: TypeQualifiers, declarator: String) -> String {
        let base = qualifiers.isEmpty ? specifier.spelling : qualifiers.spelling + " " + specifier.spelling
        if declarator.isEmpty { return base }
        return base + (declarator.first == "[" ? "" : " ") + declarator
    }

    /// `*const p[3]`: pointer stars with their qualifiers, then the name, then the dimensions.
    static func declaratorText(pointers: [TypeQualifiers], name: String, dimensions: [Expression?]) -> String {
        var text = ""
        for qualifiers in pointers {
            text += "*"
            if !qualifiers.isEmpty { text += qualifiers.spelling + " " }
        }
        text += name
        if name.isEmpty, text.hasSuffix(" ") { text.removeLast() }
        for dimension in dimensions {
            text += "[" + (dimension.map { render($0, minimumPrecedence: 2) } ?? "") + "]"
        }
        return text
    }

    /// A whole variable declaration without the trailing `;`.
    static func declaration(_ d: VariableDeclaration) -> String {
        let declarators = d.declarators.map { declarator -> String in
            var text = declaratorText(pointers: declarator.pointers, name: declarator.name,
                                      dimensions: declarator.arrayDimensions)
            if let initializer = declarator.initializer { text += " = " + render(initializer) }
            return text
        }.joined(separator: ", ")
        let prefix = d.storage.map { $0.rawValue + " " } ?? ""
        return prefix + declaration(specifier: d.specifier, qualifiers: d.qualifiers, declarator: declarators)
    }

    static func render(_ initializer: Initializer) -> String {
        switch initializer {
        case .expression(let e): return render(e, minimumPrecedence: 2)
        case .list(let items): return "{" + items.map(render).joined(separator: ", ") + "}"
        }
    }
}
