import KernelSyntax

/// GenProg-style statement swap: exchanges a movable statement with the next item of its block
/// (also movable), without any dependence check. NOT semantics-preserving.
struct StatementSwap: SiteOperator {
    let name = "statement-swap"
    let preservesSemantics = false

    func plans(at site: NodePath, in unit: TranslationUnit) throws -> [Plan] {
        _ = try statement(at: site, in: unit)
        let block = try blockSite(site, unit, allowSwitchBody: true)
        try require(block.index + 1 < block.block.items.count, site, "the statement is the last of its block")
        let first = block.statement, second = block.block.items[block.index + 1]
        try require(GenProgStatements.isMovable(first) && GenProgStatements.isMovable(second), site,
                    "declarations, labels and empty statements stay")
        try require(first != second, site, "the two statements are identical")
        _ = try anyContext(site, unit)
        return [Plan { try block.replacing(block.index..<(block.index + 2), with: [second, first], in: unit) }]
    }
}
