import KernelSyntax

/// Common-subexpression elimination within a run of consecutive statements of one block.
///
/// The site is the first occurrence of a pure expression `E` in statement `S`. `T cse0 = E;`
/// goes before `S` and every occurrence of `E` in `S` and the following statements of the run
/// becomes `cse0` (there must be at least two occurrences).
///
/// Preconditions checked:
/// - `E` is a binary or conditional expression of known arithmetic type, reading at least one
///   variable; it is speculation-safe (`Evaluation.isSpeculationSafe`: no memory reads, calls,
///   writes, or traps), so computing it once up front is always equivalent;
/// - the run: each statement writes and declares none of the variables `E` reads (effects with
///   aliasing, so a memory write counts as writing every address-taken variable); the run may end
///   with one expression statement `x = R;` or `x op= R;` whose right side writes none of them —
///   its target is written only after `R` (and its occurrences) are evaluated. A declaration of
///   one of `E`'s variables ends the run before it (its initializer already sees the new
///   variable). Case labels end the run;
/// - `S` is an item of a block that is not a `switch` body.
struct CommonSubexpressionElimination: SiteOperator {
    let name = "cse"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        switch node {
        case .expression(.binary), .expression(.conditional): return true
        default: return false
        }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let e = try expression(at: site, in: analysis)
        switch e {
        case .binary, .conditional: break
        default: throw wrongSite(site, "a binary or conditional expression")
        }
        try require(Evaluation.isSpeculationSafe(e), site, "the expression is not pure and trap-free")
        guard let block = analysis.enclosingBlockItem(of: site) else { throw wrongSite(site, "inside a block") }
        try require(!block.isSwitchBody, site, "the statement is in a switch body")
        let firstPath = block.path(ofItem: block.index)
        try require(analysis.firstOccurrence(of: e, under: firstPath) == site, site, "not the first occurrence in its statement")
        let context = try context(site, analysis)
        let inputs = context.effects(of: e).reads
        try require(!inputs.isEmpty, site, "the expression is constant")
        guard let type = context.valueType(of: e), type.arithmetic != nil else {
            throw refuse(site, "the expression's type is not a known arithmetic type")
        }
        let items = block.block.items
        var end = block.index
        while end < items.count {
            let item = items[end]
            if item.isLabel { break }
            let effects = context.effects(of: item)
            if effects.writes.isDisjoint(with: inputs) && effects.declares.isDisjoint(with: inputs) {
                end += 1
                continue
            }
            if let value = finalAssignmentValue(item), context.effects(of: value).writes.isDisjoint(with: inputs) {
                end += 1
            }
            break
        }
        while end > block.index + 1 && items[end - 1].occurrences(of: e) == 0 { end -= 1 }
        let count = items[block.index..<end].reduce(0) { $0 + $1.occurrences(of: e) }
        try require(count >= 2, site, "the expression is computed only once")
        return [Plan {
            var names = FreshNames(unit)
            let local = names.make("cse")
            let rewritten = items[block.index..<end].map { $0.replacing(e, with: .identifier(local)) }
            let declaration = Declarations.local(local, type.typeName, e)
            return try block.replacing(block.index..<end, with: [declaration] + rewritten, in: unit)
        }]
    }

    /// `R` for `x = R;` or `x op= R;` with a plain variable target.
    private func finalAssignmentValue(_ s: Statement) -> Expression? {
        if case .expression(.assignment(_, .identifier, let value)) = s { return value }
        return nil
    }
}

extension CommonSubexpressionElimination: EditDescribing {
    /// "compute `i * m + j` once in a local for its uses at lines 103–104".
    func describe(_ site: DescriptionSite) -> EditDescription {
        guard let block = site.analysis.enclosingBlockItem(of: site.site) else {
            return EditDescription("compute \(site.code(site.site)) once in a local \(site.at(site.site))", lines: site.lines(site.site))
        }
        let items = site.changedItems(of: block, in: site.applied(), inserted: 1)
        let lines = DescriptionSite.union(site.lines(block.path(ofItem: items.lowerBound)), site.lines(block.path(ofItem: items.upperBound)))
        let uses = items.count == 1 ? "its uses at line \(site.line(site.site))" : "its uses at \(DescriptionSite.lineWord(site.line(block.path(ofItem: items.lowerBound))...site.line(block.path(ofItem: items.upperBound))))"
        return EditDescription("compute \(site.code(site.site)) once in a local for \(uses)", lines: lines)
    }
}
