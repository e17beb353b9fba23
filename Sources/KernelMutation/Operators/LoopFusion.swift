import KernelSyntax

/// Loop fusion: two adjacent loops with identical canonical headers,
/// `for (H) { B1 } for (H) { B2 }`, become `for (H) { B1 B2 }`. The site is the first loop.
///
/// Preconditions checked:
/// - both loops are canonical and count (`CanonicalLoop.countingViolation`) and neither body
///   contains a `return` or a `break`/`continue` of its loop, so both run the same iterations;
/// - the second loop's start value would read the same value before the first loop as after it
///   (`LoopDependence.restartViolation`);
/// - `B1` and `B2` are independent (`LoopDependence.violation`), so every `B2(j)` commutes with
///   every later `B1(k)`, and neither mentions a name the other declares;
/// - the loops are items of a block that is not a `switch` body.
struct LoopFusion: SiteOperator {
    let name = "loop-fusion"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.forLoop) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard let first = CanonicalLoop(try statement(at: site, in: analysis)) else { throw wrongSite(site, "a canonical for loop") }
        let block = try blockSite(site, analysis)
        guard block.index + 1 < block.block.items.count, let second = CanonicalLoop(block.block.items[block.index + 1]),
              second.initializer == first.initializer, second.condition == first.condition, second.step == first.step else {
            throw wrongSite(site, "a loop followed by a loop with the same header")
        }
        let context = try context(site, analysis)
        for loop in [first, second] {
            if let reason = loop.countingViolation(in: context) ?? loop.controlViolation(in: context) {
                throw refuse(site, reason)
            }
        }
        let bodies = first.body.items + second.body.items
        try require(first.countingViolation(in: context) == nil
                    && CanonicalLoop(first.with(body: Block(bodies)))?.countingViolation(in: context) == nil,
                    site, "the fused body changes the loop's count")
        if let reason = LoopDependence.restartViolation(second, after: first.body.items, in: context)
            ?? LoopDependence.violation(first.body.items, second.body.items, in: context) {
            throw refuse(site, reason)
        }
        return [Plan {
            try block.replacing(block.index..<(block.index + 2), with: [first.with(body: Block(bodies))], in: unit)
        }]
    }
}

extension LoopFusion: EditDescribing {
    /// "fuse `for (i = 0; i < n; i++)` at line 10 with the same loop at line 14".
    func describe(_ site: DescriptionSite) -> EditDescription {
        guard let block = site.blockSite(site.site) else {
            return EditDescription("fuse \(site.code(site.site)) \(site.at(site.site)) with the loop after it", lines: site.lines(site.site))
        }
        let next = block.path(ofItem: block.index + 1)
        return EditDescription("fuse \(site.code(site.site)) \(site.at(site.site)) with the same loop at line \(site.line(next))",
                               lines: DescriptionSite.union(site.lines(site.site), site.lines(next)))
    }
}
