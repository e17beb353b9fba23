import CSandbox
import Foundation

/// Compiles, validates and benchmarks kernels of one sandbox through a sandboxed worker.
///
/// Expected outputs stay in this (the evolver's) process: the worker only returns what the kernel
/// produced, and the comparison happens here.
public final class KernelEvaluator {
    public let sandbox: Sandbox
    private let worker: WorkerProcess
    private let suite: [PreparedCase]
    /// How outputs are compared (exactly, or within a floating-point tolerance).
    public let comparison: OutputComparison
    /// Extra calls at the end of a validation that repeat random cases at new addresses, to catch
    /// kernels whose answers depend on earlier calls.
    public var repeatedCalls = 8

    /// - Throws: `EvolverError.invalidSandbox` when the suite or workload does not fit the harness.
    public init(sandbox: Sandbox, worker: WorkerProcess) throws {
        self.sandbox = sandbox
        self.worker = worker
        comparison = OutputComparison(harness: sandbox.harness)
        do {
            suite = try PreparedCase.prepare(sandbox.cases, harness: sandbox.harness)
            _ = try PreparedCase.prepare(try sandbox.workload(), harness: sandbox.harness)
        } catch let e as EvolverError {
            throw e
        } catch {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "\(error)")
        }
    }

    /// Lexical screen before compiling: a one-line reason when the source must be rejected.
    public func screen(_ source: String) -> String? {
        var reason = [CChar](repeating: 0, count: 256)
        let utf8 = Array(source.utf8)
        let rc = utf8.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                evs_screen_source($0.baseAddress, $0.count, sandbox.manifest.maxSourceBytes, &reason, reason.count)
            }
        }
        if rc == 0, utf8.isEmpty { return "empty source" }
        if rc != 0 { return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        // The shim calls the entry as the prototype declares it: a kernel defining it otherwise would be called wrongly.
        if let mismatch = Sandbox.definitionMismatch(source, prototype: comparison.prototype, harness: sandbox.harness, entry: sandbox.manifest.entry),
           !mismatch.hasPrefix("defines no function") {
            return "its definition does not match the harness's prototype: \(mismatch)"
        }
        return nil
    }

    /// Validates a kernel against the fixed suite (or the cases at `subset`), in shuffled order.
    /// - Parameters:
    ///   - callDeadlineMs: a tighter per-call deadline than the manifest's (cheap stages on small cases).
    ///   - deadlineScale: the per-call deadline (after `callDeadlineMs`) multiplied by this (a replay
    ///     re-validates with room to spare: how close a call came to its deadline is a timing matter).
    public func validate(_ source: String, rng: inout SplitMix64, subset: [Int]? = nil, callDeadlineMs: Int? = nil,
                         deadlineScale: Int = 1) throws -> ValidationOutcome {
        guard let expected = sandbox.expected else { throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "no expected outputs recorded") }
        let indices = subset ?? Array(suite.indices)
        if let reason = screen(source) {
            return ValidationOutcome(verdict: .rejectedSource, detail: reason, passed: 0, total: indices.count, firstFailure: nil, compileNs: 0, imageBytes: 0, diagnostics: [])
        }
        var order = indices
        rng.shuffle(&order)
        for _ in 0..<min(repeatedCalls, indices.count) { order.append(indices[rng.below(indices.count)]) }
        // Only the cases called travel to the worker; calls name them by position in that list.
        let used = Array(Set(order)).sorted()
        let position = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        let shipped = used.map { suite[$0] }
        let calls = order.map { (caseIndex: $0, poison: Self.poison(&rng)) }
        let wireCalls = calls.map { (caseIndex: position[$0.caseIndex]!, poison: $0.poison) }
        var manifest = sandbox.manifest
        if let callDeadlineMs { manifest.deadlineMs = min(manifest.deadlineMs, callDeadlineMs) }
        manifest.deadlineMs *= max(1, deadlineScale)
        let reply = try worker.run(WorkerJob(manifest: manifest, harness: sandbox.harness, sources: [source], cases: shipped, mode: .validate(calls: wireCalls), prototype: comparison.prototype))
        let results = try decodeCalls(reply, calls: wireCalls, cases: shipped)
        var failedCases = Set<Int>()
        var firstFailure: CaseFailure?
        for (i, result) in results.enumerated() {
            let c = calls[i]
            if let mismatch = comparison.mismatch(result, expected: expected[c.caseIndex], poison: c.poison) {
                failedCases.insert(c.caseIndex)
                if firstFailure == nil { firstFailure = mismatch }
            }
        }
        var completedCases = Set(order.prefix(results.count))
        if reply.status != .ok, let f = reply.failingCall, f < order.count {
            completedCases.remove(order[f])
            failedCases.insert(order[f])
        }
        // Passing needs every planned call to have returned and been compared.
        let unfinished = reply.status == .ok && results.count < calls.count
        let passed = completedCases.subtracting(failedCases).count
        var outcome = ValidationOutcome(
            verdict: .passed, detail: "", passed: passed, total: indices.count, firstFailure: nil,
            compileNs: reply.compileNs[0], imageBytes: reply.imageBytes[0], diagnostics: reply.diagnostics(ofKernel: 0),
            imageSHA256: reply.imageSHA256[0])
        if let firstFailure {
            outcome.verdict = .wrongOutput
            outcome.firstFailure = firstFailure
            outcome.detail = "case \(firstFailure.caseId): expected \(firstFailure.expected), got \(firstFailure.actual)"
        } else if reply.status != .ok {
            outcome.verdict = reply.status.verdict
            outcome.detail = describe(reply, caseID: reply.failingCall.map { suite[calls[$0].caseIndex].id })
        } else if unfinished {
            outcome.verdict = .internalError
            outcome.detail = "the worker reported \(results.count) of \(calls.count) calls as done"
        }
        return outcome
    }

    /// Runs a kernel over cases without judging it (used to record expected outputs).
    /// - Returns: the call results in case order, or the failed reply's verdict and detail.
    public func run(_ source: String, cases: [KernelCase], poison: UInt8) throws -> Result<[CallResult], ValidationFailure> {
        try run(source, cases: cases, poisons: Array(repeating: poison, count: cases.count))
    }

    /// Runs a kernel over cases, call i poisoned with `poisons[i]`, without judging it.
    /// - Returns: the call results in case order, or why the run stopped (with the calls completed before).
    /// - Parameter callDeadlineMs: a per-call deadline other than the manifest's.
    public func run(_ source: String, cases: [KernelCase], poisons: [UInt8], callDeadlineMs: Int? = nil) throws -> Result<[CallResult], ValidationFailure> {
        let prepared = try PreparedCase.prepare(cases, harness: sandbox.harness)
        let calls = prepared.indices.map { (caseIndex: $0, poison: poisons[$0]) }
        var manifest = sandbox.manifest
        if let callDeadlineMs { manifest.deadlineMs = callDeadlineMs }
        let reply = try worker.run(WorkerJob(manifest: manifest, harness: sandbox.harness, sources: [source], cases: prepared, mode: .validate(calls: calls), prototype: comparison.prototype))
        let results = try decodeCalls(reply, calls: calls, cases: prepared)
        guard reply.status == .ok, results.count == calls.count else {
            let detail = reply.status == .ok ? "the worker returned \(results.count) of \(calls.count) calls" : describe(reply, caseID: reply.failingCall.map { prepared[$0].id })
            return .failure(ValidationFailure(verdict: reply.status == .ok ? .internalError : reply.status.verdict, detail: detail,
                                              diagnostics: reply.diagnostics(ofKernel: 0), completed: results))
        }
        return .success(results)
    }

    /// A kernel that could not be run to completion.
    public struct ValidationFailure: Error, Sendable {
        public var verdict: Verdict
        public var detail: String
        public var diagnostics: [String]
        /// The calls that returned before it stopped.
        public var completed: [CallResult] = []
    }

    /// A poison byte for one call: 0x00 or 0xFF half of the time, else any other byte, so that a
    /// kernel that relies on what its outputs start as fails on some calls.
    static func poison(_ rng: inout SplitMix64) -> UInt8 {
        switch rng.below(4) {
        case 0: 0x00
        case 1: 0xFF
        default: UInt8(1 + rng.below(254))
        }
    }

    /// Most passes one timed window may make (and so the pool stride of a window).
    public static let maxRepsPerWindow = 32
    /// Most passes one window of a speed screen may make (its windows are about one pass long).
    public static let maxRepsPerScreenWindow = 4

    /// Times `candidate` against `incumbent` on fresh inputs drawn from `inputSeed`, each side in its
    /// own child, windows interleaved (ABBA) after calibration and warm-up.
    /// - Parameters:
    ///   - inputSeed: the seed of this benchmark's inputs (a check's seed, or one derived from a run's
    ///     seed and the candidate, so a replay draws the same inputs).
    ///   - screen: a short benchmark with these settings (no warm-up) instead of the manifest's.
    ///   - candidateFirst: the candidate's window comes first in the first round (results still in incumbent/candidate order).
    /// - Parameter callDeadlineMs: a per-call deadline other than the manifest's, for the windows
    ///   before calibration (a screen bounds a candidate by the incumbent's speed).
    public func benchmark(incumbent: String, candidate: String, inputSeed: UInt64, screen: SpeedScreen? = nil, candidateFirst: Bool = false,
                          callDeadlineMs: Int? = nil) throws -> BenchmarkOutcome {
        let spec = sandbox.manifest.benchmark
        var manifest = sandbox.manifest
        if let callDeadlineMs { manifest.deadlineMs = min(manifest.deadlineMs, callDeadlineMs) }
        let samples = screen?.samples ?? spec.samples
        let children = max(1, min(samples, screen?.children ?? spec.children ?? BenchmarkSpec.defaultChildren))
        let warmup = screen == nil ? spec.warmupPairs : 0
        let stride = max(1, min(spec.maxReps, screen == nil ? Self.maxRepsPerWindow : Self.maxRepsPerScreenWindow))
        let windows = WorkerJob.benchmarkWindows(warmup: warmup, samples: samples, children: children)
        let inputs = try BenchmarkInputs(sandbox: sandbox, passes: windows * stride, seed: inputSeed)
        let job = WorkerJob(
            manifest: manifest, harness: sandbox.harness, sources: [incumbent, candidate], cases: inputs.cases,
            mode: .benchmark(warmup: warmup, samples: samples,
                             windowNs: UInt64((screen?.windowMs ?? spec.windowMs) * 1e6), maxReps: stride,
                             children: children,
                             // The timer's round trip is subtracted from every window, so what is left of it is
                             // its jitter: 1% of a deciding window, 4% of a screen's (about one pass).
                             overheadFactor: screen == nil ? 100 : 25,
                             perPass: inputs.perPass, candidateLeads: candidateFirst, poisonSeed: inputSeed ^ 0x5EED_B00C_0DD5_EED5),
            prototype: comparison.prototype)
        let reply = try worker.run(job)
        var outcome = BenchmarkOutcome(
            verdict: .passed, detail: "", incumbentSamples: reply.samplesA.map { Int64($0) }, candidateSamples: reply.samplesB.map { Int64($0) },
            reps: reply.repsB, overheadNs: reply.overheadNs, windowNs: 0, incumbentReps: reply.repsA, inputSeed: inputSeed)
        let perPass = reply.samplesB.sorted()
        if !perPass.isEmpty { outcome.windowNs = perPass[perPass.count / 2] * UInt64(max(1, reply.repsB)) + reply.overheadNs }
        if reply.status != .ok {
            let incumbentFailed = reply.failedKernel == 0
            outcome.verdict = incumbentFailed ? .internalError : reply.status.verdict
            let who = incumbentFailed ? "the incumbent" : "the candidate"
            outcome.detail = "\(who) failed on the benchmark workload: " + describe(reply, caseID: nil)
        } else if reply.outputsDiffer {
            outcome.verdict = .wrongOutput
            outcome.detail = "on the benchmark workload the candidate's outputs differ from the incumbent's (window \(reply.differWindow), call \(reply.differCall))"
        }
        if outcome.verdict != .passed {
            outcome.incumbentSamples = []
            outcome.candidateSamples = []
        }
        return outcome
    }

    // MARK: - Decoding and comparing

    private func decodeCalls(_ reply: WorkerReply, calls: [(caseIndex: Int, poison: UInt8)], cases: [PreparedCase]? = nil) throws -> [CallResult] {
        let cases = cases ?? suite
        let types = sandbox.harness.outputParams.map { $0.type! }
        var r = ByteReader(reply.outputBytes)
        var results: [CallResult] = []
        for call in calls.prefix(reply.completed) {
            let ret = try r.i64()
            var outputs: [[UInt8]] = []
            for (k, count) in cases[call.caseIndex].outputCounts.enumerated() {
                outputs.append(Array(try r.take(count * types[k].size)))
            }
            results.append(CallResult(ret: ret, outputs: outputs))
        }
        return results
    }

    private func describe(_ reply: WorkerReply, caseID: String?) -> String {
        var text: String
        switch reply.status {
        case .rejectedSource:
            text = reply.detail
        case .compileError, .linkError, .resourceLimit:
            let diags = reply.diagnostics(ofKernel: reply.failedKernel)
            text = diags.first(where: { $0.contains("error") }) ?? diags.first ?? reply.detail
            if text.isEmpty { text = reply.detail }
            if reply.status == .compileError, !reply.detail.isEmpty, !diags.contains(where: { $0.contains("error") }) { text = reply.detail }
        case .crashed, .memoryViolation, .inputModified, .sandboxViolation:
            if reply.faultReason != .none {
                let name = reply.faultParam.flatMap { $0 < sandbox.harness.params.count ? sandbox.harness.params[$0].name : nil }
                text = reply.faultReason.describe(param: name, address: reply.faultAddress)
            } else {
                text = reply.detail
            }
        default:
            text = reply.detail
        }
        if let caseID { text += " (case \(caseID))" }
        return text
    }
}
