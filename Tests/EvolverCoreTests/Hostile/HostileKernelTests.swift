import Foundation
import Testing
@testable import EvolverCore
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

extension HostileCase: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// Setup shared by the hostile-kernel tests.
enum HostileSetup {
    /// Cases validated for each hostile kernel: the first 40 of the suite (edge cases first, so
    /// kernels meet both empty and non-empty inputs), plus the case a kernel singles out.
    static let baseSubset = Array(0..<40)
    /// Cases the correct seed is validated on to show the worker still works.
    static let seedSubset = Array(0..<12)
    /// Extra wall time allowed beyond the per-call or compile deadline (the machine is shared).
    static let marginMs = 4000

    static func sandbox() throws -> Sandbox {
        try SandboxCatalog(root: TestPaths.sandboxes).load("score")
    }

    static func subset(for c: HostileCase, in sandbox: Sandbox) throws -> [Int] {
        guard let id = c.requiredCase else { return baseSubset }
        let index = try #require(sandbox.cases.firstIndex { $0.id == id }, "suite has no case \(id)")
        return baseSubset.contains(index) ? baseSubset : baseSubset + [index]
    }

    /// The longest a single evaluation may take: the larger deadline plus the margin.
    static func budget(_ sandbox: Sandbox) -> Duration {
        .milliseconds(max(sandbox.manifest.deadlineMs, sandbox.manifest.compileDeadlineMs) + marginMs)
    }

    /// Validates `c` and checks the verdict, the detail and the time taken.
    @discardableResult
    static func validate(_ c: HostileCase, with evaluator: KernelEvaluator, sandbox: Sandbox, rng: inout SplitMix64) throws -> ValidationOutcome {
        let subset = try subset(for: c, in: sandbox)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try evaluator.validate(c.source, rng: &rng, subset: subset)
        let elapsed = clock.now - start
        #expect(outcome.verdict == c.expected, "\(c.name) (\(c.threat)): got \(outcome.verdict.rawValue): \(outcome.detail)")
        if let detail = c.detail {
            #expect(outcome.detail.contains(detail), "\(c.name): detail \"\(outcome.detail)\" lacks \"\(detail)\"")
        }
        #expect(elapsed < budget(sandbox), "\(c.name) took \(elapsed)")
        if c.expected != .passed {
            #expect(outcome.passed < outcome.total, "\(c.name): a failing kernel cannot pass every case")
        }
        return outcome
    }

    /// The worker is alive and has no child (running or zombie) nor any further descendant.
    static func expectNoChildren(of worker: WorkerProcess, after name: String) {
        guard let pid = worker.processID else {
            Issue.record("\(name): the worker is not running")
            return
        }
        #expect(kill(pid, 0) == 0, "\(name): worker \(pid) is gone")
        let left = ProcessTable.descendants(of: pid)
        #expect(left.isEmpty, "\(name): the worker left processes behind: \(left)")
    }

    /// The correct seed still validates through `evaluator`.
    static func expectSeedPasses(_ evaluator: KernelEvaluator, sandbox: Sandbox, rng: inout SplitMix64, after name: String) throws {
        let outcome = try evaluator.validate(sandbox.seedSource, rng: &rng, subset: seedSubset)
        #expect(outcome.verdict == .passed, "after \(name) the seed got \(outcome.verdict.rawValue): \(outcome.detail)")
        #expect(outcome.passed == seedSubset.count)
    }
}

@Suite("Hostile kernels")
struct HostileKernelTests {
    /// Each kernel on a fresh worker: the expected verdict, within the deadline, no child left, and
    /// the same worker evaluates the seed correctly afterwards.
    @Test("hostile kernel is contained", .timeLimit(.minutes(2)), arguments: HostileCorpus.cases)
    func hostileKernel(_ c: HostileCase) throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 7)

        try HostileSetup.validate(c, with: evaluator, sandbox: sandbox, rng: &rng)

        if c.expected == .rejectedSource {
            // Screened in this process: the source never reached a worker.
            #expect(worker.processID == nil, "\(c.name): a rejected source started the worker")
            try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: c.name)
            HostileSetup.expectNoChildren(of: worker, after: c.name)
            return
        }
        let pid = try #require(worker.processID, "\(c.name): the worker is not running after the evaluation")
        HostileSetup.expectNoChildren(of: worker, after: c.name)
        try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: c.name)
        #expect(worker.processID == pid, "\(c.name): the worker was restarted")
        HostileSetup.expectNoChildren(of: worker, after: "the seed after \(c.name)")
    }

    /// The whole corpus through ONE worker in sequence, then the seed: the worker is never
    /// restarted and never keeps a child.
    @Test("one worker survives the whole corpus", .timeLimit(.minutes(10)))
    func wholeCorpusThroughOneWorker() throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 11)

        try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: "nothing")
        let pid = try #require(worker.processID)
        for c in HostileCorpus.cases {
            try HostileSetup.validate(c, with: evaluator, sandbox: sandbox, rng: &rng)
            #expect(worker.processID == pid, "\(c.name): the worker was restarted")
            HostileSetup.expectNoChildren(of: worker, after: c.name)
        }
        try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: "the whole corpus")
        #expect(worker.processID == pid)
        HostileSetup.expectNoChildren(of: worker, after: "the final seed run")
        // The worker is still our (the evolver's) child.
        #expect(ProcessTable.children(of: getpid()).contains { $0.pid == pid })
    }

    // MARK: - Controls: the corpus itself

    @Test("the corpus covers the required threats")
    func corpusShape() throws {
        let sandbox = try HostileSetup.sandbox()
        let cases = HostileCorpus.cases
        #expect(cases.count >= 25)
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be unique")
        for c in cases {
            #expect(!c.threat.isEmpty, "\(c.name) has no threat")
            #expect(c.expected != .passed && c.expected != .internalError, "\(c.name) must expect a kernel failure")
        }
        let verdicts = Set(cases.map(\.expected))
        let required: Set<Verdict> = [.rejectedSource, .compileError, .linkError, .resourceLimit, .crashed, .timeout,
                                      .memoryViolation, .inputModified, .sandboxViolation, .wrongOutput]
        #expect(required.isSubset(of: verdicts), "missing verdicts: \(required.subtracting(verdicts))")

        let byName = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0) })
        // The tricky spellings really are in the sources (Swift escapes could have eaten them).
        #expect(try #require(byName["line_splice_include"]).source.contains("#inc\\\nlude"))
        #expect(try #require(byName["trigraph_include"]).source.contains("??=include"))
        #expect(try #require(byName["digraph_include"]).source.contains("%:include"))
        #expect(try #require(byName["nul_byte"]).source.utf8.contains(0))
        #expect(try #require(byName["empty_file"]).source.isEmpty)
        #expect(try #require(byName["oversized_file"]).source.utf8.count > sandbox.manifest.maxSourceBytes)
        #expect(try #require(byName["syntax_error"]).source.split(separator: "\n", omittingEmptySubsequences: false)[2].contains("int x = (1 + 2;"))
        for c in cases where c.requiredCase != nil {
            #expect(sandbox.cases.contains { $0.id == c.requiredCase }, "\(c.name) singles out a case the suite lacks")
        }
    }

    /// Without its special case the cheating kernel is correct on the full suite, so its
    /// wrong_output comes from the special case alone; likewise for the slow kernel's extra loop.
    @Test("the correct kernels behind the cheats pass", .timeLimit(.minutes(2)))
    func correctControls() throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 3)
        for (name, source) in [("correct", HostileCorpus.correctKernel()), ("slow", HostileCorpus.slowButCorrect)] {
            let outcome = try evaluator.validate(source, rng: &rng)
            #expect(outcome.verdict == .passed, "\(name): \(outcome.verdict.rawValue): \(outcome.detail)")
            #expect(outcome.passed == sandbox.cases.count)
            HostileSetup.expectNoChildren(of: worker, after: name)
        }
    }

    // MARK: - Individual checks

    @Test("compile errors point into kernel.c with a line number")
    func compileErrorDiagnostics() throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 7)
        let c = try #require(HostileCorpus.cases.first { $0.name == "syntax_error" })
        let outcome = try evaluator.validate(c.source, rng: &rng, subset: HostileSetup.seedSubset)
        #expect(outcome.verdict == .compileError)
        #expect(outcome.diagnostics.contains { $0.contains("kernel.c:3:") && $0.contains("')' expected") }, "\(outcome.diagnostics)")
        #expect(!outcome.diagnostics.contains { $0.contains("<string>") })
        HostileSetup.expectNoChildren(of: worker, after: c.name)
    }

    @Test("a correct but slow kernel benchmarks as passed and slower", .timeLimit(.minutes(2)))
    func slowKernelBenchmark() throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        let outcome = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: HostileCorpus.slowButCorrect, inputSeed: 7)
        #expect(outcome.verdict == .passed, "\(outcome.detail)")
        try #require(!outcome.incumbentSamples.isEmpty && !outcome.candidateSamples.isEmpty)
        let incumbent = outcome.incumbentSamples.sorted()[outcome.incumbentSamples.count / 2]
        let candidate = outcome.candidateSamples.sorted()[outcome.candidateSamples.count / 2]
        #expect(candidate > incumbent, "candidate median \(candidate) ns, incumbent median \(incumbent) ns")
        HostileSetup.expectNoChildren(of: worker, after: "the benchmark")
    }

    /// Hostile candidates in a benchmark are blamed on the candidate, and the worker goes on.
    @Test("hostile benchmark candidates are contained", .timeLimit(.minutes(2)),
          arguments: ["null_dereference", "divide_by_zero", "static_call_counter", "syscall_getpid", "syscall_exit", "rdtsc",
                      "write_every_fd", "write_input_a", "outputs_unwritten"])
    func hostileBenchmarkCandidate(_ name: String) throws {
        let sandbox = try HostileSetup.sandbox()
        let c = try #require(HostileCorpus.cases.first { $0.name == name })
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: c.source, inputSeed: 7)
        let elapsed = clock.now - start
        #expect(outcome.verdict == c.expected, "\(name): \(outcome.verdict.rawValue): \(outcome.detail)")
        if c.expected == .wrongOutput {
            #expect(outcome.detail.contains("outputs differ"), "\(outcome.detail)")
        } else {
            #expect(outcome.detail.contains("the candidate"), "\(outcome.detail)")
            if let detail = c.detail?.replacingOccurrences(of: "during a call", with: "during the benchmark") {
                #expect(outcome.detail.contains(detail), "\(name): detail \"\(outcome.detail)\" lacks \"\(detail)\"")
            }
            // It fails on its first call (the checksum pass), long before any timed window.
            #expect(elapsed < HostileSetup.budget(sandbox), "\(name) took \(elapsed)")
        }
        let pid = try #require(worker.processID)
        HostileSetup.expectNoChildren(of: worker, after: name)
        var rng = SplitMix64(seed: 5)
        try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: name)
        #expect(worker.processID == pid)
    }

    /// Defence in depth: sources that reach the worker without the evolver's screen are screened
    /// again there and never compiled.
    @Test("the worker screens sources itself",
          arguments: ["include_host_file", "include_dev_stdin", "pragma", "line_directive", "pragma_operator",
                      "digraph_include", "trigraph_include", "line_splice_include"])
    func workerScreensOnItsOwn(_ name: String) throws {
        let sandbox = try HostileSetup.sandbox()
        let c = try #require(HostileCorpus.cases.first { $0.name == name })
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let cases = try PreparedCase.prepare([sandbox.cases[7]], harness: sandbox.harness)
        let job = WorkerJob(manifest: sandbox.manifest, harness: sandbox.harness, sources: [c.source], cases: cases,
                            mode: .validate(calls: [(caseIndex: 0, poison: 0x5A)]))
        let reply = try worker.run(job)
        #expect(reply.status == .rejectedSource, "\(name): \(reply.status) \(reply.detail)")
        #expect(reply.completed == 0)
        #expect(reply.diagnostics.isEmpty, "nothing was compiled")
        HostileSetup.expectNoChildren(of: worker, after: name)
    }

    // MARK: - The process table helper

    @Test("ProcessTable parses stat lines with awkward command names")
    func parseStat() {
        let e = ProcessTable.parseStat("1234 (we ird) (name) Z 77 1234 1234 0 -1 4194560")
        #expect(e == ProcessTable.Entry(pid: 1234, parent: 77, command: "we ird) (name", state: "Z"))
        #expect(ProcessTable.parseStat("garbage") == nil)
        #expect(ProcessTable.children(of: getpid()).allSatisfy { $0.parent == getpid() })
        #expect(ProcessTable.all().contains { $0.pid == getpid() })
    }

    /// The no-child check can fail: while a kernel spins, the worker's sandboxed child is visible.
    @Test("ProcessTable sees the sandboxed child while it runs", .timeLimit(.minutes(5)))
    func processTableSeesRunningChild() throws {
        let sandbox = try HostileSetup.sandbox()
        let worker = WorkerProcess(executable: TestPaths.worker)
        defer { worker.stop() }
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: worker)
        var rng = SplitMix64(seed: 9)
        try HostileSetup.expectSeedPasses(evaluator, sandbox: sandbox, rng: &rng, after: "nothing")
        let pid = try #require(worker.processID)
        let spin = try #require(HostileCorpus.cases.first { $0.name == "infinite_loop" })

        final class Box: @unchecked Sendable {
            var evaluator: KernelEvaluator
            var outcome: ValidationOutcome?
            init(_ evaluator: KernelEvaluator) { self.evaluator = evaluator }
        }
        let box = Box(evaluator)
        let done = DispatchSemaphore(value: 0)
        let source = spin.source
        Thread.detachNewThread {
            var rng = SplitMix64(seed: 1)
            box.outcome = try? box.evaluator.validate(source, rng: &rng, subset: [7])
            done.signal()
        }
        var seen: [ProcessTable.Entry] = []
        let clock = ContinuousClock()
        let giveUp = clock.now + .seconds(10)
        while seen.isEmpty && clock.now < giveUp {
            seen = ProcessTable.children(of: pid)
            if seen.isEmpty { usleep(2_000) }
        }
        done.wait()
        #expect(!seen.isEmpty, "never saw the worker's child")
        #expect(box.outcome?.verdict == .timeout)
        #expect(ProcessTable.descendants(of: pid).isEmpty)
    }
}
