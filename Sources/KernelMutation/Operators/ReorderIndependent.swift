import KernelSyntax

/// Reordering of two adjacent independent statements: items `k` and `k + 1` of a block swap
/// places. The site is item `k`.
///
/// Preconditions checked: the two statements do not conflict (`EffectSummary.conflicts(with:)`
/// on effects with pure calls reduced and address-taken aliasing applied: neither writes what
/// the other reads or writes, not both touch memory if one writes it, no impure call, no control
/// transfer); neither mentions a name the other declares (so moving a declaration changes no
/// scope); neither is a `case`/`default` label or an empty statement; they are not both
/// declarations (a pointless move); the block is not a `switch` body.
struct ReorderIndependent: SiteOperator {
    let name = "swap-independent"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        _ = try statement(at: site, in: analysis)
        let block = try blockSite(site, analysis)
        try require(block.index + 1 < block.block.items.count, site, "the statement is the last of its block")
        let first = block.statement, second = block.block.items[block.index + 1]
        for s in [first, second] {
            try require(!s.isLabel && s != .empty, site, "labels and empty statements are not moved")
        }
        try require(!(first.isDeclaration && second.isDeclaration), site, "swapping two declarations changes nothing")
        let context = try context(site, analysis)
        if let reason = LoopDependence.violation([first], [second], in: context) { throw refuse(site, reason) }
        return [Plan { try block.replacing(block.index..<(block.index + 2), with: [second, first], in: unit) }]
    }
}

extension ReorderIndependent: EditDescribing {
    /// "swap the independent `a = b;` and `c = d;` at lines 12–13".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let pair = StatementSwap.pair(site)
        return EditDescription("swap the independent \(pair.text)", lines: pair.lines)
    }
}
