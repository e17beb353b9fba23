import KernelSyntax

/// Grafting from the donor library (GenProg's code bank): a `static` helper whose shape proves
/// it does a donor's job gets that donor's body. Parameter `donor`: the donor's position in
/// `DonorLibrary.donors`.
///
/// The job proved is sorting in place: a `static void f(T *x, int k)` of the shape
/// `InPlaceReordering` proves (it can only move `x`'s values around) is offered every donor with
/// job `sort` that exists for `T`. The helper keeps its name and signature; its body becomes one
/// call of the donor, whose definitions (and those it needs) are inserted just before it, or
/// reused when an earlier graft brought them.
///
/// Not semantics-preserving: the shape does not prove the helper sorts ascending, so the suite,
/// the differential test against the seed and the benchmark judge every graft.
struct DonorGraft: SiteOperator {
    let name = "graft"
    let preservesSemantics = false

    /// The contract families a helper's shape can prove, by job name.
    static let jobs = ["sort"]

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .external(.function(let f)) = node, f.body != nil, f.storage == .static, f.parameters.count == 2 { return true }
        return false
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard site.indices.count == 1, case .external(.function(let helper))? = analysis.node(at: site) else {
            throw wrongSite(site, "a static function definition")
        }
        try require(!helper.name.hasPrefix(DonorLibrary.prefix), site, "the helper is itself a donor")
        var reordering = InPlaceReordering(unit)
        guard let element = reordering.elementType(of: helper.name), helper.parameters.count == 2,
              let x = helper.parameters[0].name, let k = helper.parameters[1].name else {
            throw refuse(site, "not the shape of an in-place sort of (T *x, int k)")
        }
        guard let type = DonorType(element) else { throw refuse(site, "no donor exists for element type \(element.spelling)") }
        let current = Self.graftedDonor(helper)
        var plans: [Plan] = []
        for (index, donor) in DonorLibrary.donors.enumerated() where Self.jobs.contains(donor.job) {
            guard let definitions = DonorFunctions.definitions(of: donor, for: type), donor.functionName(for: type) != current,
                  let graftee = definitions.last, graftee.parameters.count == 2 else { continue }
            plans.append(Plan(["donor": index]) {
                var grafted = helper
                grafted.body = Block([.expression(.call(graftee.name, [.identifier(x), .identifier(k)]))])
                var result = unit
                result.declarations[site.indices[0]] = .function(grafted)
                guard let withDonor = DonorFunctions.inserting(definitions, before: site.indices[0], in: result) else {
                    throw refuse(site, "a definition the donor needs comes after the helper")
                }
                return withDonor
            })
        }
        try require(!plans.isEmpty, site, "no donor with a sorting contract exists for \(type.rawValue)")
        return plans
    }

    /// The donor a helper already calls as its whole body, if any.
    static func graftedDonor(_ f: FunctionDeclaration) -> String? {
        guard let items = f.body?.items, items.count == 1, case .expression(.call(let g, _)) = items[0],
              g.hasPrefix(DonorLibrary.prefix) else { return nil }
        return g
    }
}

extension DonorGraft: EditDescribing {
    /// "graft donor `evs_quick_sort_i64` in place of `heap_sort` (line 44)".
    func describe(_ site: DescriptionSite) -> EditDescription {
        var reordering = InPlaceReordering(site.unit)
        let name = site.analysis.node(at: site.site).flatMap { node -> String? in
            if case .external(.function(let f)) = node { return f.name } else { return nil }
        }
        let type = name.flatMap { reordering.elementType(of: $0) }.flatMap(DonorType.init)
        let donors = DonorLibrary.donors
        var donor = "?"
        if let index = site.edit.params["donor"], donors.indices.contains(index) {
            donor = type.map { donors[index].functionName(for: $0) } ?? donors[index].name
        }
        return EditDescription("graft donor `\(donor)` in place of \(site.code(site.site)) (line \(site.line(site.site)))",
                               lines: site.lines(site.site))
    }
}
