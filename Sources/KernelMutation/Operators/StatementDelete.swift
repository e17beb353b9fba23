import KernelSyntax

/// GenProg-style statement deletion: removes one movable statement (see `GenProgStatements`)
/// from its block. NOT semantics-preserving.
struct StatementDelete: SiteOperator {
    let name = "statement-delete"
    let preservesSemantics = false

    func plans(at site: NodePath, in unit: TranslationUnit) throws -> [Plan] {
        _ = try statement(at: site, in: unit)
        let block = try blockSite(site, unit, allowSwitchBody: true)
        try require(GenProgStatements.isMovable(block.statement), site, "declarations, labels and empty statements stay")
        _ = try anyContext(site, unit)
        return [Plan { try block.replacing(block.index..<(block.index + 1), with: [], in: unit) }]
    }
}
