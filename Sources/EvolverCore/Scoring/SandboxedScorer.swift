import Foundation
import Synchronization

/// A scoring kernel that is not the seed: it only ever runs in sandboxed workers, never in the
/// evolver's process. A kernel that passed the adoption guard can still tell a guard's run from
/// a judging one in the evolver's own memory (where its buffers lie, what its stack holds), and
/// in-process it could reach anything the evolver can; in the worker, every comparison is a
/// validated call like the guard's: its child, its poisoned buffers, its deadline, its seccomp.
public final class SandboxedScorer: Sendable {
    public let source: String
    public let sourceSHA256: String
    let sandbox: Sandbox
    let workerPath: String
    /// Workers not in use (one per concurrent comparison, started on demand).
    private let free = Mutex<[UncheckedSendable<KernelEvaluator>]>([])
    /// The buffer fill of each call, drawn like the guard's (0x00 and 0xFF half the time) from a
    /// secret of this process, so a kernel cannot tell a judging call from a guard's by it.
    private let poisons = Mutex(SplitMix64(seed: UInt64.random(in: 0...UInt64.max)))

    /// A comparison the kernel did not complete (it crashed, timed out, returned nonzero, or
    /// produced what the contract does not allow).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(source: String, sandbox: Sandbox, workerPath: String) {
        self.source = source
        sourceSHA256 = Hashing.sha256Hex(source)
        self.sandbox = sandbox
        self.workerPath = workerPath
    }

    /// A comparison's deadline: 10 ms up to about 10,000 sample pairs (a thousand times what the
    /// seed needs there), growing with n·m up to 1 s for the contract's largest. A judge that is
    /// slow on purpose times out, which is an incident, instead of slowing every run it judges.
    static func deadlineMs(_ n: Int, _ m: Int) -> Int {
        min(1000, max(10, n * m / 1000))
    }

    /// How many times a late comparison is tried before it counts as a failure: a child the
    /// machine did not schedule in time is not a slow judge, and a slow judge is late every time.
    static let attemptsWhenLate = 2

    /// Compares incumbent samples `a` with candidate samples `b` in a sandboxed child.
    /// - Parameter deadlineScale: how many times `deadlineMs` each call gets (a replay's room to spare).
    /// - Throws: `Failure` when the kernel did not complete the comparison; `EvolverError` when
    ///   the samples are outside the contract or no worker can start.
    public func compare(incumbent a: [Int64], candidate b: [Int64], deadlineScale: Int = 1) throws -> SampleComparison {
        try ScoringKernel.checkContract(a, b)
        let input = try JudgeContract(harness: sandbox.harness).input(incumbent: a, candidate: b, id: "comparison")
        let evaluator = try free.withLock { $0.popLast() }?.value ?? KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        defer { free.withLock { $0.append(UncheckedSendable(evaluator)) } }
        var attempt = 1
        while true {
            let poison = poisons.withLock { KernelEvaluator.poison(&$0) }
            let outcome = try evaluator.run(source, cases: [input], poisons: [poison], callDeadlineMs: Self.deadlineMs(a.count, b.count) * deadlineScale)
            if case .failure(let f) = outcome, f.verdict == .timeout, attempt < Self.attemptsWhenLate {
                attempt += 1
                continue
            }
            return try Self.comparison(outcome, a.count, b.count)
        }
    }

    /// What one call's outcome says about the comparison.
    private static func comparison(_ outcome: Result<[CallResult], KernelEvaluator.ValidationFailure>, _ n: Int, _ m: Int) throws -> SampleComparison {
        switch outcome {
        case .failure(let f):
            throw Failure(description: "\(f.verdict.rawValue): \(f.detail)")
        case .success(let calls):
            guard let call = calls.first, call.ret == 0, let bytes = call.outputs.first else {
                throw Failure(description: "it returned \(calls.first?.ret ?? -1) for a valid comparison")
            }
            let out = ElementType.i64.decode(bytes[...])
            guard out.count == 4 else { throw Failure(description: "it wrote \(out.count) outputs, not 4") }
            return SampleComparison(n: n, m: m, twiceU: out[0], twiceMedianIncumbent: out[1], twiceMedianCandidate: out[2], twiceShift: out[3])
        }
    }
}

/// The judge's contract in terms of its harness: two sample arrays and their two counts.
struct JudgeContract {
    let arrays: [String]
    let counts: [String]
    let harness: HarnessSpec

    init(harness: HarnessSpec) throws {
        counts = harness.params.filter { $0.kind == .int }.map(\.name)
        arrays = harness.params.filter { $0.kind == .input }.map(\.name)
        guard counts.count == 2, arrays.count == 2 else {
            throw EvolverError.scoringKernel("a judge's contract takes two sample arrays and their two counts")
        }
        self.harness = harness
    }

    /// One comparison as an input of the contract.
    /// - Throws: `HarnessFailure` when the samples do not fit the contract.
    func input(incumbent a: [Int64], candidate b: [Int64], id: String) throws -> KernelCase {
        let c = KernelCase(id: id, args: [arrays[0]: .array(a), counts[0]: .int(Int64(a.count)), arrays[1]: .array(b), counts[1]: .int(Int64(b.count))])
        _ = try c.bufferLengths(for: harness)
        return c
    }
}
