import Foundation
import KernelMutation
import RunStore

extension EvolutionService {
    /// Minimizes promotion `number` of a run (nil: its last) and records the minimization and the
    /// minimized kernel's candidate (see `EditListMinimizer` and `MinimizedCandidate`).
    /// - Parameters:
    ///   - seed: the seed of its benchmark inputs and validation orders (nil: derived from the run's seed).
    ///   - warn: one-line warnings from the start-up check of the judge.
    /// - Throws: `EvolverError.invalidRun` for a run without that promotion, `invalidSandbox` when
    ///   the sandbox's fixed files changed since the run.
    public func minimize(_ id: String, promotion number: Int? = nil, seed: UInt64? = nil, warn: (String) -> Void = { _ in }) throws -> MinimizationReport {
        let run = try store.run(id)
        let sandbox = try catalog.load(run.manifest.sandbox)
        guard sandbox.isJudgedAsRecorded(lockDigest: run.manifest.lockDigest) else {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "its fixed files changed since run \(id); minimizing needs the same sandbox")
        }
        let promotions = try store.promotions(run: id)
        guard let last = promotions.last else { throw EvolverError.invalidRun("run \(id) has no promotion to minimize") }
        guard let promotion = promotions.first(where: { $0.number == (number ?? last.number) }) else {
            throw EvolverError.invalidRun("run \(id) has no promotion \(number ?? 0) (it has 1...\(last.number))")
        }
        let candidates = try store.candidates(run: id)
        let promoted = candidates[promotion.candidateIndex]
        guard let promotedSource = try store.source(promoted.sha256) else {
            throw EvolverError.invalidRun("the sources of promotion \(promotion.number) of run \(id) are missing from the store")
        }
        let options = try Self.options(of: run)
        let judge = try activeJudge(warn: warn)
        try store.putSource(judge.activeSource, sha256: judge.activeSHA256)
        let ordinal = try store.minimizations(run: id).count + 1
        let seed = seed ?? Self.minimizationSeed(runSeed: options.seed, promotion: promotion.number, number: ordinal)
        let parts = try minimizationParts(run: run, sandbox: sandbox, options: options, judge: judge, seed: seed)
        let index = candidates.count, generation = (candidates.map(\.generation).max() ?? -1) + 1
        var candidate: CandidateRecord?
        var attempt = 0
        let outcome = try parts.minimizer.minimize(promoted.edits, promotedSource: promotedSource) { kept, source, _ in
            defer { attempt += 1 }
            let c = try parts.candidate.evaluate(source, edits: kept.map { promoted.edits[$0] }, index: index, attempt: attempt, generation: generation,
                                                 run: id, promotedSHA256: promoted.sha256, promotedSource: promotedSource)
            guard c.decision == MinimizedCandidate.decision else { return MinimizedCandidate.refusal(of: kept, c) }
            candidate = c
            return nil
        }
        var record = MinimizationRecord(
            runID: id, number: ordinal, promotion: promotion.number, seed: Int64(bitPattern: seed), scoringKernelSHA256: judge.activeSHA256,
            promotedSHA256: promoted.sha256, edits: promoted.edits, kept: outcome.kept, tests: outcome.tests, ablations: outcome.ablations,
            candidateIndex: candidate?.index, speedupBefore: promotion.speedupVsSeed, speedupKept: candidate?.comparison?["speedup"] ?? 1,
            verdict: "unchanged", detail: "every edit matters: none could be taken out", at: Date())
        if let c = candidate {
            record.verdict = MinimizedCandidate.decision
            record.detail = "\(outcome.kept.count) of \(promoted.edits.count) edits kept; the minimized kernel (candidate \(c.index)) passed every stage"
            try store.putSource(outcome.source, sha256: outcome.sha256)
        } else if attempt > 0 {
            record.detail = "every edit kept: \(attempt) minimized kernels in a row did not pass every stage as candidates of the run"
        }
        try store.recordMinimization(record, candidate: candidate)
        return try report(record, run: run)
    }

    /// Every minimization of a run, as `minimize` reported it.
    public func minimizations(_ id: String) throws -> [MinimizationReport] {
        let run = try store.run(id)
        return try store.minimizations(run: id).map { try report($0, run: run) }
    }

    /// The seed of minimization `number` of a promotion when none is given: fixed by the run's seed.
    static func minimizationSeed(runSeed: UInt64, promotion: Int, number: Int) -> UInt64 {
        var mix = SplitMix64(seed: runSeed ^ 0x4D11_0000_0000_0000 ^ (UInt64(promotion) << 20) ^ UInt64(number))
        return mix.next()
    }

    /// The minimizer and the minimized kernel's evaluation for a run, judged by `judge`.
    func minimizationParts(run: RunRecord, sandbox: Sandbox, options: EvolutionOptions, judge: Judge, seed: UInt64,
                           recorded: MinimizationRecord? = nil, recordedCandidate: CandidateRecord? = nil)
        throws -> (minimizer: EditListMinimizer, candidate: MinimizedCandidate) {
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        let differential = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: options.differentialInputs)
        let minimizer = EditListMinimizer(sandbox: sandbox, base: try editBase(run), evaluator: evaluator, judge: judge, rule: options.rule,
                                          differential: differential, seed: seed, recorded: recorded)
        let candidate = MinimizedCandidate(sandbox: sandbox, evaluator: evaluator, judge: judge, rule: options.rule, differential: differential,
                                           cheapCases: StagedEvaluation.cheapest(sandbox, count: options.cheapCases), seed: seed,
                                           recorded: recordedCandidate)
        return (minimizer, candidate)
    }

    /// A journaled minimization in the form `minimize` prints, its edits described.
    func report(_ r: MinimizationRecord, run: RunRecord) throws -> MinimizationReport {
        let trace = try? editBase(run).trace(r.edits)
        func described(_ position: Int) -> DescribedEdit {
            if let step = trace?.steps.dropFirst(position).first { return DescribedEdit(step) }
            let e = r.edits[position]
            return DescribedEdit(op: e.op, site: e.site, params: e.params, description: Edit(e).description, lines: nil)
        }
        let kept = Set(r.kept)
        let contributions = r.ablations.map { a in
            MinimizationReport.Contribution(
                edit: a.edit + 1, description: described(a.edit).description, speedup: a.comparison?["speedup"], gain: a.comparison?["gain"],
                pValue: a.comparison?["p_value"], significant: a.significant, verdict: a.verdict, detail: a.detail)
        }
        return MinimizationReport(
            run: r.runID, minimization: r.number, promotion: r.promotion, candidate: r.candidateIndex, verdict: r.verdict, detail: r.detail,
            seed: UInt64(bitPattern: r.seed), editsBefore: r.edits.count, editsKept: r.kept.count, kept: r.kept.map(described),
            dropped: r.edits.indices.filter { !kept.contains($0) }.map(described), speedupBefore: r.speedupBefore, speedupKept: r.speedupKept,
            tests: r.tests.count, ablations: contributions)
    }
}
