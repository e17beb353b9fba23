import Foundation
import RunStore

/// What a scoring kernel must pass, in the sandbox, before the evolver judges with it:
/// 1. the judge sandbox's whole fixed suite;
/// 2. agreement with the seed scorer on the contract's corner inputs (ties, one sample, the
///    largest sizes, skewed sizes, values at the top of the range) and on `randomInputs` fresh
///    contract-wide inputs;
/// 3. the referee panel: agreement with the seed scorer on journaled sample pairs (the comparisons
///    earlier runs made), so the new judge would have decided every one of them the same way.
///
/// The candidate never runs in the evolver's process here: every call is a sandboxed worker's.
public struct AdoptionGuard {
    public let sandbox: Sandbox
    public let evaluator: KernelEvaluator
    /// Fresh random inputs after the corners.
    public var randomInputs = 1000
    /// Largest total element count of one random input (corners have no cap).
    public var randomMaxElements = 1 << 15
    /// Most journaled sample pairs the referee panel replays.
    public static let refereeCap = 4000
    /// Inputs per worker job.
    static let batch = 200

    public init(sandbox: Sandbox, evaluator: KernelEvaluator) {
        self.sandbox = sandbox
        self.evaluator = evaluator
    }

    /// Runs every check on `source`; the evidence's `failure` says the first one it failed.
    /// - Parameters:
    ///   - pairs: journaled sample pairs (incumbent, candidate) for the referee panel.
    ///   - inputSeed: seed of the fresh inputs, poison bytes and suite order.
    /// - Throws: `EvolverError.workerFailed` when the worker (or the seed scorer) fails.
    public func check(_ source: String, pairs: [BenchmarkEvidence], inputSeed: UInt64, clock: () -> Double) throws -> GuardEvidence {
        let began = clock()
        var rng = SplitMix64(seed: inputSeed)
        var evidence = GuardEvidence(suitePassed: 0, suiteTotal: sandbox.cases.count, differentialPassed: 0, differentialTotal: 0,
                                     refereeAgreed: 0, refereePairs: 0, inputSeed: inputSeed, speedupVsSeed: nil, seconds: 0, failure: nil)
        let suite = try evaluator.validate(source, rng: &rng)
        evidence.suitePassed = suite.passed
        guard suite.verdict == .passed else {
            evidence.failure = "fails the fixed suite (\(suite.verdict.rawValue)): \(suite.detail)"
            evidence.seconds = clock() - began
            return evidence
        }
        let test = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: randomInputs)
        let cases = try ContractCorners(harness: sandbox.harness).cases(rng: &rng)
            + ContractSampler(harness: sandbox.harness, maxElements: randomMaxElements).sample(count: randomInputs, rng: &rng)
        let differential = try test.compare(source, on: cases, poisons: cases.map { _ in KernelEvaluator.poison(&rng) }, evaluator: evaluator,
                                            batch: Self.batch, describing: "contract input")
        evidence.differentialPassed = differential.passed
        evidence.differentialTotal = differential.total
        if let detail = differential.detail {
            evidence.failure = "\(detail)" + (differential.firstFailure.map { ": expected \($0.expected), got \($0.actual)" } ?? "")
            evidence.seconds = clock() - began
            return evidence
        }
        let panel = try refereeCases(pairs.suffix(Self.refereeCap))
        let referee = try test.compare(source, on: panel, poisons: panel.map { _ in KernelEvaluator.poison(&rng) }, evaluator: evaluator,
                                       batch: Self.batch, describing: "journaled comparison")
        evidence.refereeAgreed = referee.passed
        evidence.refereePairs = referee.total
        if let detail = referee.detail {
            evidence.failure = "would have judged a past comparison differently: \(detail)"
                + (referee.firstFailure.map { ": expected \($0.expected), got \($0.actual)" } ?? "")
        }
        evidence.seconds = clock() - began
        return evidence
    }

    /// The journaled pairs as inputs of the judge's contract (the first two int parameters are the
    /// sample counts; the first two input arrays the samples); pairs the contract cannot hold are skipped.
    func refereeCases(_ pairs: ArraySlice<BenchmarkEvidence>) throws -> [KernelCase] {
        let ints = sandbox.harness.params.filter { $0.kind == .int }.map(\.name)
        let arrays = sandbox.harness.params.filter { $0.kind == .input }.map(\.name)
        guard ints.count == 2, arrays.count == 2 else {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "a judge's contract takes two sample arrays and their two counts")
        }
        return pairs.enumerated().compactMap { k, pair in
            let c = KernelCase(id: "journaled-\(k)", args: [
                arrays[0]: .array(pair.incumbent), ints[0]: .int(Int64(pair.incumbent.count)),
                arrays[1]: .array(pair.candidate), ints[1]: .int(Int64(pair.candidate.count)),
            ])
            return (try? c.bufferLengths(for: sandbox.harness)) == nil ? nil : c
        }
    }
}
