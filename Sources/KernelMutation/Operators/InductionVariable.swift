import KernelSyntax

/// Induction-variable strength reduction: `i * c` inside a counted loop over `i` becomes a new
/// variable that starts at `a * c` and grows by `c` with every step.
///
/// `for (i = a; i < b; i++) { ... i * c ... }` becomes
/// `T ind0 = a * c; for (i = a; i < b; i++, ind0 += c) { ... ind0 ... }` (`ind0 = 0` when `a` is
/// the literal 0); every occurrence of
/// the same product in the body is replaced (the site must be the first one).
///
/// Preconditions checked:
/// - the nearest enclosing canonical loop over `i` contains the site in its body; the body neither
///   writes nor redeclares `i`, and `&i` never occurs (so `ind0 == i * c` throughout the body;
///   `continue` still runs the step);
/// - `c` is speculation-safe (`Evaluation.isSpeculationSafe`), reads neither `i` nor anything the
///   loop writes or the body declares;
/// - `a` has no side effects (it is evaluated once more, before the loop, in the same state) and
///   is converted to `i`'s type first, exactly as the initializer does;
/// - the product has a known integer type;
/// - the loop is an item of a block that is not a `switch` body.
/// The last `ind0 += c` (after the final iteration) and `a * c` for a loop that never runs are
/// computed but unused; integer overflow there is assumed harmless (wrapping machine arithmetic).
struct InductionVariable: SiteOperator {
    let name = "induction-variable"
    let preservesSemantics = true

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .expression(.binary(.multiply, _, _)) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        let product = try expression(at: site, in: analysis)
        guard case .binary(.multiply, let l, let r) = product else { throw wrongSite(site, "a multiplication") }
        var candidates: [(variable: String, factor: Expression, variableFirst: Bool)] = []
        if case .identifier(let v) = l { candidates.append((v, r, true)) }
        if case .identifier(let v) = r { candidates.append((v, l, false)) }
        try require(!candidates.isEmpty, site, "neither operand is a variable")
        let context = try context(site, analysis)
        for candidate in candidates {
            guard let (loopPath, loop) = enclosingLoop(over: candidate.variable, of: site, in: analysis) else { continue }
            guard legal(candidate.factor, loop: loop, loopPath: loopPath, context: context),
                  analysis.firstOccurrence(of: product, under: loopPath.appending(3)) == site,
                  let type = context.valueType(of: product)?.arithmetic, type.isInteger,
                  let variableType = loop.variableType(in: context), variableType.isInteger,
                  let block = analysis.blockSite(at: loopPath), !block.isSwitchBody else { continue }
            return [Plan {
                var names = FreshNames(unit)
                let induction = Expression.identifier(names.make("ind"))
                let start = context.valueType(of: loop.start) == variableType
                    ? loop.start : .cast(variableType.typeName, loop.start)
                let initial = loop.start.integerValue == 0 ? Expression.integer(0)
                    : candidate.variableFirst ? .binary(.multiply, start, candidate.factor) : .binary(.multiply, candidate.factor, start)
                let step = Expression.comma(loop.step, .assignment(.add, induction, candidate.factor))
                let body = loop.body.rewritingExpressions { $0 == product ? induction : nil }
                let newLoop = Statement.forLoop(loop.initializer, loop.condition, step, body)
                let declaration = Declarations.local(induction.identifierName!, TypeName(type.specifier), initial)
                return try block.replacing(block.index..<(block.index + 1), with: [declaration, newLoop], in: unit)
            }]
        }
        throw refuse(site, "no enclosing counted loop makes the product an induction variable")
    }

    /// The nearest enclosing canonical loop over `variable` whose body contains `site`.
    private func enclosingLoop(over variable: String, of site: NodePath, in analysis: UnitAnalysis) -> (NodePath, CanonicalLoop)? {
        for ancestor in site.ancestors {
            guard let statement = analysis.statement(at: ancestor), let loop = CanonicalLoop(statement),
                  loop.variable == variable else { continue }
            return site.indices[ancestor.indices.count] == 3 ? (ancestor, loop) : nil
        }
        return nil
    }

    private func legal(_ factor: Expression, loop: CanonicalLoop, loopPath: NodePath, context: FunctionContext) -> Bool {
        let body = context.effects(of: loop.body)
        let whole = context.effects(of: loop.with(body: loop.body))
        let c = context.effects(of: factor)
        return !body.writes.contains(loop.variable) && !body.declares.contains(loop.variable)
            && !context.addressTaken.contains(loop.variable)
            && Evaluation.isSpeculationSafe(factor) && !c.reads.contains(loop.variable)
            && c.reads.isDisjoint(with: whole.writes) && c.reads.isDisjoint(with: body.declares)
            && !context.effects(of: loop.start).hasSideEffects
    }
}

extension InductionVariable: EditDescribing {
    /// "make `i * m` (line 103) an induction variable of `for (i = 0; i < n; i++)` at line 102".
    func describe(_ site: DescriptionSite) -> EditDescription {
        var loopPath: NodePath?
        if case .binary(.multiply, let l, let r)? = site.analysis.expression(at: site.site) {
            for case .identifier(let v) in [l, r] where loopPath == nil {
                loopPath = enclosingLoop(over: v, of: site.site, in: site.analysis)?.0
            }
        }
        guard let loopPath else {
            return EditDescription("make \(site.code(site.site)) \(site.at(site.site)) an induction variable", lines: site.lines(site.site))
        }
        return EditDescription(
            "make \(site.code(site.site)) (line \(site.line(site.site))) an induction variable of \(site.code(loopPath)) \(site.at(loopPath))",
            lines: site.lines(loopPath))
    }
}
