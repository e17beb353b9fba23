import KernelSyntax

/// GenProg-style statement swap: exchanges a movable statement with the next item of its block
/// (also movable), without any dependence check. NOT semantics-preserving.
struct StatementSwap: SiteOperator {
    let name = "statement-swap"
    let preservesSemantics = false

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        _ = try statement(at: site, in: analysis)
        let block = try blockSite(site, analysis, allowSwitchBody: true)
        try require(block.index + 1 < block.block.items.count, site, "the statement is the last of its block")
        let first = block.statement, second = block.block.items[block.index + 1]
        try require(GenProgStatements.isMovable(first) && GenProgStatements.isMovable(second), site,
                    "declarations, labels and empty statements stay")
        try require(first != second, site, "the two statements are identical")
        _ = try anyContext(site, analysis)
        return [Plan { try block.replacing(block.index..<(block.index + 2), with: [second, first], in: unit) }]
    }
}
