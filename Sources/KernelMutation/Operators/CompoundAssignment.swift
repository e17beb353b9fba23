import KernelSyntax

/// `x = x op y` ↔ `x op= y` (C11 6.5.16.2: the compound form is the simple one with the target
/// evaluated once).
///
/// Preconditions checked: the target has no side effects (evaluating it once or twice is the
/// same) and `y` neither writes a variable the target reads nor, if the target reads memory,
/// writes memory (so the target designates the same object when evaluated after `y`).
struct CompoundAssignment: SiteOperator {
    let name = "compound-assign"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.assignment) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard case .assignment(let op, let target, let value) = try expression(at: site, in: analysis) else {
            throw wrongSite(site, "an assignment")
        }
        let rewritten: Expression
        let operand: Expression
        if op == .assign {
            guard case .binary(let b, target, let y) = value,
                  let compound = AssignmentOperator.allCases.first(where: { $0.binaryOperator == b }) else {
                throw wrongSite(site, "an assignment x = x op y")
            }
            rewritten = .assignment(compound, target, y)
            operand = y
        } else {
            rewritten = .assignment(.assign, target, .binary(op.binaryOperator!, target, value))
            operand = value
        }
        let context = try context(site, analysis)
        let t = context.effects(of: target)
        let y = context.effects(of: operand)
        try require(!t.hasSideEffects, site, "the target has side effects")
        try require(t.reads.isDisjoint(with: y.writes) && !(t.readsMemory && y.writesMemory), site,
                    "the operand changes what the target designates")
        return [Plan { try unit.replacing(site, with: rewritten) }]
    }
}

extension CompoundAssignment: EditDescribing {
    /// "rewrite `u2 = u2 + 2` as `u2 += 2` at line 83".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let rewritten = site.applied()?.expression(at: site.site).map { " as \(site.code($0))" } ?? ""
        return EditDescription("rewrite \(site.code(site.site))\(rewritten) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
