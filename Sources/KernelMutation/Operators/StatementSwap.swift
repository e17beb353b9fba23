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

extension StatementSwap: EditDescribing {
    /// "swap `a = b;` and `c = d;` at lines 12–13".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let pair = Self.pair(site)
        return EditDescription("swap \(pair.text)", lines: pair.lines)
    }

    /// "`a = b;` and `c = d;` at lines 12–13" for the site's statement and the next item of its
    /// block, with the lines both occupy.
    static func pair(_ site: DescriptionSite) -> (text: String, lines: ClosedRange<Int>?) {
        guard let block = site.blockSite(site.site), block.index + 1 < block.block.items.count else {
            return ("\(site.code(site.site)) with the next statement \(site.at(site.site))", site.lines(site.site))
        }
        let next = block.path(ofItem: block.index + 1)
        let first = site.line(site.site), second = site.line(next)
        return ("\(site.code(site.site)) and \(site.code(next)) at \(DescriptionSite.lineWord(first...max(first, second)))",
                DescriptionSite.union(site.lines(site.site), site.lines(next)))
    }
}
