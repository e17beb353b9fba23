import Foundation
import KernelSyntax
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// The minimizer on real kernels: a subset whose kernel loops forever or crashes is refused with
/// that verdict and the minimization goes on; what the edits are needed for (speed) is kept; and a
/// replay validates every subset again but takes each keep/drop from the journaled samples.
@Suite(.serialized)
struct EditListMinimizerTests {
    /// Slows a score kernel down by about twice the benchmark workload's cost per call.
    static let spin = "{ volatile long long spin = 0; long long q; for (q = 0; q < 100000; q++) spin += q; }\n    if (n < 1 || m < 1) {"
    static let guardLine = "    if (n < 1 || m < 1) {"

    /// A seed kernel made slow, and a two-edit list over it: edit 1 replaces the kernel by a hostile
    /// one, edit 2 by the sandbox's (fast) seed, the promoted kernel.
    struct Setup {
        var sandbox: Sandbox
        var evaluator: KernelEvaluator
        var judge: Judge
        var base: EvolutionService.EditBase
        var edits: [EditRecord]
        var hostileSHA256: String
        var promotedSource: String

        func minimizer(recorded: MinimizationRecord? = nil) -> EditListMinimizer {
            EditListMinimizer(sandbox: sandbox, base: base, evaluator: evaluator, judge: judge, rule: .standard,
                              differential: DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: 16), seed: 5, recorded: recorded)
        }
    }

    func setup(hostile: String) throws -> Setup {
        let sandbox = try Fixtures.score()
        let slowSeed = sandbox.seedSource.replacingOccurrences(of: Self.guardLine, with: "    " + Self.spin)
        let hostile = sandbox.seedSource.replacingOccurrences(of: Self.guardLine, with: "    \(hostile)\n" + Self.guardLine)
        #expect(slowSeed != sandbox.seedSource && hostile != sandbox.seedSource)
        var base = EvolutionService.EditBase(seed: try CParser.parse(slowSeed, fileName: "seed.c"), facts: sandbox.harness.kernelFacts)
        let hostileUnit = try CParser.parse(hostile, fileName: "hostile.c"), fastUnit = try CParser.parse(sandbox.seedSource, fileName: "fast.c")
        base.proposed[1] = [0: hostileUnit, 1: fastUnit]
        return Setup(sandbox: sandbox, evaluator: try Fixtures.evaluator(sandbox), judge: try Judge(seedOf: sandbox, workerPath: TestPaths.worker),
                     base: base, edits: [ExternalEdit.edit(proposal: 1, source: 0).record, ExternalEdit.edit(proposal: 1, source: 1).record],
                     hostileSHA256: Hashing.sha256Hex(CPrinter.print(hostileUnit)), promotedSource: CPrinter.print(fastUnit))
    }

    @Test(arguments: [("for (;;) {}", ["timeout"]), ("*(volatile int *)0 = 1;", ["crashed", "memory_violation"])])
    func aHostileSubsetIsRefusedAndTheMinimizationGoesOn(hostile: String, verdicts: [String]) throws {
        let s = try setup(hostile: hostile)
        let outcome = try s.minimizer().minimize(s.edits, promotedSource: s.promotedSource)
        let summary = outcome.tests.map { "\($0.kept) \($0.verdict) \($0.accepted)" }
        #expect(outcome.tests.map(\.kept) == [[0], [1], []], "\(summary)")
        let refused = try #require(outcome.tests.first)
        #expect(refused.sha256 == s.hostileSHA256)
        #expect(verdicts.contains(refused.verdict) && !refused.accepted, "\(refused.verdict): \(refused.detail)")
        #expect(refused.benchmarks.isEmpty, "a kernel that fails the suite is never timed")
        let same = try #require(outcome.tests.dropFirst().first)
        #expect(same.verdict == "same_kernel" && same.accepted && same.benchmarks.isEmpty)
        // Without any edit the kernel is the slow seed: it passes, but the promoted kernel is faster.
        let slow = try #require(outcome.tests.last)
        #expect(slow.verdict == "passed" && !slow.accepted, "\(slow.detail)")
        #expect((1...2).contains(slow.benchmarks.count) && slow.comparisons.count == slow.benchmarks.count, "refused at a benchmark")
        #expect((slow.comparisons.last?["speedup"] ?? 0) > 1.2, "\(slow.comparisons)")

        #expect(outcome.kept == [1])
        #expect(outcome.source == s.promotedSource && outcome.sha256 == Hashing.sha256Hex(s.promotedSource))
        #expect(outcome.speedupKept == 1, "the kept subset is the promoted kernel itself, never timed")
        let ablation = try #require(outcome.ablations.first)
        #expect(outcome.ablations.count == 1 && ablation.edit == 1 && ablation.verdict == "passed", "\(ablation.verdict): \(ablation.detail)")
        #expect(ablation.significant && (ablation.comparison?["speedup"] ?? 0) > 1.2, "\(ablation.detail)")
    }

    /// In a replay, every subset is validated again (the kernel that looped forever times out
    /// again), and journaled samples that say the promoted kernel is no faster than the slow seed
    /// make the replay keep nothing: the decisions come from the journal, not from new timing.
    @Test func aReplayDecidesFromTheJournaledSamples() throws {
        let s = try setup(hostile: "for (;;) {}")
        let flat = BenchmarkEvidence(incumbent: Array(repeating: 1000, count: 15), candidate: Array(repeating: 1000, count: 15))
        let tests = [
            MinimizationRecord.Test(kept: [0], sha256: s.hostileSHA256, verdict: "timeout", detail: "", accepted: false),
            MinimizationRecord.Test(kept: [1], sha256: Hashing.sha256Hex(s.promotedSource), verdict: "same_kernel", detail: "", accepted: true),
            MinimizationRecord.Test(kept: [], sha256: nil, verdict: "passed", detail: "", benchmarks: [flat, flat], accepted: true),
        ]
        let record = MinimizationRecord(
            runID: "r0001", number: 1, promotion: 1, seed: 5, scoringKernelSHA256: s.judge.activeSHA256, promotedSHA256: Hashing.sha256Hex(s.promotedSource),
            edits: s.edits, kept: [], tests: tests, ablations: [], candidateIndex: nil, speedupBefore: 1, speedupKept: 1, verdict: "minimized",
            detail: "", at: Date())
        let replayed = try s.minimizer(recorded: record).minimize(s.edits, promotedSource: s.promotedSource)
        #expect(replayed.tests.map(\.kept) == [[0], [1], []])
        #expect(replayed.tests.map(\.verdict) == ["timeout", "same_kernel", "passed"], "\(replayed.tests.map(\.detail))")
        #expect(replayed.tests.last?.accepted == true && replayed.tests.last?.benchmarks == [flat, flat], "\(replayed.tests.last?.detail ?? "")")
        #expect(replayed.kept == [] && replayed.ablations.isEmpty)
        #expect(replayed.sha256 != Hashing.sha256Hex(s.promotedSource), "the minimized kernel is the slow seed")
    }
}
