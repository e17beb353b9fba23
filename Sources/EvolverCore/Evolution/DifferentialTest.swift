import Foundation

/// The candidate must agree with the seed on fresh random inputs drawn across the contract's whole
/// range, so that no promotion (and no `check` verdict) rests on the fixed suite alone.
public struct DifferentialTest {
    public let sandbox: Sandbox
    public let seedSource: String
    public let inputs: Int

    public init(sandbox: Sandbox, seedSource: String, inputs: Int) {
        self.sandbox = sandbox
        self.seedSource = seedSource
        self.inputs = inputs
    }

    /// The seed of a run candidate's differential inputs: fixed by run seed and index, so a replay draws the same.
    static func seed(runSeed: UInt64, candidateIndex: Int) -> UInt64 {
        runSeed &+ 0xD1FF_0000_0000 &+ UInt64(candidateIndex)
    }

    /// Runs the candidate and the seed on `inputs` random inputs drawn from `seed` (same poison bytes
    /// for both, 0x00 and 0xFF among them) and compares every return value and output.
    /// - Throws: `EvolverError.workerFailed` when the seed itself fails on the inputs.
    public func run(_ candidateSource: String, seed: UInt64, evaluator: KernelEvaluator) throws -> DifferentialOutcome {
        var rng = SplitMix64(seed: seed)
        let cases = try ContractSampler(harness: sandbox.harness).sample(count: inputs, rng: &rng)
        let poisons = cases.map { _ in KernelEvaluator.poison(&rng) }
        return try compare(candidateSource, on: cases, poisons: poisons, evaluator: evaluator)
    }

    /// Runs the candidate and the seed on `cases` (in batches of `batch` per worker job) and
    /// compares every return value and output; stops at the first batch with a disagreement.
    /// - Parameters:
    ///   - seedAhead: the seed's results computed in the background (group `group`), or nil to run
    ///     the seed on `evaluator` first, batch by batch.
    ///   - callDeadlineMs: a per-call deadline other than the manifest's.
    /// - Throws: `EvolverError.workerFailed` when the seed itself fails on the inputs.
    func compare(_ candidateSource: String, on cases: [KernelCase], poisons: [UInt8], evaluator: KernelEvaluator,
                 seedAhead: (SeedAhead, group: Int)? = nil, batch: Int = Int.max, describing: String = "random input",
                 callDeadlineMs: Int? = nil) throws -> DifferentialOutcome {
        var outcome = DifferentialOutcome(passed: 0, total: cases.count, firstFailure: nil, detail: nil)
        var start = 0
        while start < cases.count, outcome.firstFailure == nil {
            let end = min(cases.count, start + max(1, batch))
            let part = Array(cases[start..<end]), partPoisons = Array(poisons[start..<end])
            let want: [CallResult]
            if let (ahead, group) = seedAhead {
                want = try ahead.results(group: group, range: start..<end)
            } else {
                guard case .success(let results) = try evaluator.run(seedSource, cases: part, poisons: partPoisons, callDeadlineMs: callDeadlineMs) else {
                    throw EvolverError.workerFailed("the seed failed on differential inputs")
                }
                want = results
            }
            let got: [CallResult]
            var failure: KernelEvaluator.ValidationFailure?
            switch try evaluator.run(candidateSource, cases: part, poisons: partPoisons, callDeadlineMs: callDeadlineMs) {
            case .success(let results): got = results
            case .failure(let f): got = f.completed; failure = f
            }
            for (k, (w, g)) in zip(want, got).enumerated() {
                let mismatch = w == g ? nil : evaluator.comparison.mismatch(want: w, got: g, caseID: part[k].id)
                if mismatch == nil {
                    outcome.passed += 1
                } else if outcome.firstFailure == nil {
                    outcome.firstFailure = mismatch
                    outcome.detail = "differs from the seed on \(describing) \(start + k) (\(Self.bindings(part[k])))"
                }
            }
            if let failure, outcome.firstFailure == nil {
                let k = got.count
                outcome.firstFailure = CaseFailure(caseId: part[k].id, expected: "the seed's result", actual: "\(failure.verdict.rawValue): \(failure.detail)")
                outcome.detail = "\(failure.verdict.rawValue) on \(describing) \(start + k) (\(Self.bindings(part[k]))): \(failure.detail)"
            }
            start = end
        }
        return outcome
    }

    /// nil when the candidate agrees on every input; otherwise what differed.
    public func disagreement(_ candidateSource: String, candidateIndex: Int, runSeed: UInt64, evaluator: KernelEvaluator) throws -> String? {
        try run(candidateSource, seed: Self.seed(runSeed: runSeed, candidateIndex: candidateIndex), evaluator: evaluator).detail
    }

    static func bindings(_ c: KernelCase) -> String {
        c.intBindings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// A value handed to concurrent work that uses it from one thread at a time (a worker is used by
/// one thread at a time).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// What the differential test found: inputs on which the candidate agreed with the seed.
public struct DifferentialOutcome: Codable, Sendable, Equatable {
    public var passed: Int
    public var total: Int
    public var firstFailure: CaseFailure?
    /// One line on the first disagreement (nil when it agreed everywhere).
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case passed, total
        case firstFailure = "first_failure"
    }

    /// `first_failure` is always present in JSON (null when it agreed everywhere).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(total, forKey: .total)
        if let firstFailure { try c.encode(firstFailure, forKey: .firstFailure) } else { try c.encodeNil(forKey: .firstFailure) }
    }
}
