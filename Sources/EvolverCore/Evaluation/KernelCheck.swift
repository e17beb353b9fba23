import Foundation

/// `evolver check`: compile, validate, test against the seed on fresh random inputs and (when all
/// of that passed) benchmark one kernel against the seed on fresh inputs, comparing samples with
/// the active scoring kernel.
public struct KernelCheck {
    public let evaluator: KernelEvaluator
    public let judge: Judge
    /// Told when the active scoring kernel disagreed with the seed scorer (the seed's result was used).
    public var onIncident: (Judge.Incident) throws -> Void = { _ in }
    public var rule: PromotionRule
    /// Random contract-wide inputs of the differential test (as many as a run uses).
    public var differentialInputs = 64

    public init(evaluator: KernelEvaluator, judge: Judge, rule: PromotionRule = .standard) {
        self.evaluator = evaluator
        self.judge = judge
        self.rule = rule
    }

    /// Checks `source` (shown as `path`). Every random choice (case order, poison bytes, the
    /// differential inputs and the benchmark's inputs) comes from `seed`, which the report shows.
    /// - Throws: configuration errors only; when the worker itself fails, the report says so
    ///   (verdict `internal_error`), so a caller always has a verdict to show.
    public func run(source: String, path: String, seed: UInt64) throws -> CheckReport {
        var report = CheckReport(
            sandbox: evaluator.sandbox.name, kernelPath: path, kernelSHA256: Hashing.sha256Hex(source), seed: seed, verdict: .internalError,
            detail: "", validation: .init(passed: 0, total: evaluator.sandbox.cases.count, firstFailure: nil),
            differential: nil, benchmark: nil, compileMs: 0, imageBytes: 0,
            diagnostics: [], scoringKernelSHA256: judge.activeSHA256, lockSHA256: evaluator.sandbox.lockDigest)
        do {
            try evaluate(source, seed: seed, into: &report)
        } catch EvolverError.workerFailed(let why) {
            report.verdict = .internalError
            report.detail = "evaluation worker failed: \(why)"
            report.benchmark = nil
        }
        return report
    }

    private func evaluate(_ source: String, seed: UInt64, into report: inout CheckReport) throws {
        let sandbox = evaluator.sandbox
        var rng = SplitMix64(seed: seed)
        let validation = try evaluator.validate(source, rng: &rng)
        report.verdict = validation.verdict
        report.detail = validation.detail
        report.validation = .init(passed: validation.passed, total: validation.total, firstFailure: validation.firstFailure)
        report.compileMs = Double(validation.compileNs) / 1e6
        report.imageBytes = validation.imageBytes
        report.diagnostics = validation.diagnostics
        guard validation.verdict == .passed else { return }
        let differential = try DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: differentialInputs)
            .run(source, seed: rng.next(), evaluator: evaluator)
        report.differential = differential
        if let detail = differential.detail {
            report.verdict = .wrongOutput
            report.detail = detail
            return
        }
        let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: source, inputSeed: rng.next())
        guard bench.verdict == .passed else {
            report.verdict = bench.verdict
            report.detail = bench.detail
            return
        }
        let judged = try judge.decisive(incumbent: bench.incumbentSamples, candidate: bench.candidateSamples)
        report.scoringKernelSHA256 = judged.scorerSHA256
        if let incident = judged.incident { try onIncident(incident) }
        let comparison = judged.comparison
        report.benchmark = CheckReport.Benchmark(
            medianNs: comparison.medianCandidate, seedMedianNs: comparison.medianIncumbent, speedup: comparison.shiftSpeedup,
            significant: rule.isSignificant(comparison), wouldPromote: rule.promotes(comparison), pValue: comparison.pValue,
            gain: comparison.relativeGain, samples: bench.candidateSamples.count, reps: bench.reps,
            windowMs: Double(bench.windowNs) / 1e6,
            timerOverheadPercent: bench.windowNs > 0 ? 100 * Double(bench.overheadNs) / Double(bench.windowNs) : 0,
            samplesNs: bench.candidateSamples, seedSamplesNs: bench.incumbentSamples, seedReps: bench.incumbentReps)
    }
}
