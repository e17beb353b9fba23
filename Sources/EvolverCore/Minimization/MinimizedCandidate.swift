import Foundation
import RunStore

/// The minimized kernel as a candidate of its run: it goes through every stage a run's candidate
/// goes through — the cheap cases, the whole suite, the deciding benchmark and its confirmation
/// (kernel order swapped) against the promoted kernel it stands for, and the differential test
/// against the seed. Its incumbent is the promoted kernel, and the promotion rule decides in
/// reverse: `minimized` when neither benchmark judges the promoted kernel faster than it, nor
/// estimates it the rule's minimum gain faster (`EditListMinimizer.loses`).
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
    /// - Parameter attempt: how many minimized kernels of the same minimization were refused before
    ///   (each draws inputs of its own).
    func evaluate(_ source: String, edits: [EditRecord], index: Int, attempt: Int = 0, generation: Int, run: String, promotedSHA256: String,
                  promotedSource: String) throws -> CandidateRecord {
        var timing = StageTiming()
        var record = try stages(source, edits: edits, index: index, attempt: attempt, generation: generation, run: run, promotedSHA256: promotedSHA256,
                                promotedSource: promotedSource, timing: &timing)
        // A replay keeps the journaled times.
        record.evidence.timing = recorded?.evidence.timing ?? timing
        return record
    }

    private func stages(_ source: String, edits: [EditRecord], index: Int, attempt: Int, generation: Int, run: String, promotedSHA256: String,
                        promotedSource: String, timing: inout StageTiming) throws -> CandidateRecord {
        var record = CandidateRecord(
            runID: run, index: index, generation: generation, sha256: Hashing.sha256Hex(source), parentSHA256: promotedSHA256, edits: edits,
            compileNs: 0, verdict: Verdict.passed.rawValue, detail: "", stage: .cheap, scoringKernelSHA256: judge.activeSHA256,
            incumbentSHA256: promotedSHA256, evidence: CandidateEvidence(), comparison: nil, decision: Decision.rejected.rawValue)
        let scale = recorded == nil ? 1 : StagedEvaluation.replayDeadlineScale
        let draw = index + attempt << 24
        var rng = StagedEvaluation.validationRNG(runSeed: seed, index: draw)
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
        var measured: [String] = []
        var reversals: [SampleComparison] = []
        let benchmarks: [(BenchmarkSeed.Purpose, WritableKeyPath<StageTiming, UInt64>)] = [(.deciding, \.benchmarkNs), (.confirmation, \.confirmationNs)]
        for (purpose, stage) in benchmarks {
            let recordedBench = purpose == .deciding ? recorded?.evidence.deciding : recorded?.evidence.confirmation
            let bench = try recordedBench ?? StagedEvaluation.timed(&timing[keyPath: stage]) {
                try evaluator.benchmark(incumbent: promotedSource, candidate: source, inputSeed: BenchmarkSeed.derive(runSeed: seed, candidate: draw, purpose: purpose),
                                        candidateFirst: purpose == .confirmation).evidence
            }
            if purpose == .deciding { record.evidence.deciding = bench } else { record.evidence.confirmation = bench }
            if let failure = bench.failure { return failed(record, Verdict(rawValue: failure.verdict) ?? .internalError, failure.detail) }
            record.stage = .decided
            let c = try compare(incumbent: bench.incumbent, candidate: bench.candidate, into: &record)
            if purpose == .deciding { record.comparison = c.record }
            // Reversed: would the promoted kernel be promoted over the minimized one?
            let reversed = try compare(incumbent: bench.candidate, candidate: bench.incumbent, into: &record)
            measured.append(String(format: "%.3fx", c.speedup))
            reversals.append(reversed)
            if rule.promotes(reversed) || (purpose == .confirmation && EditListMinimizer.loses(reversals, rule)) {
                record.decision = Decision.notFaster.rawValue
                record.detail = String(format: "the %@ benchmark measured the promoted kernel %.3fx as fast (gain %+.2f%%, p = %.2g)%@: the minimized kernel lost what mattered",
                                       purpose == .deciding ? "deciding" : "confirmation", reversed.speedup, reversed.relativeGain * 100, reversed.pValue,
                                       rule.promotes(reversed) ? "" : ", over both benchmarks at least the rule's minimum gain")
                return record
            }
        }
        let why = try StagedEvaluation.timed(&timing.differentialNs) {
            try differential.disagreement(source, candidateIndex: draw, runSeed: seed, evaluator: evaluator)
        }
        record.evidence.differential = DifferentialEvidence(inputs: differential.inputs, agreed: why == nil, detail: why)
        if let why {
            record.verdict = Verdict.wrongOutput.rawValue
            record.decision = Decision.differentialMismatch.rawValue
            record.detail = why
            return record
        }
        record.decision = Self.decision
        record.detail = "measured \(measured.joined(separator: " and ")) the promoted kernel's speed, not slower by the promotion rule or its minimum gain: passed every stage"
        return record
    }

    /// The test that refuses a subset whose minimized kernel did not pass every stage (its
    /// benchmarks journaled there, deciding first, so a replay judges from them).
    static func refusal(of kept: [Int], _ c: CandidateRecord) -> MinimizationRecord.Test {
        MinimizationRecord.Test(kept: kept, sha256: c.sha256, verdict: "not_confirmed", detail: "as a candidate of the run: \(c.verdict), \(c.decision): \(c.detail)",
                                benchmarks: [c.evidence.deciding, c.evidence.confirmation].compactMap { $0 }, comparisons: c.comparison.map { [$0] } ?? [],
                                accepted: false)
    }

    /// What a refusal journaled, as the evidence of the candidate it refused (replay).
    static func evidence(of refusal: MinimizationRecord.Test) -> CandidateRecord {
        var evidence = CandidateEvidence()
        evidence.deciding = refusal.benchmarks.first
        evidence.confirmation = refusal.benchmarks.dropFirst().first
        return CandidateRecord(runID: "", index: 0, generation: 0, sha256: refusal.sha256 ?? "", parentSHA256: "", edits: [], compileNs: 0,
                               verdict: "", detail: "", stage: .cheap, scoringKernelSHA256: "", incumbentSHA256: "", evidence: evidence,
                               comparison: nil, decision: "")
    }

    private func compare(incumbent: [Int64], candidate: [Int64], into record: inout CandidateRecord) throws -> SampleComparison {
        let verdict = try judge.decisive(incumbent: incumbent, candidate: candidate)
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
