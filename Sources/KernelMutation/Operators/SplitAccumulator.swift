import KernelSyntax

/// Split accumulators for integer reductions: a counted loop whose body only ever does
/// `s += E`, `s -= E`, `s = s + E` or `s = s - E` with `s` is unrolled 2 or 4 times with one
/// accumulator per copy, summed into `s` after the loop.
///
/// `for (i = a; i < b; i++) s += f(i);` becomes
/// `unsigned U acc0 = 0, acc1 = 0;` (as separate declarations),
/// `for (i = a; (long long)i + 1 < b; i += 2) { acc0 += f(i); acc1 += f(i + 1); }`,
/// `for (; i < b; i++) acc0 += f(i);` and `s += acc0 + acc1;`. Parameters: `ways` (2 or 4) and
/// `accumulator` (index among the eligible variables, in order of first update in the body).
///
/// Preconditions checked:
/// - the loop passes every check of `loop-unroll` (canonical counting, no `return`/`break`/
///   `continue` leaving the body, exact widened test);
/// - `s` has type `int`, `long`, `long long` or an unsigned version (integers only: the sums are
///   re-associated, which is exact in modular arithmetic and wrong for floating point);
/// - every mention of `s` in the loop is the target of one of those update statements, and their
///   `E` do not mention `s`; `s` is never redeclared in the body and never has its address taken;
/// - each `E` has a known integer type whose conversion with `s`'s type yields `s`'s type.
/// The accumulators use the unsigned type of `s`'s width, so partial sums wrap (defined) and the
/// final `s += acc0 + ...` gives the same value modulo `2^width` (conversion back to a signed type
/// wraps on gcc and TinyCC), i.e. exactly the original result whenever that was defined.
///
/// `split-float-accumulator` does the same for `float` and `double` accumulators (each partial
/// sum of `s`'s own type). Re-associating a floating-point sum changes its rounding, so it is
/// not semantics-preserving: a run offers it only when every floating-point output of the
/// harness has a tolerance (an exact output would reject every such edit), and the suite, the
/// differential test and the benchmark judge each edit within those tolerances.
struct SplitAccumulator: SiteOperator {
    /// Whether this is the floating-point variant.
    var floatingPoint = false
    var name: String { floatingPoint ? "split-float-accumulator" : "split-accumulator" }
    var preservesSemantics: Bool { !floatingPoint }
    /// The numbers of accumulators offered.
    static let ways = [2, 4]

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.forLoop) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard let loop = CanonicalLoop(try statement(at: site, in: analysis)) else { throw wrongSite(site, "a canonical for loop") }
        let context = try context(site, analysis)
        if let reason = loop.countingViolation(in: context) ?? loop.controlViolation(in: context)
            ?? LoopUnrolling.typeViolation(loop, in: context) {
            throw refuse(site, reason)
        }
        let block = try blockSite(site, analysis)
        let accumulators = candidates(loop.body).filter { eligible($0, loop: loop, context: context) }
        try require(!accumulators.isEmpty, site, floatingPoint ? "no float or double accumulator is updated only by += or -=" : "no integer accumulator is updated only by += or -=")
        var plans: [Plan] = []
        for (index, s) in accumulators.enumerated() {
            let declared = context.types.valueType(of: s)!.arithmetic!
            let type = floatingPoint ? declared : declared.unsignedCounterpart
            for ways in SplitAccumulator.ways {
                plans.append(Plan(["accumulator": index, "ways": ways]) {
                    var names = FreshNames(unit)
                    let accs = (0..<ways).map { _ in names.make("acc") }
                    let declarations = accs.map { Declarations.local($0, TypeName(type.specifier), .integer(0)) }
                    let loops = LoopUnrolling.unrolled(loop, factor: ways) { j, body in
                        LoopUnrolling.shifted(body, variable: loop.variable, by: j)
                            .rewritingExpressions { $0 == .identifier(s) ? .identifier(accs[j]) : nil }
                    }
                    let total = accs.dropFirst().reduce(Expression.identifier(accs[0])) { .binary(.add, $0, .identifier($1)) }
                    let final = Statement.expression(.assignment(.add, .identifier(s), total))
                    return try block.replacing(block.index..<(block.index + 1), with: declarations + loops + [final], in: unit)
                })
            }
        }
        return plans
    }

    /// `(s, E)` for an update statement `s += E`, `s -= E`, `s = s + E` or `s = s - E`.
    private func update(_ statement: Statement) -> (String, Expression)? {
        switch statement {
        case .expression(.assignment(.add, .identifier(let s), let e)), .expression(.assignment(.subtract, .identifier(let s), let e)):
            return (s, e)
        case .expression(.assignment(.assign, .identifier(let s), .binary(let op, .identifier(let t), let e)))
            where s == t && (op == .add || op == .subtract):
            return (s, e)
        default:
            return nil
        }
    }

    /// Variables updated by such statements, in order of first update.
    private func candidates(_ body: Block) -> [String] {
        var names: [String] = []
        for item in body.items {
            item.forEachStatement { s in
                if let (name, _) = update(s), !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    private func eligible(_ s: String, loop: CanonicalLoop, context: FunctionContext) -> Bool {
        guard let type = context.types.valueType(of: s)?.arithmetic,
              floatingPoint ? (type == .float || type == .double) : (type.isInteger && type.rank >= 3),
              !context.addressTaken.contains(s), s != loop.variable else { return false }
        var valid = true
        let stripped = loop.body.mappingStatements { statement in
            guard let (name, e) = update(statement), name == s else { return nil }
            let eType = context.valueType(of: e)?.arithmetic
            let kindFits = floatingPoint ? eType.map { $0.isInteger || $0 == .float || $0 == .double } ?? false : eType?.isInteger == true
            if e.contains(where: { $0 == .identifier(s) }) || !kindFits
                || ArithmeticType.common(type, eType!) != type {
                valid = false
            }
            return [.expression(e)]
        }
        let remaining = Statement.compound(stripped)
        return valid && !remaining.containsExpression { $0 == .identifier(s) } && !context.effects(of: loop.body).declares.contains(s)
            && !loop.bound.contains { $0 == .identifier(s) }
    }
}

extension SplitAccumulator: EditDescribing {
    /// "split the sum `s` of `for (i = 0; i < n; i++)` at line 20 into 4 accumulators".
    func describe(_ site: DescriptionSite) -> EditDescription {
        var name = "?"
        if let statement = site.analysis.statement(at: site.site), let loop = CanonicalLoop(statement),
           let context = site.analysis.context(at: site.site) {
            let accumulators = candidates(loop.body).filter { eligible($0, loop: loop, context: context) }
            if let index = site.edit.params["accumulator"], accumulators.indices.contains(index) { name = accumulators[index] }
        }
        let kind = floatingPoint ? "floating-point sum" : "sum"
        return EditDescription(
            "split the \(kind) `\(name)` of \(site.code(site.site)) \(site.at(site.site)) into \(site.edit.params["ways"] ?? 0) accumulators",
            lines: site.lines(site.site))
    }
}
