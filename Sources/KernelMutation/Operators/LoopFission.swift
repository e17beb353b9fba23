import KernelSyntax

/// Loop fission: `for (H) { P1; P2; }` becomes `for (H) { P1; } for (H) { P2; }`, splitting the
/// body before item `at` (parameter, `1 ..< body count`).
///
/// Preconditions checked:
/// - the loop is canonical and counts (`CanonicalLoop.countingViolation`): the body never writes
///   `i` or the bound's variables, so both loops run the same iterations;
/// - no `return`, and no `break`/`continue` of this loop, in the body;
/// - the start value can be evaluated again after the first loop (`restartViolation`);
/// - `P1` and `P2` are independent (`LoopDependence.violation`: no conflicting effects at all,
///   so every `P1(j)` commutes with every `P2(k)`, and no declaration shared between them).
/// The final value of `i` is the same: the second loop ends where the original did.
struct LoopFission: SiteOperator {
    let name = "loop-fission"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.forLoop) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard let loop = CanonicalLoop(try statement(at: site, in: analysis)) else { throw wrongSite(site, "a canonical for loop") }
        try require(loop.body.items.count >= 2, site, "the body has fewer than two items")
        let context = try context(site, analysis)
        if let reason = loop.countingViolation(in: context) ?? loop.controlViolation(in: context) {
            throw refuse(site, reason)
        }
        var plans: [Plan] = []
        for at in 1..<loop.body.items.count {
            let first = Array(loop.body.items[..<at]), second = Array(loop.body.items[at...])
            if LoopDependence.violation(first, second, in: context) != nil { continue }
            if LoopDependence.restartViolation(loop, after: first, in: context) != nil { continue }
            plans.append(Plan(["at": at]) {
                try unit.replacingStatement(at: site, with: [loop.with(body: Block(first)), loop.with(body: Block(second))])
            })
        }
        try require(!plans.isEmpty, site, "no split point separates independent parts")
        return plans
    }
}

extension LoopFission: EditDescribing {
    /// "split `for (i = 0; i < n; i++)` at line 10 in two before `t = x[i];` (line 12)".
    func describe(_ site: DescriptionSite) -> EditDescription {
        let item = site.site.appending(3).appending(site.edit.params["at"] ?? 0)
        return EditDescription("split \(site.code(site.site)) \(site.at(site.site)) in two before \(site.code(item)) (line \(site.line(item)))",
                               lines: site.lines(site.site))
    }
}
