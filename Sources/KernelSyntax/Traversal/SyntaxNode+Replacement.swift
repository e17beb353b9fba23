/// Copy-on-write replacement of one child of a node.
extension SyntaxNode {
    /// Returns a copy of this node with child `index` replaced by `node`.
    ///
    /// Throws `NodePathError.noNode` if the child does not exist and `.kindMismatch` if `node`
    /// cannot fill the slot. A block slot also accepts `.statement(.compound(block))`; the `for`
    /// initializer slot accepts `.statement(.declaration)` or `.expression`. `path` is used for errors.
    public func replacingChild(at index: Int, with node: SyntaxNode, path: NodePath = .root) throws -> SyntaxNode {
        let slot = Slot(node: node, path: path)
        func check(_ valid: Bool) throws {
            if !valid { throw NodePathError.noNode(path) }
        }
        switch self {
        case .external(.function(var f)):
            try check(index == 0 && f.body != nil)
            f.body = try slot.block()
            return .external(.function(f))
        case .external(.constantTable(var d)):
            try check(d.declarators.indices.contains(index))
            d.declarators[index] = try slot.declarator()
            return .external(.constantTable(d))
        case .external(.typedef):
            throw NodePathError.noNode(path)
        case .block(var b):
            try check(b.items.indices.contains(index))
            b.items[index] = try slot.statement()
            return .block(b)
        case .statement(let s):
            return .statement(try SyntaxNode.replacing(in: s, index: index, slot: slot))
        case .declarator(var d):
            try check(index == 0 && d.initializer != nil)
            d.initializer = try slot.initializer()
            return .declarator(d)
        case .initializer(.expression):
            try check(index == 0)
            return .initializer(.expression(try slot.expression()))
        case .initializer(.list(var items)):
            try check(items.indices.contains(index))
            items[index] = try slot.initializer()
            return .initializer(.list(items))
        case .expression(let e):
            return .expression(try SyntaxNode.replacing(in: e, index: index, slot: slot))
        }
    }

    /// A replacement node plus the checks that it fits a slot.
    struct Slot {
        var node: SyntaxNode
        var path: NodePath

        func mismatch(_ expected: String) -> NodePathError {
            .kindMismatch(path, expected: expected, found: node.kindName)
        }
        func expression() throws -> Expression {
            guard case .expression(let e) = node else { throw mismatch("an expression") }
            return e
        }
        func statement() throws -> Statement {
            guard case .statement(let s) = node else { throw mismatch("a statement") }
            return s
        }
        func block() throws -> Block {
            if case .block(let b) = node { return b }
            if case .statement(.compound(let b)) = node { return b }
            throw mismatch("a block")
        }
        func declarator() throws -> Declarator {
            guard case .declarator(let d) = node else { throw mismatch("a declarator") }
            return d
        }
        func initializer() throws -> Initializer {
            guard case .initializer(let i) = node else { throw mismatch("an initializer") }
            return i
        }
        func forInitializer() throws -> ForInitializer {
            if case .statement(.declaration(let d)) = node { return .declaration(d) }
            if case .expression(let e) = node { return .expression(e) }
            throw mismatch("a declaration or an expression")
        }
    }

    static func replacing(in s: Statement, index: Int, slot: Slot) throws -> Statement {
        switch (s, index) {
        case (.compound(var b), _) where b.items.indices.contains(index):
            b.items[index] = try slot.statement()
            return .compound(b)
        case (.declaration(var d), _) where d.declarators.indices.contains(index):
            d.declarators[index] = try slot.declarator()
            return .declaration(d)
        case (.expression, 0):
            return .expression(try slot.expression())
        case (.ifStatement(_, let t, let e), 0): return .ifStatement(try slot.expression(), then: t, else: e)
        case (.ifStatement(let c, _, let e), 1): return .ifStatement(c, then: try slot.block(), else: e)
        case (.ifStatement(let c, let t, .some), 2): return .ifStatement(c, then: t, else: try slot.block())
        case (.whileLoop(_, let b), 0): return .whileLoop(try slot.expression(), b)
        case (.whileLoop(let c, _), 1): return .whileLoop(c, try slot.block())
        case (.doWhileLoop(_, let c), 0): return .doWhileLoop(try slot.block(), c)
        case (.doWhileLoop(let b, _), 1): return .doWhileLoop(b, try slot.expression())
        case (.forLoop(.some, let c, let st, let b), 0): return .forLoop(try slot.forInitializer(), c, st, b)
        case (.forLoop(let i, .some, let st, let b), 1): return .forLoop(i, try slot.expression(), st, b)
        case (.forLoop(let i, let c, .some, let b), 2): return .forLoop(i, c, try slot.expression(), b)
        case (.forLoop(let i, let c, let st, _), 3): return .forLoop(i, c, st, try slot.block())
        case (.switchStatement(_, let b), 0): return .switchStatement(try slot.expression(), b)
        case (.switchStatement(let v, _), 1): return .switchStatement(v, try slot.block())
        case (.caseLabel(_, let l), 0): return .caseLabel(try slot.expression(), l)
        case (.caseLabel(let v, _), 1): return .caseLabel(v, try slot.statement())
        case (.defaultLabel, 0): return .defaultLabel(try slot.statement())
        case (.returnStatement(.some), 0): return .returnStatement(try slot.expression())
        default: throw NodePathError.noNode(slot.path)
        }
    }

    static func replacing(in e: Expression, index: Int, slot: Slot) throws -> Expression {
        switch (e, index) {
        case (.unary(let op, _), 0): return .unary(op, try slot.expression())
        case (.postfix(let op, _), 0): return .postfix(op, try slot.expression())
        case (.cast(let type, _), 0): return .cast(type, try slot.expression())
        case (.sizeofExpression, 0): return .sizeofExpression(try slot.expression())
        case (.binary(let op, _, let r), 0): return .binary(op, try slot.expression(), r)
        case (.binary(let op, let l, _), 1): return .binary(op, l, try slot.expression())
        case (.assignment(let op, _, let r), 0): return .assignment(op, try slot.expression(), r)
        case (.assignment(let op, let l, _), 1): return .assignment(op, l, try slot.expression())
        case (.comma(_, let r), 0): return .comma(try slot.expression(), r)
        case (.comma(let l, _), 1): return .comma(l, try slot.expression())
        case (.subscript(_, let i), 0): return .subscript(try slot.expression(), i)
        case (.subscript(let b, _), 1): return .subscript(b, try slot.expression())
        case (.conditional(_, let t, let f), 0): return .conditional(try slot.expression(), t, f)
        case (.conditional(let c, _, let f), 1): return .conditional(c, try slot.expression(), f)
        case (.conditional(let c, let t, _), 2): return .conditional(c, t, try slot.expression())
        case (.call(let name, var arguments), _) where arguments.indices.contains(index):
            arguments[index] = try slot.expression()
            return .call(name, arguments)
        default: throw NodePathError.noNode(slot.path)
        }
    }
}
