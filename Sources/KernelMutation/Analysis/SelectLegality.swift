import KernelSyntax

/// Checks shared by the operators converting between `if`/`else` and `?:`.
enum SelectLegality {
    /// True if choosing between `a` and `b` with `c ? a : b` gives the same values as using each
    /// directly: both have known types with the same promoted arithmetic type, or the same pointer
    /// type. (Otherwise `?:` converts both to a common type first, which can change a value, e.g.
    /// `-1` to `UINT_MAX`.)
    static func sameType(_ a: Expression, _ b: Expression, in context: FunctionContext) -> Bool {
        guard let x = context.valueType(of: a), let y = context.valueType(of: b) else { return false }
        if let p = x.arithmetic, let q = y.arithmetic { return p.promoted == q.promoted }
        return x == y
    }

    /// True if every expression has no side effects (pure calls allowed), so the order in which
    /// they are evaluated, and whether a target is evaluated before or after the choice, is
    /// unobservable.
    static func sideEffectFree(_ expressions: [Expression], in context: FunctionContext) -> Bool {
        expressions.allSatisfy { !context.effects(of: $0).hasSideEffects }
    }

    /// `(target, value)` if the block is exactly `target = value;`.
    static func singleAssignment(_ block: Block) -> (Expression, Expression)? {
        guard block.items.count == 1, case .expression(.assignment(.assign, let target, let value)) = block.items[0] else {
            return nil
        }
        return (target, value)
    }

    /// The value if the block is exactly `return value;`.
    static func singleReturn(_ block: Block) -> Expression? {
        guard block.items.count == 1, case .returnStatement(let value?) = block.items[0] else { return nil }
        return value
    }
}
