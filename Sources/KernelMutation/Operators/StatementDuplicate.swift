import KernelSyntax

/// GenProg-style statement duplication: inserts a copy of a movable statement right after it.
/// `break`, `continue` and `return` are not duplicated (the copy would be unreachable).
/// NOT semantics-preserving.
struct StatementDuplicate: SiteOperator {
    let name = "statement-duplicate"
    let preservesSemantics = false

    func plans(at site: NodePath, in unit: TranslationUnit) throws -> [Plan] {
        let s = try statement(at: site, in: unit)
        let block = try blockSite(site, unit, allowSwitchBody: true)
        try require(GenProgStatements.isMovable(s), site, "declarations, labels and empty statements stay")
        switch s {
        case .breakStatement, .continueStatement, .returnStatement: throw refuse(site, "a jump would be duplicated")
        default: break
        }
        _ = try anyContext(site, unit)
        return [Plan { try block.inserting([s], before: block.index + 1, in: unit) }]
    }
}
