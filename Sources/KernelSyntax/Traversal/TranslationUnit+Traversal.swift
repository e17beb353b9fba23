/// Path-based lookup, enumeration and replacement over a whole translation unit.
extension TranslationUnit {
    /// The node at `path`, or `nil` if there is none (the root path has no `SyntaxNode`).
    public func node(at path: NodePath) -> SyntaxNode? {
        guard let first = path.indices.first, declarations.indices.contains(first) else { return nil }
        var node = SyntaxNode.external(declarations[first])
        for index in path.indices.dropFirst() {
            guard let child = node.child(at: index) else { return nil }
            node = child
        }
        return node
    }

    /// The statement at `path`, if that node is a statement.
    public func statement(at path: NodePath) -> Statement? { node(at: path)?.asStatement }

    /// The expression at `path`, if that node is an expression.
    public func expression(at path: NodePath) -> Expression? { node(at: path)?.asExpression }

    /// Returns a new unit with the node at `path` replaced by `replacement`.
    public func replacing(_ path: NodePath, with replacement: SyntaxNode) throws -> TranslationUnit {
        guard let first = path.indices.first, declarations.indices.contains(first) else {
            throw NodePathError.noNode(path)
        }
        let updated = try TranslationUnit.replace(
            in: .external(declarations[first]), remaining: path.indices.dropFirst(), with: replacement, path: path)
        guard case .external(let declaration) = updated else {
            throw NodePathError.kindMismatch(path, expected: "a top-level declaration", found: updated.kindName)
        }
        var copy = self
        copy.declarations[first] = declaration
        return copy
    }

    /// Returns a new unit with the expression at `path` replaced.
    public func replacing(_ path: NodePath, with expression: Expression) throws -> TranslationUnit {
        try replacing(path, with: SyntaxNode.expression(expression))
    }

    /// Returns a new unit with the statement at `path` replaced.
    public func replacing(_ path: NodePath, with statement: Statement) throws -> TranslationUnit {
        try replacing(path, with: SyntaxNode.statement(statement))
    }

    static func replace(
        in node: SyntaxNode, remaining: ArraySlice<Int>, with replacement: SyntaxNode, path: NodePath
    ) throws -> SyntaxNode {
        guard let index = remaining.first else { return replacement }
        guard let child = node.child(at: index) else { throw NodePathError.noNode(path) }
        let newChild = try replace(in: child, remaining: remaining.dropFirst(), with: replacement, path: path)
        return try node.replacingChild(at: index, with: newChild, path: path)
    }

    /// Visits every node in pre-order (parents before children, children in index order).
    public func walk(_ visit: (NodePath, SyntaxNode) throws -> Void) rethrows {
        func recurse(_ node: SyntaxNode, _ path: NodePath) throws {
            try visit(path, node)
            for (index, child) in node.children { try recurse(child, path.appending(index)) }
        }
        for (index, declaration) in declarations.enumerated() {
            try recurse(.external(declaration), NodePath([index]))
        }
    }

    /// Every node with its path, in pre-order.
    public func allNodes() -> [NodeEntry<SyntaxNode>] {
        var result: [NodeEntry<SyntaxNode>] = []
        walk { result.append(NodeEntry(path: $0, node: $1)) }
        return result
    }

    /// Every statement (including local declarations and `for` declarations) with its path, in pre-order.
    public func allStatements() -> [NodeEntry<Statement>] {
        var result: [NodeEntry<Statement>] = []
        walk { path, node in if let s = node.asStatement { result.append(NodeEntry(path: path, node: s)) } }
        return result
    }

    /// Every expression (including nested subexpressions) with its path, in pre-order.
    public func allExpressions() -> [NodeEntry<Expression>] {
        var result: [NodeEntry<Expression>] = []
        walk { path, node in if let e = node.asExpression { result.append(NodeEntry(path: path, node: e)) } }
        return result
    }
}
