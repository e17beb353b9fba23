import KernelSyntax

/// Loop-invariant code motion: an expression inside a loop that computes the same value on
/// every evaluation moves into a new local declared just before the loop.
///
/// The site is the expression; the loop is the innermost `for`/`while`/`do` containing it (in
/// its condition, step or body — not the `for` initializer, which runs once anyway).
///
/// Preconditions checked:
/// - the expression is an operator application (not a lone name or constant) reading at least
///   one variable, of a known arithmetic type, not inside `sizeof`;
/// - it is speculation-safe (`Evaluation.isSpeculationSafe`): no memory reads, calls, writes,
///   or divisions/shifts by non-literal amounts — it may now run even if the loop runs zero times;
/// - the whole loop (header and body, with pure calls reduced and aliasing of address-taken
///   variables applied) writes none of the variables it reads, and declares none of them (so
///   no inner declaration shadows them);
/// - the loop is an item of a block that is not a `switch` body, so the declaration can go in
///   front of it.
struct LoopInvariantCodeMotion: SiteOperator {
    let name = "licm"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        switch node {
        case .expression(.binary), .expression(.unary), .expression(.cast), .expression(.conditional): return true
        default: return false
        }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let e = try expression(at: site, in: analysis)
        switch e {
        case .binary, .unary, .cast, .conditional: break
        default: throw wrongSite(site, "an operator expression")
        }
        try require(Evaluation.isSpeculationSafe(e), site, "the expression is not safe to evaluate early")
        let loopPath = try enclosingLoop(of: site, in: analysis)
        let context = try context(site, analysis)
        let effects = context.effects(of: e)
        try require(!effects.reads.isEmpty, site, "the expression is constant")
        guard let type = context.valueType(of: e), type.arithmetic != nil else {
            throw refuse(site, "the expression's type is not a known arithmetic type")
        }
        let loopStatement = analysis.statement(at: loopPath)!
        let loopEffects = context.effects(of: loopStatement)
        try require(effects.reads.isDisjoint(with: loopEffects.writes), site, "the loop writes a variable the expression reads")
        try require(effects.reads.isDisjoint(with: loopEffects.declares), site, "the loop declares a variable the expression reads")
        let block = try blockSite(loopPath, analysis)
        return [Plan {
            var names = FreshNames(unit)
            let local = names.make("inv")
            let replaced = try unit.replacing(site, with: Expression.identifier(local))
            let declaration = Statement.declaration(VariableDeclaration(
                specifier: type.typeName.specifier, declarators: [Declarator(name: local, initializer: .expression(e))]))
            return try block.inserting([declaration], before: block.index, in: replaced)
        }]
    }

    /// The innermost loop containing `site` in a repeatedly evaluated part.
    private func enclosingLoop(of site: NodePath, in analysis: UnitAnalysis) throws -> NodePath {
        var child = site
        for ancestor in site.ancestors {
            let slot = child.indices[ancestor.indices.count]
            switch analysis.node(at: ancestor) {
            case .expression(.sizeofExpression)?:
                throw refuse(site, "the expression is inside sizeof")
            case .statement(.forLoop)?:
                if slot == 0 { throw refuse(site, "the expression is in a for initializer") }
                return ancestor
            case .statement(.whileLoop)?, .statement(.doWhileLoop)?:
                return ancestor
            default:
                child = ancestor
            }
        }
        throw refuse(site, "the expression is not inside a loop")
    }
}

extension LoopInvariantCodeMotion: EditDescribing {
    /// "hoist `k / 2 - 1` (line 41) out of `for (i = 0; i < n; i++)` at line 40".
    func describe(_ site: DescriptionSite) -> EditDescription {
        guard let loopPath = try? enclosingLoop(of: site.site, in: site.analysis) else {
            return EditDescription("hoist \(site.code(site.site)) \(site.at(site.site)) out of its loop", lines: site.lines(site.site))
        }
        let line = site.line(site.site)
        let start = site.line(loopPath)
        return EditDescription("hoist \(site.code(site.site)) (line \(line)) out of \(site.code(loopPath)) at line \(start)",
                               lines: min(start, line)...max(start, line))
    }
}
