import Foundation

/// Recorded benchmark samples of a candidate (replay), or nil to measure live.
public typealias SampleProvider = @Sendable (_ candidateIndex: Int) -> (incumbent: [Int64], candidate: [Int64])?

/// Evaluates one candidate in stages so bad ones cost little: the cheapest suite cases first, then
/// the whole suite, then the interleaved benchmark against the incumbent.
///
/// Benchmarks are serialized through `benchmarkLock` while validations of other candidates run on
/// the other workers: each benchmark interleaves incumbent and candidate in one child (ABBA), so
/// load from a concurrent validation hits both sides alike, and at most one benchmark competes
/// for the machine at a time.
struct StagedEvaluation {
    let runSeed: UInt64
    let cheapCases: [Int]
    let benchmarkLock: NSLock
    let recordedSamples: SampleProvider?

    struct Result: Sendable {
        var verdict: Verdict
        var detail: String
        var stage: String
        var compileNs: UInt64
        var incumbentSamples: [Int64] = []
        var candidateSamples: [Int64] = []
    }

    /// Per-call deadline of the cheap stage.
    static let cheapDeadlineMs = 250

    /// The generator for a candidate's validation order and poison bytes: fixed by run seed and index,
    /// so a replay validates exactly as the run did, whatever the worker scheduling.
    static func validationRNG(runSeed: UInt64, index: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: runSeed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return mix.split()
    }

    func evaluate(_ offspring: Offspring, incumbentSource: String, with evaluator: KernelEvaluator) throws -> Result {
        var rng = Self.validationRNG(runSeed: runSeed, index: offspring.index)
        // The cheap cases are the suite's smallest: a kernel that needs more than this per call loops.
        let cheap = try evaluator.validate(offspring.source, rng: &rng, subset: cheapCases, callDeadlineMs: Self.cheapDeadlineMs)
        guard cheap.verdict == .passed else {
            return Result(verdict: cheap.verdict, detail: cheap.detail, stage: "cheap", compileNs: cheap.compileNs)
        }
        let full = try evaluator.validate(offspring.source, rng: &rng)
        guard full.verdict == .passed else {
            return Result(verdict: full.verdict, detail: full.detail, stage: "suite", compileNs: full.compileNs)
        }
        if let recorded = recordedSamples?(offspring.index) {
            return Result(verdict: .passed, detail: "", stage: "benchmark", compileNs: full.compileNs,
                          incumbentSamples: recorded.incumbent, candidateSamples: recorded.candidate)
        }
        benchmarkLock.lock()
        defer { benchmarkLock.unlock() }
        let bench = try evaluator.benchmark(incumbent: incumbentSource, candidate: offspring.source)
        return Result(verdict: bench.verdict, detail: bench.detail, stage: "benchmark", compileNs: full.compileNs,
                      incumbentSamples: bench.incumbentSamples, candidateSamples: bench.candidateSamples)
    }

    /// The `count` cheapest suite cases (fewest buffer elements), in suite order.
    static func cheapest(_ sandbox: Sandbox, count: Int) -> [Int] {
        let costs = sandbox.cases.enumerated().map { i, c in
            (i, (try? c.bufferLengths(for: sandbox.harness).values.reduce(0, +)) ?? Int.max)
        }
        return costs.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0).sorted()
    }
}
