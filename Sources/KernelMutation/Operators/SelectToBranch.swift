import KernelSyntax

/// Conditional expression to branch (the inverse of `if-to-select`):
/// - `L = c ? a : b;` → `if (c) { L = a; } else { L = b; }`
/// - `x = c ? a : x;` → `if (c) { x = a; }` (`x` a plain variable)
/// - `return c ? a : b;` → `if (c) { return a; } else { return b; }`
///
/// Preconditions checked: `c`, `a`, `b` and `L` have no side effects (pure calls allowed), and `a`
/// and `b` have the same promoted arithmetic type or the same pointer type, so removing the `?:`
/// removes no conversion.
struct SelectToBranch: SiteOperator {
    let name = "select-to-if"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        switch node {
        case .statement(.expression(.assignment(.assign, _, .conditional))), .statement(.returnStatement(.conditional?)): return true
        default: return false
        }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let statement = try statement(at: site, in: analysis)
        let context = try context(site, analysis)
        func check(_ parts: [Expression], _ a: Expression, _ b: Expression) throws {
            try require(SelectLegality.sideEffectFree(parts, in: context), site, "an operand has side effects")
            try require(SelectLegality.sameType(a, b, in: context), site, "the two values have different types")
        }
        switch statement {
        case .expression(.assignment(.assign, let target, .conditional(let c, let a, let b))):
            try check([c, target, a, b], a, b)
            let assignA = Block([.expression(.assignment(.assign, target, a))])
            if case .identifier = target, b == target {
                return [Plan { try unit.replacing(site, with: Statement.ifStatement(c, then: assignA, else: nil)) }]
            }
            let assignB = Block([.expression(.assignment(.assign, target, b))])
            return [Plan { try unit.replacing(site, with: Statement.ifStatement(c, then: assignA, else: assignB)) }]
        case .returnStatement(.conditional(let c, let a, let b)?):
            try check([c, a, b], a, b)
            return [Plan {
                try unit.replacing(site, with: Statement.ifStatement(
                    c, then: Block([.returnStatement(a)]), else: Block([.returnStatement(b)])))
            }]
        default:
            throw wrongSite(site, "an assignment or return of a conditional expression")
        }
    }
}

extension SelectToBranch: EditDescribing {
    /// "turn `m = x[i] > m ? x[i] : m;` at line 30 into an `if`".
    func describe(_ site: DescriptionSite) -> EditDescription {
        EditDescription("turn \(site.code(site.site)) \(site.at(site.site)) into an `if`", lines: site.lines(site.site))
    }
}
