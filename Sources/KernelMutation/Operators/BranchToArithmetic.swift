import KernelSyntax

/// Branch elimination: a one-armed `if` that adds to or subtracts from a variable becomes
/// arithmetic on the truth value of its condition (TinyCC compiles every `if` to a jump, and an
/// unpredictable jump costs far more than a multiply):
/// - `if (c) { x = x + e; }`, `x += e;` → `x = x + (c) * e;` (likewise `x = x - e;`, `x -= e;`
///   → `x = x - (c) * e;`); when `e` is the `int` literal `1`, and for `x++`, `++x`, `x--`, `--x`,
///   simply `x = x + (c);` / `x = x - (c);`
/// - `if (a && b) { <one of those updates> }` → `if (a) { x = x + (b) * e; }`: only the last
///   conjunct becomes a value, so every operand is evaluated exactly when it was before (`b` only
///   when `a` holds). The whole-condition form `x = x + (a && b)` is not offered for `&&`
///   conditions: TinyCC compiles `&&` with jumps, so it removes no branch and is slower.
///
/// Preconditions checked:
/// - the `if` has no `else` and its then-branch is exactly one such update;
/// - the condition that becomes a value (`c`, or `b`) is a relational, equality, `!`, `&&` or `||`
///   expression, whose value is the `int` 0 or 1 (a plain `if (n)` could have any value);
/// - that condition and `e` have no side effects (pure calls allowed), so evaluating them within
///   one expression together with the read of `x` is unobservable;
/// - `x` is a plain variable (a local or parameter) of known integer type: not a pointer, not
///   floating, not an array element (the function has no `volatile` objects);
/// - `e` is safe to evaluate when the condition is false, since it now always runs: an integer
///   constant, or a plain variable of known integer type (no load through a pointer or array, no
///   division, no call).
///
/// Why the values match: `c` is an `int`, so `(c) * e` has the promoted type of `e` (the usual
/// conversions of `int` and a type of at least `int` rank give that type), and `x + (c) * e`
/// converts exactly like `x + e` — which is what `x += e`, `x++` and `++x` compute (`x++` is
/// `x += 1` with an `int` 1; `x` is a variable, so evaluating it twice is the same as once). When
/// the condition is 1 the new value is `x + e`; when it is 0 the product is 0 (`0 * e` cannot
/// overflow) and `x` gets back the value it had (converted to the common type of `x` and `e` and
/// back, an identity on the two's-complement targets the evolver uses, with GCC and TinyCC).
struct BranchToArithmetic: SiteOperator {
    let name = "if-to-arithmetic"
    let preservesSemantics = true

    /// `x = x op e` decomposed: the variable, `+` or `-`, and the amount (`nil` for `1` of type `int`).
    private struct Update {
        var variable: Expression
        var op: BinaryOperator
        var amount: Expression?
    }

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.ifStatement(_, _, nil)) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .ifStatement(let condition, let then, let otherwise) = try statement(at: site, in: analysis) else {
            throw wrongSite(site, "an if statement")
        }
        guard otherwise == nil else { throw wrongSite(site, "an if without else") }
        guard then.items.count == 1, case .expression(let expression) = then.items[0],
              let update = Self.update(expression) else {
            throw wrongSite(site, "an if whose only statement adds to or subtracts from a variable")
        }
        let context = try context(site, analysis)

        // Only the last conjunct of `a && b` becomes a value; `a` stays the condition of the `if`.
        var guardCondition: Expression? = nil
        var value = condition
        if case .binary(.logicalAnd, let a, let b) = condition {
            guardCondition = a
            value = b
        }
        try require(Self.isTruthValue(value), site, "the condition is not a comparison or logical expression (its value may be other than 0 or 1)")
        try require(context.valueType(of: update.variable)?.isInteger == true, site,
                    "the updated variable is not of a known integer type")
        if let amount = update.amount {
            try require(Self.isSafeOperand(amount) && context.valueType(of: amount)?.isInteger == true, site,
                        "the amount is not an integer constant or an integer variable")
        }
        try require(SelectLegality.sideEffectFree([value] + (update.amount.map { [$0] } ?? []), in: context), site,
                    "the condition or the amount has side effects")

        let term = update.amount.map { Expression.binary(.multiply, value, $0) } ?? value
        let assignment = Statement.expression(.assignment(.assign, update.variable, .binary(update.op, update.variable, term)))
        let replacement = guardCondition.map { Statement.ifStatement($0, then: Block([assignment]), else: nil) } ?? assignment
        return [Plan { try unit.replacing(site, with: replacement) }]
    }

    /// The update performed by `e`, if it is `x = x ± e`, `x ±= e`, `x++`, `++x`, `x--` or `--x`
    /// with `x` a plain variable.
    private static func update(_ e: Expression) -> Update? {
        let variable: Expression
        let op: BinaryOperator
        let amount: Expression
        switch e {
        case .postfix(.increment, let x), .unary(.preIncrement, let x):
            variable = x; op = .add; amount = .integerLiteral("1")
        case .postfix(.decrement, let x), .unary(.preDecrement, let x):
            variable = x; op = .subtract; amount = .integerLiteral("1")
        case .assignment(.add, let x, let y):
            variable = x; op = .add; amount = y
        case .assignment(.subtract, let x, let y):
            variable = x; op = .subtract; amount = y
        case .assignment(.assign, let x, .binary(let b, let l, let y)) where (b == .add || b == .subtract) && l == x:
            variable = x; op = b; amount = y
        default:
            return nil
        }
        guard case .identifier = variable else { return nil }
        return Update(variable: variable, op: op, amount: isIntOne(amount) ? nil : amount)
    }

    /// True for a literal with value 1 and type `int` (`1`, `0x1`, `01`; not `1u` or `1L`, whose
    /// type would change the conversions if dropped).
    private static func isIntOne(_ e: Expression) -> Bool {
        guard case .integerLiteral(let spelling) = e, let literal = IntegerLiteral(spelling) else { return false }
        return literal.value == 1 && literal.type == .int
    }

    /// True if `e` is `0` or `1` of type `int` by construction: a relational, equality, `!`, `&&`
    /// or `||` expression.
    private static func isTruthValue(_ e: Expression) -> Bool {
        switch e {
        case .binary(let op, _, _): return op.isComparisonOrLogical
        case .unary(.logicalNot, _): return true
        default: return false
        }
    }

    /// True if evaluating `e` can never trap or read memory: a constant or a plain variable.
    private static func isSafeOperand(_ e: Expression) -> Bool {
        switch e {
        case .integerLiteral, .characterLiteral, .identifier: return true
        default: return false
        }
    }
}

extension BranchToArithmetic: EditDescribing {
    /// "replace the branch `if (b[j] < a[i])` at line 84 by `u2 = u2 + (b[j] < a[i]) * 2;`"; for
    /// `if (a && b)`: "… by `if (a)` around `x = x + (b) * e;`".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let head = "replace the branch \(site.code(site.site)) \(site.at(site.site))"
        switch site.applied()?.statement(at: site.site) {
        case .ifStatement(let a, let then, nil)? where then.items.count == 1:
            return EditDescription(head + " by `if (\(CodeSnippet.shortened(CPrinter.print(a))))` around \(site.code(then.items[0]))",
                                   lines: site.lines(site.site))
        case let statement?:
            return EditDescription(head + " by \(site.code(statement))", lines: site.lines(site.site))
        case nil:
            return EditDescription(head + " by arithmetic", lines: site.lines(site.site))
        }
    }
}
