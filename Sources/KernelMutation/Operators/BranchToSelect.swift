import KernelSyntax

/// Branch to conditional expression:
/// - `if (c) { L = a; } else { L = b; }` → `L = c ? a : b;`
/// - `if (c) { x = a; }` → `x = c ? a : x;` (the max/min update pattern; `x` a plain variable)
/// - `if (c) { return a; } else { return b; }` → `return c ? a : b;`
/// - `if (c) { return a; }` followed by `return b;` → `return c ? a : b;`
///
/// Preconditions checked:
/// - `c`, `a`, `b` and the target `L` have no side effects (pure calls allowed), so evaluating
///   `L` before or after the choice is unobservable; for the second shape `x` is a variable, so
///   the extra `x = x` when `c` is false stores the value it already has;
/// - `a` and `b` (or `a` and `x`) have the same promoted arithmetic type, or the same pointer type,
///   so `?:` performs no conversion that the direct assignment or return would not.
struct BranchToSelect: SiteOperator {
    let name = "if-to-select"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.ifStatement) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .ifStatement(let c, let then, let otherwise) = try statement(at: site, in: analysis) else {
            throw wrongSite(site, "an if statement")
        }
        let context = try context(site, analysis)
        func check(_ parts: [Expression], _ a: Expression, _ b: Expression) throws {
            try require(SelectLegality.sideEffectFree(parts, in: context), site, "an operand has side effects")
            try require(SelectLegality.sameType(a, b, in: context), site, "the two values have different types")
        }
        if let (target, a) = SelectLegality.singleAssignment(then) {
            if let otherwise {
                guard let (other, b) = SelectLegality.singleAssignment(otherwise), other == target else {
                    throw wrongSite(site, "an if/else assigning the same target")
                }
                try check([c, target, a, b], a, b)
                return [Plan { try unit.replacing(site, with: Statement.expression(.assignment(.assign, target, .conditional(c, a, b)))) }]
            }
            guard case .identifier = target else { throw refuse(site, "a one-armed update needs a plain variable") }
            try check([c, a], a, target)
            return [Plan { try unit.replacing(site, with: Statement.expression(.assignment(.assign, target, .conditional(c, a, target)))) }]
        }
        guard let a = SelectLegality.singleReturn(then) else { throw wrongSite(site, "an if assigning or returning a value") }
        if let otherwise {
            guard let b = SelectLegality.singleReturn(otherwise) else { throw wrongSite(site, "an if/else returning values") }
            try check([c, a, b], a, b)
            return [Plan { try unit.replacing(site, with: Statement.returnStatement(.conditional(c, a, b))) }]
        }
        let block = try blockSite(site, analysis)
        guard block.index + 1 < block.block.items.count, case .returnStatement(let b?) = block.block.items[block.index + 1] else {
            throw wrongSite(site, "an if returning a value followed by a return")
        }
        try check([c, a, b], a, b)
        return [Plan {
            try block.replacing(block.index..<(block.index + 2), with: [.returnStatement(.conditional(c, a, b))], in: unit)
        }]
    }
}

extension BranchToSelect: EditDescribing {
    /// "turn `if (x[i] > m)` at line 30 into `m = x[i] > m ? x[i] : m;`".
    func describe(_ site: DescriptionSite) -> EditDescription {
        var lines = site.lines(site.site)
        if case .ifStatement(_, let then, nil)? = site.analysis.statement(at: site.site), SelectLegality.singleReturn(then) != nil,
           let block = site.blockSite(site.site) {
            lines = DescriptionSite.union(lines, site.lines(block.path(ofItem: block.index + 1)))
        }
        let into = site.applied()?.statement(at: site.site).map { " into \(site.code($0))" } ?? " into a conditional expression"
        return EditDescription("turn \(site.code(site.site)) \(site.at(site.site))\(into)", lines: lines)
    }
}
