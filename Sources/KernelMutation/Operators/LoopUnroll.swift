import KernelSyntax

/// Loop unrolling by 2, 4 or 8 with a remainder loop.
///
/// `for (i = a; i < b; i++) B(i)` becomes
/// `for (i = a; (long long)i + (k-1) < b; i += k) { B(i) B(i+1) ... B(i+k-1) }`
/// followed by `for (; i < b; i++) B(i)` (likewise for `<=` and `for (int i = a; ...)`).
///
/// Preconditions checked (effect summaries of the function, pure calls reduced to arguments):
/// - the loop is canonical (`CanonicalLoop`): the body neither writes nor redeclares `i`, `&i`
///   never occurs, and the bound has no side effects and reads nothing the body writes (no
///   memory if the body writes memory) — so the copies may substitute `i + j` for `i`;
/// - the body contains no `return` and no `break`/`continue` of this loop;
/// - `i` is an `int`/`unsigned int` and the bound has the same promoted type, so the widened
///   main-loop test is exact (`LoopUnrolling.typeViolation`).
/// Copies of a body with top-level declarations get their own braces.
struct LoopUnroll: SiteOperator {
    let name = "loop-unroll"
    let preservesSemantics = true
    /// The unroll factors offered.
    static let factors = [2, 4, 8]

    func isCandidate(_ node: SyntaxNode) -> Bool {
        if case .statement(.forLoop) = node { return true } else { return false }
    }

    func plans(at site: NodePath, in analysis: UnitAnalysis) throws -> [Plan] {
        let unit = analysis.unit
        guard let loop = CanonicalLoop(try statement(at: site, in: analysis)) else { throw wrongSite(site, "a canonical for loop") }
        try require(!loop.body.items.isEmpty, site, "the body is empty")
        let context = try context(site, analysis)
        if let reason = loop.countingViolation(in: context) ?? loop.controlViolation(in: context)
            ?? LoopUnrolling.typeViolation(loop, in: context) {
            throw refuse(site, reason)
        }
        return LoopUnroll.factors.map { factor in
            Plan(["factor": factor]) {
                let statements = LoopUnrolling.unrolled(loop, factor: factor) { j, body in
                    LoopUnrolling.shifted(body, variable: loop.variable, by: j)
                }
                return try unit.replacingStatement(at: site, with: statements)
            }
        }
    }
}

extension LoopUnroll: EditDescribing {
    /// "unroll `for (j = 0; j < m; j++)` at line 52 by 8".
    func describe(_ site: DescriptionSite) -> EditDescription {
        EditDescription("unroll \(site.code(site.site)) \(site.at(site.site)) by \(site.edit.params["factor"] ?? 0)",
                        lines: site.lines(site.site))
    }
}
