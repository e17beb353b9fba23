import Foundation

/// What a run journaled about a candidate's benchmarks: the samples, and the verdict of the
/// benchmark that failed, if one did. Both are evidence taken under timing (which inputs a window
/// uses follows its calibrated repetitions), so a replay takes them from the journal.
public struct RecordedBenchmarks: Sendable {
    public var incumbent: [Int64]
    public var candidate: [Int64]
    public var failure: (verdict: Verdict, detail: String)?

    public init(incumbent: [Int64], candidate: [Int64], failure: (verdict: Verdict, detail: String)? = nil) {
        self.incumbent = incumbent
        self.candidate = candidate
        self.failure = failure
    }
}

/// Recorded benchmarks of a candidate (replay), or nil to measure live.
public typealias SampleProvider = @Sendable (_ candidateIndex: Int) -> RecordedBenchmarks?

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

    struct Result: Sendable {
        var verdict: Verdict
        var detail: String
        var stage: String
        var compileNs: UInt64
        /// Samples of the deciding benchmark (and, in a replay, of the recorded confirmation after them).
        var incumbentSamples: [Int64] = []
        var candidateSamples: [Int64] = []
        /// Samples of the speed screen (recorded before the others).
        var screenIncumbent: [Int64] = []
        var screenCandidate: [Int64] = []
        /// What the screen measured, when it ran.
        var screenComparison: SampleComparison?
    }

    /// Per-call deadline of the cheap stage.
    static let cheapDeadlineMs = 250

    /// The generator for a candidate's validation order and poison bytes: fixed by run seed and index,
    /// so a replay validates exactly as the run did, whatever the worker scheduling.
    static func validationRNG(runSeed: UInt64, index: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: runSeed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return mix.split()
    }

    func evaluate(_ offspring: Offspring, incumbentSource: String, scoring: ScoringKernel, with evaluator: KernelEvaluator) throws -> Result {
        var rng = Self.validationRNG(runSeed: runSeed, index: offspring.index)
        // The cheap cases are the suite's smallest: a kernel that needs more than this per call loops.
        let cheap = try gate.shared { try evaluator.validate(offspring.source, rng: &rng, subset: cheapCases, callDeadlineMs: Self.cheapDeadlineMs) }
        guard cheap.verdict == .passed else {
            return Result(verdict: cheap.verdict, detail: cheap.detail, stage: "cheap", compileNs: cheap.compileNs)
        }
        var recorded = recordedSamples?(offspring.index)
        var screened = Result(verdict: .passed, detail: "", stage: "screen", compileNs: cheap.compileNs)
        for round in 0..<(screen?.rounds ?? 0) {
            guard let screen else { break }
            let samples: (incumbent: [Int64], candidate: [Int64])
            if let r = recorded, r.incumbent.count >= screen.samples, r.candidate.count >= screen.samples {
                samples = (Array(r.incumbent.prefix(screen.samples)), Array(r.candidate.prefix(screen.samples)))
                recorded?.incumbent = Array(r.incumbent.dropFirst(screen.samples))
                recorded?.candidate = Array(r.candidate.dropFirst(screen.samples))
            } else if let failure = recorded?.failure {
                // A replay of a candidate whose screen failed: the journal says how.
                screened.verdict = failure.verdict
                screened.detail = failure.detail
                return screened
            } else {
                // Every other round starts with the candidate's window, so an order effect cannot pass both.
                let bench = try gate.shared {
                    try evaluator.benchmark(incumbent: incumbentSource, candidate: offspring.source,
                                            inputSeed: BenchmarkSeed.derive(runSeed: runSeed, candidate: offspring.index, purpose: .screen, round: round),
                                            screen: screen, candidateFirst: round % 2 == 1)
                }
                guard bench.verdict == .passed else {
                    // The rounds completed before are journaled with their samples, this one by its verdict.
                    screened.verdict = bench.verdict
                    screened.detail = bench.detail
                    return screened
                }
                samples = (bench.incumbentSamples, bench.candidateSamples)
            }
            let comparison = try scoring.compare(incumbent: samples.incumbent, candidate: samples.candidate)
            screened.screenIncumbent += samples.incumbent
            screened.screenCandidate += samples.candidate
            screened.screenComparison = comparison
            if comparison.relativeGain < screen.minimumGain {
                screened.verdict = .screenedOut
                screened.detail = String(format: "speed screen %d of %d measured %.3fx (gain %+.2f%%, below %.1f%%)", round + 1, screen.rounds,
                                         comparison.speedup, comparison.relativeGain * 100, screen.minimumGain * 100)
                return screened
            }
        }
        let full = try gate.shared { try evaluator.validate(offspring.source, rng: &rng) }
        screened.compileNs = full.compileNs
        guard full.verdict == .passed else {
            screened.verdict = full.verdict
            screened.detail = full.detail
            screened.stage = "suite"
            return screened
        }
        screened.stage = "benchmark"
        if let recorded, !recorded.incumbent.isEmpty, !recorded.candidate.isEmpty {
            screened.incumbentSamples = recorded.incumbent
            screened.candidateSamples = recorded.candidate
            return screened
        }
        if let failure = recorded?.failure {
            screened.verdict = failure.verdict
            screened.detail = failure.detail
            return screened
        }
        let seed = BenchmarkSeed.derive(runSeed: runSeed, candidate: offspring.index, purpose: .deciding)
        let bench = try gate.exclusive { try evaluator.benchmark(incumbent: incumbentSource, candidate: offspring.source, inputSeed: seed) }
        screened.verdict = bench.verdict
        screened.detail = bench.detail
        if bench.verdict == .passed {
            screened.incumbentSamples = bench.incumbentSamples
            screened.candidateSamples = bench.candidateSamples
        }
        return screened
    }

    /// The `count` cheapest suite cases (fewest buffer elements), in suite order.
    static func cheapest(_ sandbox: Sandbox, count: Int) -> [Int] {
        let costs = sandbox.cases.enumerated().map { i, c in
            (i, (try? c.bufferLengths(for: sandbox.harness).values.reduce(0, +)) ?? Int.max)
        }
        return costs.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0).sorted()
    }
}
