import KernelSyntax

/// Scalar replacement: repeated accesses to one array element or `*p` within a run of
/// consecutive statements use a local instead.
///
/// Two shapes, chosen by the site (the access expression `X`):
/// - load: `X` is read in statement `S` (first occurrence of `X` in `S`, and `S` evaluates `X`
///   unconditionally). `T ld = X;` goes before `S` and `X` becomes `ld` in `S` and the following
///   statements of the run (at least two occurrences in all);
/// - store forwarding: `S` is `X = E;` with `X` the target. It becomes `T ld = E; X = ld;` and
///   reads of `X` in the following statements of the run use `ld` (at least one).
///
/// Preconditions checked (effects with pure calls reduced and address-taken aliasing applied):
/// - `X` has no side effects and a known arithmetic or pointer type; in store mode `E` writes no
///   memory and none of the variables `X` reads;
/// - every statement of the run writes no memory at all (conservative: no aliasing write through
///   any pointer), writes and declares none of the variables `X` reads, is not a case label and
///   never takes `&X`; the run ends before the first statement that fails, and is trimmed to the
///   last statement mentioning `X`;
/// - `S` is an item of a block that is not a `switch` body.
struct ScalarReplacement: SiteOperator {
    let name = "scalar-replace"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        switch node {
        case .expression(.subscript), .expression(.unary(.dereference, _)): return true
        default: return false
        }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let x = try expression(at: site, in: analysis)
        switch x {
        case .subscript, .unary(.dereference, _): break
        default: throw wrongSite(site, "an array element or pointer dereference")
        }
        guard let block = analysis.enclosingBlockItem(of: site) else { throw wrongSite(site, "inside a block") }
        try require(!block.isSwitchBody, site, "the statement is in a switch body")
        let context = try context(site, analysis)
        let accessEffects = context.effects(of: x)
        try require(!accessEffects.hasSideEffects, site, "the access has side effects")
        guard let type = context.valueType(of: x) else { throw refuse(site, "the element type is not known") }
        let dependencies = accessEffects.reads
        let items = block.block.items
        let first = items[block.index]
        let firstPath = block.path(ofItem: block.index)

        var storeValue: Expression?
        if case .expression(.assignment(.assign, x, let value)) = first, site == firstPath.appending(0).appending(0) {
            let valueEffects = context.effects(of: value)
            try require(!valueEffects.writesMemory && valueEffects.writes.isDisjoint(with: dependencies), site,
                        "the stored value has side effects on the access")
            storeValue = value
        } else {
            try require(analysis.firstOccurrence(of: x, under: firstPath) == site, site, "not the first access in its statement")
            try require(Evaluation.unconditionalNodes(of: first).contains(x), site, "the statement may not evaluate the access")
        }

        func transparent(_ s: Statement) -> Bool {
            let e = context.effects(of: s)
            return !e.writesMemory && e.writes.isDisjoint(with: dependencies) && e.declares.isDisjoint(with: dependencies)
                && !s.isLabel && !s.containsExpression { $0 == .unary(.addressOf, x) }
        }
        if storeValue == nil { try require(transparent(first), site, "the statement writes memory or the access's variables") }
        var end = block.index + 1
        while end < items.count && transparent(items[end]) { end += 1 }
        while end > block.index + 1 && items[end - 1].occurrences(of: x) == 0 { end -= 1 }
        let later = items[(block.index + 1)..<end].reduce(0) { $0 + $1.occurrences(of: x) }
        if storeValue == nil {
            try require(first.occurrences(of: x) + later >= 2, site, "the access occurs only once")
        } else {
            try require(later >= 1, site, "the stored element is not read again")
        }
        return [Plan {
            var names = FreshNames(unit)
            let local = Expression.identifier(names.make("ld"))
            let rest = items[(block.index + 1)..<end].map { $0.replacing(x, with: local) }
            let head: [Statement]
            if let value = storeValue {
                head = [Declarations.local(local.identifierName!, type.typeName, value), .expression(.assignment(.assign, x, local))]
            } else {
                head = [Declarations.local(local.identifierName!, type.typeName, x), first.replacing(x, with: local)]
            }
            return try block.replacing(block.index..<end, with: head + rest, in: unit)
        }]
    }
}

extension ScalarReplacement: EditDescribing {
    /// "keep `x[i]` in a local in `sift_down`, line 14" (a load), or "keep the value stored to
    /// `x[i]` in a local in `sift_down`, lines 14–16" (store forwarding).
    func describe(_ site: DescriptionSite) -> EditDescription {
        let function = site.function(containing: site.site).map { " in `\($0)`" } ?? ""
        guard let block = site.analysis.enclosingBlockItem(of: site.site), let x = site.analysis.expression(at: site.site) else {
            return EditDescription("keep \(site.code(site.site)) in a local\(function), line \(site.line(site.site))", lines: site.lines(site.site))
        }
        var isStore = false
        if case .expression(.assignment(.assign, x, _)) = block.statement, site.site == block.path(ofItem: block.index).appending(0).appending(0) {
            isStore = true
        }
        let items = site.changedItems(of: block, in: site.applied(), inserted: 1)
        let first = site.line(block.path(ofItem: items.lowerBound)), last = site.line(block.path(ofItem: items.upperBound))
        let lines = DescriptionSite.union(site.lines(block.path(ofItem: items.lowerBound)), site.lines(block.path(ofItem: items.upperBound)))
        let what = isStore ? "the value stored to \(site.code(site.site))" : site.code(site.site)
        return EditDescription("keep \(what) in a local\(function), \(DescriptionSite.lineWord(first...max(first, last)))", lines: lines)
    }
}
