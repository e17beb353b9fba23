import KernelSyntax

/// Inlining of a `static` helper at every call site at once: `inline-call` in its expression form
/// (parameter `form` 0) applied to each call of the helper in turn, in document order, until none
/// is left. Site: the helper's definition.
///
/// One edit instead of one per site: a helper called four times in an inner loop (`max2` in
/// Smith–Waterman) gains little per call site, often too little for the speed screen to see, and
/// much when every call goes. Preconditions: those of `inline-call`'s expression form at every
/// call site (checked on the unit as each earlier one was inlined); the helper does not call
/// itself; it is called at least twice (one call is `inline-call`'s). The helper's definition
/// stays (unused; a clean export removes it).
struct InlineHelper: SiteOperator {
    let name = "inline-helper"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .external(.function(let f)) = node, f.body != nil, f.storage == .static { return true }
        return false
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        guard site.indices.count == 1, case .external(.function(let helper))? = analysis.node(at: site) else {
            throw wrongSite(site, "a static function definition")
        }
        try require(!Statement.compound(helper.body!).containsExpression(where: { if case .call(helper.name, _) = $0 { return true } else { return false } }),
                    site, "the helper calls itself")
        try require(Self.calls(of: helper.name, in: analysis.unit).count >= 2, site, "the helper is called fewer than twice")
        let unit = analysis.unit
        let facts = analysis.facts
        // Checked here once, so that proposing is as strict as applying.
        let inlined = try inlineAll(helper.name, in: unit, facts: facts, site: site)
        return [Plan { inlined }]
    }

    /// Every call of `name`, in document order.
    private static func calls(of name: String, in unit: TranslationUnit) -> [NodePath] {
        unit.allNodes().compactMap { entry in
            if case .expression(.call(name, _)) = entry.node { return entry.path }
            return nil
        }
    }

    private func inlineAll(_ helper: String, in unit: TranslationUnit, facts: KernelFacts, site: NodePath) throws -> TranslationUnit {
        var current = unit
        let step = InlineCall()
        while let call = Self.calls(of: helper, in: current).first {
            let analysis = UnitAnalysis(current, facts: facts)
            guard let plan = (try? step.plans(at: call, in: analysis))?.first(where: { $0.params == ["form": 0] }) else {
                throw refuse(site, "the call at \(call) cannot be inlined as an expression")
            }
            current = try plan.build()
        }
        return current
    }
}

extension InlineHelper: EditDescribing {
    /// "inline `max2` at its 4 calls (lines 20–31)".
    func describe(_ site: DescriptionSite) -> EditDescription {
        guard case .external(.function(let helper))? = site.analysis.node(at: site.site) else {
            return EditDescription("inline \(site.code(site.site)) at every call", lines: site.lines(site.site))
        }
        let calls = Self.calls(of: helper.name, in: site.unit)
        let lines = calls.compactMap { site.printed.lines(of: $0) }.reduce(nil) { DescriptionSite.union($0, $1) }
        let whereText = lines.map { " (\(DescriptionSite.lineWord($0)))" } ?? ""
        return EditDescription("inline `\(helper.name)` at its \(calls.count) calls\(whereText)", lines: lines)
    }
}
