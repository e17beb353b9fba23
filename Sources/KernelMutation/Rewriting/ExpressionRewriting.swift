import KernelSyntax

/// Structural helpers over expression trees.
extension Expression {
    /// The direct sub-expressions, left to right (as in `SyntaxNode.children`).
    var operands: [Expression] {
        switch self {
        case .identifier, .integerLiteral, .floatingLiteral, .characterLiteral, .stringLiteral, .sizeofType:
            return []
        case .unary(_, let x), .postfix(_, let x), .cast(_, let x), .sizeofExpression(let x):
            return [x]
        case .binary(_, let l, let r), .assignment(_, let l, let r), .comma(let l, let r), .subscript(let l, let r):
            return [l, r]
        case .conditional(let c, let t, let f):
            return [c, t, f]
        case .call(_, let arguments):
            return arguments
        }
    }

    /// The same node with its operands replaced (`operands.count` must match).
    func withOperands(_ o: [Expression]) -> Expression {
        switch self {
        case .identifier, .integerLiteral, .floatingLiteral, .characterLiteral, .stringLiteral, .sizeofType: return self
        case .unary(let op, _): return .unary(op, o[0])
        case .postfix(let op, _): return .postfix(op, o[0])
        case .cast(let type, _): return .cast(type, o[0])
        case .sizeofExpression: return .sizeofExpression(o[0])
        case .binary(let op, _, _): return .binary(op, o[0], o[1])
        case .assignment(let op, _, _): return .assignment(op, o[0], o[1])
        case .comma: return .comma(o[0], o[1])
        case .subscript: return .subscript(o[0], o[1])
        case .conditional: return .conditional(o[0], o[1], o[2])
        case .call(let name, _): return .call(name, o)
        }
    }

    /// Top-down rewrite: where `transform` returns a node it replaces the subtree (and is not
    /// revisited); where it returns `nil` the operands are rewritten.
    func rewritten(_ transform: (Expression) -> Expression?) -> Expression {
        if let replacement = transform(self) { return replacement }
        let children = operands
        if children.isEmpty { return self }
        return withOperands(children.map { $0.rewritten(transform) })
    }

    /// Visits this node and every sub-expression in pre-order.
    func forEachNode(_ body: (Expression) -> Void) {
        body(self)
        for operand in operands { operand.forEachNode(body) }
    }

    /// True if this node or a sub-expression satisfies `predicate`.
    func contains(where predicate: (Expression) -> Bool) -> Bool {
        if predicate(self) { return true }
        return operands.contains { $0.contains(where: predicate) }
    }

    /// How many times `target` occurs as a subtree.
    func occurrences(of target: Expression) -> Int {
        var count = 0
        forEachNode { if $0 == target { count += 1 } }
        return count
    }

    /// Every occurrence of `target` replaced by `replacement`.
    func replacing(_ target: Expression, with replacement: Expression) -> Expression {
        rewritten { $0 == target ? replacement : nil }
    }

    /// The variable name, if this is a plain identifier.
    var identifierName: String? { if case .identifier(let name) = self { return name } else { return nil } }

}
