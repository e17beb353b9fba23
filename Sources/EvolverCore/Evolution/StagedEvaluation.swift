import Foundation
import RunStore

/// The evidence a run journaled about a candidate (replay), or nil to measure live.
public typealias SampleProvider = @Sendable (_ candidateIndex: Int) -> CandidateEvidence?

/// The stage at which a run journaled a candidate's timeout, and its detail (replay), or nil.
public typealias TimeoutProvider = @Sendable (_ candidateIndex: Int) -> (stage: EvaluationStage, detail: String)?

/// Evaluates one candidate in stages so bad ones cost little: the cheapest suite cases first, then
/// (when the run has one) a short speed screen against the incumbent, then the whole suite, then the
/// interleaved benchmark against the incumbent.
///
/// A deciding benchmark runs alone (`gate`): the other workers finish their current job and wait,
/// so the samples that decide a promotion are taken on a quiet machine. Validations and screens
/// share the machine: a screen interleaves incumbent and candidate in the same child (ABBA), so
/// load from concurrent work hits both sides alike, and it only filters — whatever passes it is
/// measured again by the deciding benchmark.
struct StagedEvaluation {
    let runSeed: UInt64
    let cheapCases: [Int]
    let screen: SpeedScreen?
    let gate: QuietGate
    let recordedSamples: SampleProvider?
    /// Replay: a call that timed out came close to a deadline, a timing matter, so its verdict is
    /// taken from the journal; every other call is validated again with `replayDeadlineScale`
    /// times its deadline, so it does not time out on a busier machine.
    var recordedTimeouts: TimeoutProvider? = nil
    /// The whole suite is left to the decision (run only for candidates measured faster).
    var validateLast = false
    static let replayDeadlineScale = 4

    struct Result: Sendable {
        var verdict: Verdict
        var detail: String
        var stage: EvaluationStage
        var compileNs: UInt64
        /// The screen's rounds and the deciding benchmark, as measured (or as journaled, in a replay).
        var evidence = CandidateEvidence()
        /// What the last screen round measured, when the screen ran.
        var screenComparison: SampleComparison?
        /// Time spent comparing samples, in nanoseconds.
        var compareNs: UInt64 = 0
        /// Screen comparisons on which the adopted judge disagreed with its seed shadow (or failed).
        var incidents: [Judge.Incident] = []
        /// The verdict taken from an earlier candidate with identical machine code, if any.
        var reuse: CodeIdentity.Reuse?
    }

    /// One screen comparison in this many (by candidate and round) is also computed by the seed scorer.
    static let screenShadowEvery = 8

    /// Per-call deadline of the cheap stage.
    static let cheapDeadlineMs = 250

    /// A benchmarked candidate's per-call deadline (before calibration): twenty times the incumbent's whole workload pass,
    /// at least 10 ms. A candidate that slow is not faster; without the bound, one that loops
    /// only on the workload holds its worker for every call's full deadline.
    static func boundedCallDeadlineMs(incumbentPassNs: Double) -> Int {
        max(10, Int((incumbentPassNs * 20 / 1e6).rounded(.up)))
    }

    /// Runs `work`, adding its wall time to `ns`.
    static func timed<T>(_ ns: inout UInt64, _ work: () throws -> T) rethrows -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { ns &+= DispatchTime.now().uptimeNanoseconds &- started }
        return try work()
    }

    /// The generator for a candidate's validation order and poison bytes: fixed by run seed and index,
    /// so a replay validates exactly as the run did, whatever the worker scheduling.
    static func validationRNG(runSeed: UInt64, index: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: runSeed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return mix.split()
    }

    /// - Parameters:
    ///   - incumbentSHA256: the incumbent's source hash (what `identity` knows it by).
    ///   - identity: what earlier generations concluded by machine code (nil: no deduplication).
    ///   - incumbentPassNs: the incumbent's time per workload pass when measured, which bounds a
    ///     screened candidate's calls (see `boundedCallDeadlineMs`).
    func evaluate(_ offspring: Offspring, incumbentSource: String, incumbentSHA256: String = "", identity: CodeIdentity? = nil,
                  incumbentPassNs: Double? = nil, judge: Judge, with evaluator: KernelEvaluator) throws -> Result {
        var timing = StageTiming()
        var result = try stages(offspring, incumbentSource: incumbentSource, incumbentSHA256: incumbentSHA256, identity: identity,
                                incumbentPassNs: incumbentPassNs, judge: judge, with: evaluator, timing: &timing)
        // A replay takes the journaled times (a cost the run's policy learned from), not its own.
        result.evidence.timing = recordedSamples.map { $0(offspring.index)?.timing } ?? timing
        return result
    }

    /// The stages of `evaluate`, adding each one's time to `timing`.
    private func stages(_ offspring: Offspring, incumbentSource: String, incumbentSHA256: String, identity: CodeIdentity?,
                        incumbentPassNs: Double?, judge: Judge, with evaluator: KernelEvaluator, timing: inout StageTiming) throws -> Result {
        var rng = Self.validationRNG(runSeed: runSeed, index: offspring.index)
        // The cheap cases are the suite's smallest: a kernel that needs more than this per call loops.
        let timedOut = recordedTimeouts?(offspring.index)
        let scale = recordedSamples == nil ? 1 : Self.replayDeadlineScale
        if let timedOut, timedOut.stage == .cheap {
            return Result(verdict: .timeout, detail: timedOut.detail, stage: .cheap, compileNs: 0)
        }
        let cheap = try gate.shared {
            try Self.timed(&timing.cheapNs) {
                try evaluator.validate(offspring.source, rng: &rng, subset: cheapCases, callDeadlineMs: Self.cheapDeadlineMs, deadlineScale: scale)
            }
        }
        let recorded = recordedSamples?(offspring.index)
        guard cheap.verdict == .passed else {
            return Result(verdict: cheap.verdict, detail: cheap.detail, stage: .cheap, compileNs: cheap.compileNs)
        }
        var result = Result(verdict: .passed, detail: "", stage: .screen, compileNs: cheap.compileNs)
        if let identity {
            result.evidence.image = cheap.imageSHA256
            if let image = cheap.imageSHA256, let reuse = identity.reuse(image: image, incumbentSHA256: incumbentSHA256) {
                result.verdict = reuse.verdict
                result.detail = reuse.detail
                result.stage = .cheap
                result.evidence.sameCodeAs = reuse.sameCodeAs
                result.reuse = reuse
                return result
            }
        }
        if let screen {
            for round in 0..<screen.rounds {
                // Every other round starts with the candidate's window, so an order effect cannot pass both.
                let bench = try recorded?.screenRounds.dropFirst(round).first ?? gate.shared {
                    try Self.timed(&timing.screenNs) { try evaluator.benchmark(incumbent: incumbentSource, candidate: offspring.source,
                                            inputSeed: BenchmarkSeed.derive(runSeed: runSeed, candidate: offspring.index, purpose: .screen, round: round),
                                            screen: screen, candidateFirst: round % 2 == 1,
                                            callDeadlineMs: incumbentPassNs.map(Self.boundedCallDeadlineMs)).evidence }
                }
                result.evidence.screenRounds.append(bench)
                if let failure = bench.failure {
                    result.verdict = Verdict(rawValue: failure.verdict) ?? .internalError
                    result.detail = failure.detail
                    return result
                }
                let started = DispatchTime.now().uptimeNanoseconds
                // After an incident, the candidate's later rounds are shadowed too (the seed's results count).
                let verdict = try judge.screen(incumbent: bench.incumbent, candidate: bench.candidate,
                                               shadowed: !result.incidents.isEmpty || (offspring.index + round) % Self.screenShadowEvery == 0)
                result.compareNs += DispatchTime.now().uptimeNanoseconds - started
                if let incident = verdict.incident {
                    result.incidents.append(incident)
                    result.evidence.note(incident)
                }
                let comparison = verdict.comparison
                result.screenComparison = comparison
                if comparison.relativeGain < screen.minimumGain {
                    result.verdict = .screenedOut
                    result.detail = String(format: "speed screen %d of %d measured %.3fx (gain %+.2f%%, below %.1f%%)", round + 1, screen.rounds,
                                           comparison.speedup, comparison.relativeGain * 100, screen.minimumGain * 100)
                    return result
                }
            }
        }
        if !validateLast {
            if let failure = try Self.timed(&timing.suiteNs, { try suite(offspring, rng: &rng, with: evaluator) }) {
                result.verdict = failure.verdict
                result.detail = failure.detail
                result.stage = .suite
                return result
            }
        }
        result.stage = .benchmark
        let seed = BenchmarkSeed.derive(runSeed: runSeed, candidate: offspring.index, purpose: .deciding)
        let bench = try recorded?.deciding ?? gate.exclusive {
            try Self.timed(&timing.benchmarkNs) {
                try evaluator.benchmark(incumbent: incumbentSource, candidate: offspring.source, inputSeed: seed,
                                        callDeadlineMs: incumbentPassNs.map(Self.boundedCallDeadlineMs)).evidence
            }
        }
        result.evidence.deciding = bench
        if let failure = bench.failure {
            result.verdict = Verdict(rawValue: failure.verdict) ?? .internalError
            result.detail = failure.detail
        }
        return result
    }

    /// Runs the whole suite (or takes a journaled timeout, in a replay); nil when it passed.
    func suite(_ offspring: Offspring, rng: inout SplitMix64, with evaluator: KernelEvaluator) throws -> (verdict: Verdict, detail: String)? {
        if let timedOut = recordedTimeouts?(offspring.index), timedOut.stage == .suite { return (.timeout, timedOut.detail) }
        let scale = recordedSamples == nil ? 1 : Self.replayDeadlineScale
        let full = try gate.shared { try evaluator.validate(offspring.source, rng: &rng, deadlineScale: scale) }
        return full.verdict == .passed ? nil : (full.verdict, full.detail)
    }

    /// The generator of a candidate's late whole-suite validation (see `EvolutionOptions.validateLast`).
    static func lateSuiteRNG(runSeed: UInt64, index: Int) -> SplitMix64 {
        var rng = validationRNG(runSeed: runSeed, index: index)
        return rng.split()
    }

    /// The `count` cheapest suite cases (fewest buffer elements), in suite order.
    static func cheapest(_ sandbox: Sandbox, count: Int) -> [Int] {
        let costs = sandbox.cases.enumerated().map { i, c in
            (i, (try? c.bufferLengths(for: sandbox.harness).values.reduce(0, +)) ?? Int.max)
        }
        return costs.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0).sorted()
    }
}
