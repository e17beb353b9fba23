import KernelSyntax

/// Strength reduction of multiplication, division and remainder by a power of two:
/// `x * 2^k` (or `2^k * x`) → `x << k`, `x / 2^k` → `x >> k`, `x % 2^k` → `x & (2^k - 1)`.
///
/// Preconditions checked:
/// - the constant is an integer literal `2^k` with `1 <= k <= 30`;
/// - `x` has a known integer type and the operation's type (usual arithmetic conversions) is
///   `x`'s promoted type, so the shift/mask is computed at the same width;
/// - `x` cannot be negative: its type is unsigned (then all three identities hold modulo
///   `2^width`), or `x` is a loop variable `i` of an enclosing canonical loop whose start is a
///   non-negative literal and whose body never writes `i` (the site is in that loop's condition or
///   body). For non-negative `x`, `x * 2^k` and `x << k` agree whenever either is defined,
///   and division/remainder agree exactly.
struct StrengthReduction: SiteOperator {
    let name = "strength-reduce"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        switch node {
        case .expression(.binary(.multiply, _, _)), .expression(.binary(.divide, _, _)), .expression(.binary(.remainder, _, _)):
            return true
        default:
            return false
        }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let e = try expression(at: site, in: analysis)
        guard case .binary(let op, let l, let r) = e, [.multiply, .divide, .remainder].contains(op) else {
            throw wrongSite(site, "a multiplication, division or remainder")
        }
        var operand = l
        var constant = r
        if op == .multiply, powerOfTwo(r) == nil, powerOfTwo(l) != nil {
            operand = r
            constant = l
        }
        guard let k = powerOfTwo(constant) else { throw refuse(site, "the constant is not a power of two") }
        let context = try context(site, analysis)
        guard let xType = context.valueType(of: operand)?.arithmetic, xType.isInteger,
              context.valueType(of: e)?.arithmetic == xType.promoted else {
            throw refuse(site, "the operand's type is unknown or widened by the constant")
        }
        try require(xType.promoted.isUnsigned || isNonNegativeCounter(operand, site: site, analysis: analysis, context: context),
                    site, "the operand may be negative")
        let rewritten: Expression
        switch op {
        case .multiply: rewritten = .binary(.shiftLeft, operand, .integer(UInt64(k)))
        case .divide: rewritten = .binary(.shiftRight, operand, .integer(UInt64(k)))
        default: rewritten = .binary(.bitwiseAnd, operand, .integer((1 << UInt64(k)) - 1))
        }
        return [Plan { try unit.replacing(site, with: rewritten) }]
    }

    /// `k` if `e` is the literal `2^k`, `1 <= k <= 30`.
    private func powerOfTwo(_ e: Expression) -> Int? {
        guard let v = e.integerValue, v >= 2, v <= 1 << 30, v & (v - 1) == 0 else { return nil }
        return v.trailingZeroBitCount
    }

    /// True if `x` is the variable of an enclosing canonical loop counting up from a non-negative
    /// literal, with the site in the loop's condition or body.
    private func isNonNegativeCounter(_ x: Expression, site: NodePath, analysis: UnitAnalysis, context: FunctionContext) -> Bool {
        guard case .identifier(let name) = x else { return false }
        for ancestor in site.ancestors {
            guard let statement = analysis.statement(at: ancestor), let loop = CanonicalLoop(statement),
                  loop.variable == name else { continue }
            let slot = site.indices[ancestor.indices.count]
            guard slot == 1 || slot == 3, let start = loop.start.integerValue, start <= 0x7fff_ffff else { return false }
            let body = context.effects(of: loop.body)
            return !body.writes.contains(name) && !body.declares.contains(name) && !context.addressTaken.contains(name)
        }
        return false
    }
}

extension StrengthReduction: EditDescribing {
    /// "replace `2 * i` by `i << 1` in `child = 2 * i + 1;` at line 25".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let statement = site.statementPath(containing: site.site) ?? site.site
        let by = site.applied()?.expression(at: site.site).map { " by \(site.code($0))" } ?? " by a shift or mask"
        return EditDescription("replace \(site.code(site.site))\(by) in \(site.code(statement)) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
