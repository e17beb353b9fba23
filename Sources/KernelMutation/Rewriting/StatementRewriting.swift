import KernelSyntax

/// Applying expression rewrites and renamings through statements, blocks and declarations.
extension Statement {
    /// The statement with `transform` (as in `Expression.rewritten`) applied to every expression
    /// inside it: nested statements, conditions, `for` clauses, initializers and array sizes.
    func rewritingExpressions(_ transform: (Expression) -> Expression?) -> Statement {
        renaming([:], transform)
    }

    /// The statement with declared variable names mapped through `names` and `transform`
    /// applied to every expression (use it to rename uses too).
    func renaming(_ names: [String: String], _ transform: (Expression) -> Expression?) -> Statement {
        func e(_ x: Expression) -> Expression { x.rewritten(transform) }
        func b(_ x: Block) -> Block { x.renaming(names, transform) }
        switch self {
        case .compound(let block): return .compound(b(block))
        case .declaration(let d): return .declaration(d.renaming(names, transform))
        case .expression(let x): return .expression(e(x))
        case .empty, .breakStatement, .continueStatement: return self
        case .ifStatement(let c, let t, let f): return .ifStatement(e(c), then: b(t), else: f.map(b))
        case .whileLoop(let c, let body): return .whileLoop(e(c), b(body))
        case .doWhileLoop(let body, let c): return .doWhileLoop(b(body), e(c))
        case .forLoop(let i, let c, let s, let body):
            var initializer = i
            switch i {
            case .declaration(let d)?: initializer = .declaration(d.renaming(names, transform))
            case .expression(let x)?: initializer = .expression(e(x))
            case nil: break
            }
            return .forLoop(initializer, c.map(e), s.map(e), b(body))
        case .switchStatement(let v, let body): return .switchStatement(e(v), b(body))
        case .caseLabel(let v, let s): return .caseLabel(e(v), s.renaming(names, transform))
        case .defaultLabel(let s): return .defaultLabel(s.renaming(names, transform))
        case .returnStatement(let v): return .returnStatement(v.map(e))
        }
    }

    /// Calls `body` with every top-level expression of this statement and its nested statements
    /// (conditions, clauses, initializers, array sizes), in source order.
    func forEachExpression(_ body: (Expression) -> Void) {
        _ = rewritingExpressions { body($0); return $0 }
    }

    /// How many times `target` occurs anywhere inside the statement.
    func occurrences(of target: Expression) -> Int {
        var count = 0
        forEachExpression { count += $0.occurrences(of: target) }
        return count
    }

    /// True if some expression inside the statement contains a node satisfying `predicate`.
    func containsExpression(where predicate: (Expression) -> Bool) -> Bool {
        var found = false
        forEachExpression { if !found && $0.contains(where: predicate) { found = true } }
        return found
    }

    /// The statement with every occurrence of `target` replaced.
    func replacing(_ target: Expression, with replacement: Expression) -> Statement {
        rewritingExpressions { $0 == target ? replacement : nil }
    }

    /// True for `case`/`default` labeled statements.
    var isLabel: Bool {
        switch self {
        case .caseLabel, .defaultLabel: return true
        default: return false
        }
    }

    /// True for local declarations.
    var isDeclaration: Bool { if case .declaration = self { return true } else { return false } }
}

extension Block {
    /// The block with names and expressions rewritten (see `Statement.renaming`).
    func renaming(_ names: [String: String], _ transform: (Expression) -> Expression?) -> Block {
        Block(items.map { $0.renaming(names, transform) })
    }

    /// The block with `transform` applied to every expression.
    func rewritingExpressions(_ transform: (Expression) -> Expression?) -> Block { renaming([:], transform) }

    /// True if some item is a declaration (copies of the block then need their own scope).
    var hasTopLevelDeclarations: Bool { items.contains { $0.isDeclaration } }
}

extension VariableDeclaration {
    /// The declaration with declarator names mapped through `names` and expressions rewritten.
    func renaming(_ names: [String: String], _ transform: (Expression) -> Expression?) -> VariableDeclaration {
        var copy = self
        copy.declarators = declarators.map { declarator in
            var d = declarator
            d.name = names[d.name] ?? d.name
            d.arrayDimensions = d.arrayDimensions.map { $0?.rewritten(transform) }
            d.initializer = d.initializer?.rewritten(transform)
            return d
        }
        return copy
    }
}

extension Initializer {
    /// The initializer with `transform` applied to its expressions.
    func rewritten(_ transform: (Expression) -> Expression?) -> Initializer {
        switch self {
        case .expression(let e): return .expression(e.rewritten(transform))
        case .list(let items): return .list(items.map { $0.rewritten(transform) })
        }
    }
}

extension Statement {
    /// Top-down statement rewrite: where `transform` returns statements they replace the node
    /// (not revisited; several statements in a block are spliced, elsewhere they are braced);
    /// where it returns `nil` nested statements are rewritten.
    func mappingStatements(_ transform: (Statement) -> [Statement]?) -> [Statement] {
        if let replacement = transform(self) { return replacement }
        func b(_ x: Block) -> Block { x.mappingStatements(transform) }
        func single(_ s: Statement) -> Statement {
            let mapped = s.mappingStatements(transform)
            return mapped.count == 1 ? mapped[0] : .compound(Block(mapped))
        }
        switch self {
        case .compound(let block): return [.compound(b(block))]
        case .ifStatement(let c, let t, let f): return [.ifStatement(c, then: b(t), else: f.map(b))]
        case .whileLoop(let c, let body): return [.whileLoop(c, b(body))]
        case .doWhileLoop(let body, let c): return [.doWhileLoop(b(body), c)]
        case .forLoop(let i, let c, let s, let body): return [.forLoop(i, c, s, b(body))]
        case .switchStatement(let v, let body): return [.switchStatement(v, b(body))]
        case .caseLabel(let v, let s): return [.caseLabel(v, single(s))]
        case .defaultLabel(let s): return [.defaultLabel(single(s))]
        default: return [self]
        }
    }

    /// Calls `body` with this statement and every nested statement, in pre-order.
    func forEachStatement(_ body: (Statement) -> Void) {
        _ = mappingStatements { body($0); return nil }
    }
}

extension Block {
    /// The block with `Statement.mappingStatements` applied to every item.
    func mappingStatements(_ transform: (Statement) -> [Statement]?) -> Block {
        Block(items.flatMap { $0.mappingStatements(transform) })
    }
}
