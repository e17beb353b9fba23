import KernelSyntax

/// GenProg-style statement deletion: removes one movable statement (see `GenProgStatements`)
/// from its block. NOT semantics-preserving.
struct StatementDelete: SiteOperator {
    let name = "statement-delete"
    let preservesSemantics = false

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        _ = try statement(at: site, in: analysis)
        let block = try blockSite(site, analysis, allowSwitchBody: true)
        try require(GenProgStatements.isMovable(block.statement), site, "declarations, labels and empty statements stay")
        _ = try anyContext(site, analysis)
        return [Plan { try block.replacing(block.index..<(block.index + 1), with: [], in: unit) }]
    }
}

extension StatementDelete: EditDescribing {
    /// "delete `x = x + 1;` at line 30".
    func describe(_ site: DescriptionSite) -> EditDescription {
        EditDescription("delete \(site.code(site.site)) \(site.at(site.site))", lines: site.lines(site.site))
    }
}
