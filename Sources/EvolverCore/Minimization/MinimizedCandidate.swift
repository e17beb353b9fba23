import Foundation
import RunStore

/// The minimized kernel as a candidate of its run: it goes through every stage a run's candidate
/// goes through — the cheap cases, the whole suite, the deciding benchmark and its confirmation
/// against the kernel the promotion replaced, and the differential test against the seed — and the
/// promotion rule decides. `minimized` is its decision when it would have been promoted itself.
struct MinimizedCandidate {
    let sandbox: Sandbox
    let evaluator: KernelEvaluator
    let judge: Judge
    let rule: PromotionRule
    let differential: DifferentialTest
    let cheapCases: [Int]
    let seed: UInt64
    /// The candidate as journaled (replay: its benchmarks stand in for new ones), or nil to measure.
    var recorded: CandidateRecord? = nil

    /// The decision of a minimized kernel that passed every stage.
    static let decision = "minimized"

    /// Evaluates `source` (edits `edits` of the seed) as candidate `index` of generation `generation`.
    func evaluate(_ source: String, edits: [EditRecord], index: Int, generation: Int, run: String, promotedSHA256: String,
                  incumbentSource: String, incumbentSHA256: String) throws -> CandidateRecord {
        var timing = StageTiming()
        var record = try stages(source, edits: edits, index: index, generation: generation, run: run, promotedSHA256: promotedSHA256,
                                incumbentSource: incumbentSource, incumbentSHA256: incumbentSHA256, timing: &timing)
        // A replay keeps the journaled times.
        record.evidence.timing = recorded?.evidence.timing ?? timing
        return record
    }

    private func stages(_ source: String, edits: [EditRecord], index: Int, generation: Int, run: String, promotedSHA256: String,
                        incumbentSource: String, incumbentSHA256: String, timing: inout StageTiming) throws -> CandidateRecord {
        var record = CandidateRecord(
            runID: run, index: index, generation: generation, sha256: Hashing.sha256Hex(source), parentSHA256: promotedSHA256, edits: edits,
            compileNs: 0, verdict: Verdict.passed.rawValue, detail: "", stage: .cheap, scoringKernelSHA256: judge.activeSHA256,
            incumbentSHA256: incumbentSHA256, evidence: CandidateEvidence(), comparison: nil, decision: Decision.rejected.rawValue)
        let scale = recorded == nil ? 1 : StagedEvaluation.replayDeadlineScale
        var rng = StagedEvaluation.validationRNG(runSeed: seed, index: index)
        let cheap = try StagedEvaluation.timed(&timing.cheapNs) {
            try evaluator.validate(source, rng: &rng, subset: cheapCases, callDeadlineMs: StagedEvaluation.cheapDeadlineMs, deadlineScale: scale)
        }
        record.compileNs = cheap.compileNs
        record.evidence.image = cheap.imageSHA256
        guard cheap.verdict == .passed else { return failed(record, cheap.verdict, cheap.detail) }
        record.stage = .suite
        let suite = try StagedEvaluation.timed(&timing.suiteNs) { try evaluator.validate(source, rng: &rng, deadlineScale: scale) }
        guard suite.verdict == .passed else { return failed(record, suite.verdict, suite.detail) }
        record.stage = .benchmark
        let deciding = try recorded?.evidence.deciding ?? StagedEvaluation.timed(&timing.benchmarkNs) {
            try evaluator.benchmark(incumbent: incumbentSource, candidate: source,
                                    inputSeed: BenchmarkSeed.derive(runSeed: seed, candidate: index, purpose: .deciding)).evidence
        }
        record.evidence.deciding = deciding
        if let failure = deciding.failure { return failed(record, Verdict(rawValue: failure.verdict) ?? .internalError, failure.detail) }
        record.stage = .decided
        var judged = JudgedEvidence(deciding: try compare(deciding, into: &record))
        record.comparison = judged.deciding.record
        while true {
            switch PromotionDecider.step(judged, rule: rule, promotedEarlier: false) {
            case .needsSuite:
                judged.suite = .passed
            case .needsConfirmation:
                let bench = try recorded?.evidence.confirmation ?? StagedEvaluation.timed(&timing.confirmationNs) {
                    try evaluator.benchmark(incumbent: incumbentSource, candidate: source,
                                            inputSeed: BenchmarkSeed.derive(runSeed: seed, candidate: index, purpose: .confirmation), candidateFirst: true).evidence
                }
                record.evidence.confirmation = bench
                judged.confirmation = try bench.failure.map { .failed(detail: "\($0.verdict): \($0.detail)") } ?? .measured(compare(bench, into: &record))
            case .needsDifferential:
                let why = try StagedEvaluation.timed(&timing.differentialNs) {
                    try differential.disagreement(source, candidateIndex: index, runSeed: seed, evaluator: evaluator)
                }
                let evidence = DifferentialEvidence(inputs: differential.inputs, agreed: why == nil, detail: why)
                record.evidence.differential = evidence
                judged.differential = evidence
            case .decided(let decision, let detail):
                let c = judged.deciding
                let measured = String(format: "the deciding benchmark against the kernel the promotion replaced measured %.3fx (gain %+.2f%%, p = %.2g)",
                                      c.speedup, c.relativeGain * 100, c.pValue)
                switch decision {
                case .promoted:
                    record.decision = Self.decision
                    record.detail = "\(measured): passed every stage"
                case .differentialMismatch:
                    record.decision = decision.rawValue
                    record.verdict = Verdict.wrongOutput.rawValue
                    record.detail = detail ?? "differential test against the seed failed"
                default:
                    record.decision = decision.rawValue
                    record.detail = detail ?? "\(measured): not faster by the promotion rule"
                }
                return record
            }
        }
    }

    private func compare(_ bench: BenchmarkEvidence, into record: inout CandidateRecord) throws -> SampleComparison {
        let verdict = try judge.decisive(incumbent: bench.incumbent, candidate: bench.candidate)
        record.scoringKernelSHA256 = verdict.scorerSHA256
        return verdict.comparison
    }

    private func failed(_ record: CandidateRecord, _ verdict: Verdict, _ detail: String) -> CandidateRecord {
        var record = record
        record.verdict = verdict.rawValue
        record.detail = detail
        record.decision = Decision.rejected.rawValue
        return record
    }
}
