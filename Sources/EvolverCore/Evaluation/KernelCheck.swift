import Foundation

/// `evolver check`: compile, validate and (when valid) benchmark one kernel against the seed,
/// comparing samples with the active scoring kernel.
public struct KernelCheck {
    public let evaluator: KernelEvaluator
    public let scoring: ScoringKernel
    public var rule: PromotionRule

    public init(evaluator: KernelEvaluator, scoring: ScoringKernel, rule: PromotionRule = .standard) {
        self.evaluator = evaluator
        self.scoring = scoring
        self.rule = rule
    }

    /// Checks `source` (shown as `path`). Randomness (case order, poison bytes) comes from `seed`.
    public func run(source: String, path: String, seed: UInt64) throws -> CheckReport {
        let sandbox = evaluator.sandbox
        var rng = SplitMix64(seed: seed)
        let validation = try evaluator.validate(source, rng: &rng)
        var report = CheckReport(
            sandbox: sandbox.name, kernelPath: path, kernelSHA256: Hashing.sha256Hex(source), verdict: validation.verdict,
            detail: validation.detail,
            validation: .init(passed: validation.passed, total: validation.total, firstFailure: validation.firstFailure),
            benchmark: nil, compileMs: Double(validation.compileNs) / 1e6, imageBytes: validation.imageBytes,
            diagnostics: validation.diagnostics, scoringKernelSHA256: scoring.sourceSHA256, lockSHA256: sandbox.lockDigest)
        guard validation.verdict == .passed else { return report }
        let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: source)
        guard bench.verdict == .passed else {
            report.verdict = bench.verdict
            report.detail = bench.detail
            return report
        }
        let comparison = try scoring.compare(incumbent: bench.incumbentSamples, candidate: bench.candidateSamples)
        report.benchmark = CheckReport.Benchmark(
            medianNs: comparison.medianCandidate, seedMedianNs: comparison.medianIncumbent, speedup: comparison.speedup,
            significant: rule.isSignificant(comparison), wouldPromote: rule.promotes(comparison), pValue: comparison.pValue,
            gain: comparison.relativeGain, samples: bench.candidateSamples.count, reps: bench.reps,
            windowMs: Double(bench.windowNs) / 1e6,
            timerOverheadPercent: bench.windowNs > 0 ? 100 * Double(bench.overheadNs) / Double(bench.windowNs) : 0,
            samplesNs: bench.candidateSamples, seedSamplesNs: bench.incumbentSamples)
        return report
    }
}
