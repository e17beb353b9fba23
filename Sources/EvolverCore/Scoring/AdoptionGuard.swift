import Foundation
import RunStore

/// What a scoring kernel must pass, in the sandbox, before the evolver judges with it:
/// 1. the judge sandbox's whole fixed suite;
/// 2. agreement with the seed scorer on the contract's corner inputs (ties, one sample, the
///    largest sizes, skewed sizes, values at the top of the range), on `largeInputs` fresh large
///    ones, and on `randomInputs` fresh contract-wide inputs;
/// 3. the referee panel: agreement with the seed scorer on journaled sample pairs (the comparisons
///    earlier runs made), so the new judge would have decided every one of them the same way.
///
/// The candidate never runs in the evolver's process here: every call is a sandboxed worker's.
public struct AdoptionGuard {
    public let sandbox: Sandbox
    public let evaluator: KernelEvaluator
    /// A second worker for the seed scorer, so the seed and the candidate run at once (nil: one after the other).
    public let reference: KernelEvaluator?
    /// Fresh random inputs with every size in the upper half of its range, after the corners.
    public var largeInputs = 6
    /// Fresh random inputs after those.
    public var randomInputs = 1000
    /// Largest total element count of one random input (corners have no cap).
    public var randomMaxElements = 1 << 15
    /// Most journaled sample pairs the referee panel replays.
    public static let refereeCap = 4000
    /// Inputs per worker job.
    static let batch = 200
    /// The guard checks agreement, not speed: a call may take this long (the contract's largest
    /// inputs, on a loaded machine) before it counts as a timeout.
    var callDeadlineMs: Int { max(sandbox.manifest.deadlineMs, 10_000) }

    public init(sandbox: Sandbox, evaluator: KernelEvaluator, reference: KernelEvaluator? = nil) {
        self.sandbox = sandbox
        self.evaluator = evaluator
        self.reference = reference
    }

    /// Runs every check on `source`; the evidence's `failure` says the first one it failed.
    /// - Parameters:
    ///   - pairs: journaled sample pairs (incumbent, candidate) for the referee panel.
    ///   - inputSeed: seed of the fresh inputs, poison bytes and suite order.
    /// - Throws: `EvolverError.workerFailed` when the worker (or the seed scorer) fails.
    public func check(_ source: String, pairs: [BenchmarkEvidence], inputSeed: UInt64, clock: () -> Double) throws -> GuardEvidence {
        let began = clock()
        var rng = SplitMix64(seed: inputSeed)
        var suiteOrder = rng.split()
        var evidence = GuardEvidence(suitePassed: 0, suiteTotal: sandbox.cases.count, differentialPassed: 0, differentialTotal: 0,
                                     refereeAgreed: 0, refereePairs: 0, inputSeed: inputSeed, speedupVsSeed: nil, seconds: 0, failure: nil)
        let inputs = try ContractCorners(harness: sandbox.harness).cases(rng: &rng)
            + ContractCorners(harness: sandbox.harness).largeCases(count: largeInputs, rng: &rng)
            + randomSampler().sample(count: randomInputs, rng: &rng)
        let panel = try refereeCases(pairs.suffix(Self.refereeCap))
        let groups = [(inputs, inputs.map { _ in KernelEvaluator.poison(&rng) }), (panel, panel.map { _ in KernelEvaluator.poison(&rng) })]
        // The seed's results are computed on the second worker while the first runs the candidate.
        let ahead = reference.map { SeedAhead(seedSource: sandbox.seedSource, groups: groups, on: $0, batch: Self.batch, callDeadlineMs: callDeadlineMs) }
        defer { ahead?.stop() }
        let test = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: randomInputs)
        let suite = try evaluator.validate(source, rng: &suiteOrder)
        evidence.suitePassed = suite.passed
        guard suite.verdict == .passed else {
            evidence.failure = "fails the fixed suite (\(suite.verdict.rawValue)): \(suite.detail)"
            evidence.seconds = clock() - began
            return evidence
        }
        let differential = try test.compare(source, on: groups[0].0, poisons: groups[0].1, evaluator: evaluator,
                                            seedAhead: ahead.map { ($0, 0) }, batch: Self.batch, describing: "contract input",
                                            callDeadlineMs: callDeadlineMs)
        evidence.differentialPassed = differential.passed
        evidence.differentialTotal = differential.total
        if let detail = differential.detail {
            evidence.failure = "\(detail)" + (differential.firstFailure.map { ": expected \($0.expected), got \($0.actual)" } ?? "")
            evidence.seconds = clock() - began
            return evidence
        }
        let referee = try test.compare(source, on: groups[1].0, poisons: groups[1].1, evaluator: evaluator,
                                       seedAhead: ahead.map { ($0, 1) }, batch: Self.batch, describing: "journaled comparison",
                                       callDeadlineMs: callDeadlineMs)
        evidence.refereeAgreed = referee.passed
        evidence.refereePairs = referee.total
        if let detail = referee.detail {
            evidence.failure = "would have judged a past comparison differently: \(detail)"
                + (referee.firstFailure.map { ": expected \($0.expected), got \($0.actual)" } ?? "")
        }
        evidence.seconds = clock() - began
        return evidence
    }

    func randomSampler() throws -> ContractSampler {
        var sampler = try ContractSampler(harness: sandbox.harness, maxElements: randomMaxElements)
        sampler.crossArrayPatterns = true
        return sampler
    }

    /// The journaled pairs as inputs of the judge's contract; pairs the contract cannot hold are skipped.
    func refereeCases(_ pairs: ArraySlice<BenchmarkEvidence>) throws -> [KernelCase] {
        let contract = try JudgeContract(harness: sandbox.harness)
        return pairs.enumerated().compactMap { k, pair in try? contract.input(incumbent: pair.incumbent, candidate: pair.candidate, id: "journaled-\(k)") }
    }
}
