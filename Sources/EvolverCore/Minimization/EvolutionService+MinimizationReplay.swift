import Foundation
import RunStore

extension EvolutionService {
    /// Derives each journaled minimization of a run again — the same subsets built and validated
    /// again, live, each keep/drop judged from the journaled samples — and the minimized kernel's
    /// candidate through every stage; the first difference, or nil.
    /// - Parameter checked: counts the minimized candidates found identical.
    func replayMinimizations(run: RunRecord, sandbox: Sandbox, options: EvolutionOptions, recorded: [CandidateRecord],
                             checked: inout Int) throws -> ReplayReport.Divergence? {
        let promotions = try store.promotions(run: run.id)
        for m in try store.minimizations(run: run.id) {
            guard let promotion = promotions.first(where: { $0.number == m.promotion }), let promotedSource = try store.source(m.promotedSHA256),
                  let scorer = try store.source(m.scoringKernelSHA256) else {
                throw EvolverError.invalidRun("minimization \(m.number) of run \(run.id) names sources missing from the store")
            }
            let promoted = recorded[promotion.candidateIndex]
            let at = m.candidateIndex ?? promotion.candidateIndex
            func diverge(_ field: String, _ want: String, _ got: String) -> ReplayReport.Divergence {
                ReplayReport.Divergence(candidate: at, field: "minimization \(m.number): \(field)", recorded: want, replayed: got)
            }
            if promoted.edits != m.edits { return diverge("edits", "\(m.edits.count) edits", "\(promoted.edits.count) edits") }
            let judge = try Judge(seedOf: try judgeSandbox(), workerPath: workerPath)
            judge.adopt(source: scorer)
            let recordedCandidate = m.candidateIndex.map { recorded[$0] }
            let parts = try minimizationParts(run: run, sandbox: sandbox, options: options, judge: judge, seed: UInt64(bitPattern: m.seed),
                                              recorded: m, recordedCandidate: recordedCandidate)
            var confirmed: CandidateRecord?
            var attempt = 0
            let index = m.candidateIndex ?? recorded.count, generation = recordedCandidate?.generation ?? 0
            let outcome = try parts.minimizer.minimize(m.edits, promotedSource: promotedSource) { kept, source, number in
                defer { attempt += 1 }
                // A refused kernel's benchmarks are journaled with its refusal; the one that passed, with its candidate.
                var evaluation = parts.candidate
                let refused = m.tests.dropFirst(number).first.flatMap { $0.verdict == "not_confirmed" ? $0 : nil }
                evaluation.recorded = refused.map(MinimizedCandidate.evidence(of:)) ?? recordedCandidate
                let c = try evaluation.evaluate(source, edits: kept.map { m.edits[$0] }, index: index, attempt: attempt, generation: generation,
                                                run: run.id, promotedSHA256: m.promotedSHA256, promotedSource: promotedSource)
                guard c.decision == MinimizedCandidate.decision else { return MinimizedCandidate.refusal(of: kept, c) }
                confirmed = c
                return nil
            }
            func line(_ t: MinimizationRecord.Test) -> String { "kept \(t.kept) → \(t.sha256?.prefix(12) ?? "none") \(t.verdict) \(t.accepted ? "accepted" : "refused")" }
            for (k, pair) in zip(m.tests, outcome.tests).enumerated() where line(pair.0) != line(pair.1) {
                return diverge("test \(k + 1)", line(pair.0), line(pair.1))
            }
            if m.tests.count != outcome.tests.count { return diverge("tests", "\(m.tests.count)", "\(outcome.tests.count)") }
            if m.kept != outcome.kept { return diverge("kept edits", "\(m.kept)", "\(outcome.kept)") }
            func line(_ a: MinimizationRecord.Ablation) -> String { "edit \(a.edit + 1) → \(a.sha256?.prefix(12) ?? "none") \(a.verdict) \(a.significant ? "significant" : "not significant")" }
            for (k, pair) in zip(m.ablations, outcome.ablations).enumerated() where line(pair.0) != line(pair.1) {
                return diverge("ablation \(k + 1)", line(pair.0), line(pair.1))
            }
            guard let want = recordedCandidate else {
                if let got = confirmed { return diverge("candidate", "none", got.sha256) }
                continue
            }
            guard let got = confirmed else { return diverge("candidate", want.sha256, "none (no minimized kernel passed every stage)") }
            let fields: [(String, String, String)] = [
                ("sha256", want.sha256, got.sha256), ("verdict", want.verdict, got.verdict), ("stage", want.stage.rawValue, got.stage.rawValue),
                ("decision", want.decision, got.decision), ("machine code", want.evidence.image ?? "none", got.evidence.image ?? "none"),
            ]
            if let (field, a, b) = fields.first(where: { $0.1 != $0.2 }) {
                return ReplayReport.Divergence(candidate: want.index, field: field, recorded: a, replayed: b)
            }
            checked += 1
        }
        return nil
    }
}
