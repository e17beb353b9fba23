import KernelSyntax

/// GenProg-style statement duplication: inserts a copy of a movable statement right after it.
/// `break`, `continue` and `return` are not duplicated (the copy would be unreachable).
/// NOT semantics-preserving.
struct StatementDuplicate: SiteOperator {
    let name = "statement-duplicate"
    let preservesSemantics = false

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let s = try statement(at: site, in: analysis)
        let block = try blockSite(site, analysis, allowSwitchBody: true)
        try require(GenProgStatements.isMovable(s), site, "declarations, labels and empty statements stay")
        switch s {
        case .breakStatement, .continueStatement, .returnStatement: throw refuse(site, "a jump would be duplicated")
        default: break
        }
        _ = try anyContext(site, analysis)
        return [Plan { try block.inserting([s], before: block.index + 1, in: unit) }]
    }
}

extension StatementDuplicate: EditDescribing {
    /// "duplicate `x = x + 1;` at line 30".
    func describe(_ site: DescriptionSite) -> EditDescription {
        EditDescription("duplicate \(site.code(site.site)) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
