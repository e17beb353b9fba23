import Foundation
import KernelMutation
import KernelSyntax
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// Kernels written to fool the search's shortcuts: a fast kernel that is wrong only where the
/// benchmark never looks (the late whole suite must still reject it), and one that loops only
/// on the benchmark workload (the bounded first window must kill it within about a second).
@Suite(.serialized)
struct SearchAttackTests {
    /// The seed with the selection grafted (about 5x faster), then sabotaged as described.
    static func fastKernel(_ sabotage: String) throws -> String {
        let sandbox = try Fixtures.score()
        let unit = try CParser.parse(sandbox.seedSource)
        let facts = sandbox.harness.kernelFacts
        let op = try #require(MutationRegistry.named("graft-selection"))
        let edit = try #require(op.proposals(in: unit, facts: facts).first)
        let fast = CPrinter.print(try op.apply(edit, to: unit, facts: facts))
        let guardLine = "    if (n < 1 || m < 1) {"
        #expect(fast.contains(guardLine))
        return fast.replacingOccurrences(of: guardLine, with: sabotage + "\n" + guardLine)
    }

    func offspring(_ source: String, index: Int) -> Offspring {
        let unit = try! CParser.parse(source)
        let printed = CPrinter.print(unit)
        return Offspring(index: index, parentSHA256: "", edits: [], unit: unit, source: printed, sha256: Hashing.sha256Hex(printed))
    }

    @Test func aFastKernelWrongOnlyOnTinyInputsPassesTheBenchmarkButNeverTheLateSuite() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let judge = try Judge(seedOf: sandbox, workerPath: TestPaths.worker)
        // Benchmark inputs have 12 to 64 samples a side; the suite has 1x1 cases. The cheap cases are skipped here
        // so the kernel reaches the benchmark whatever they hold.
        let attack = offspring(try Self.fastKernel("    if (n == 1 && m == 1) {\n        out[0] = 2;\n        out[1] = 0;\n        out[2] = 0;\n        out[3] = 0;\n        return 0;\n    }"), index: 3)
        let staged = StagedEvaluation(runSeed: 4, cheapCases: [], screen: nil, gate: QuietGate(), recordedSamples: nil, validateLast: true)
        let measured = try staged.evaluate(attack, incumbentSource: sandbox.seedSource, judge: judge, with: evaluator)
        #expect(measured.verdict == .passed && measured.stage == .benchmark, "\(measured.verdict): \(measured.detail)")
        let deciding = try #require(measured.evidence.deciding)
        let comparison = try judge.decisive(incumbent: deciding.incumbent, candidate: deciding.candidate).comparison
        #expect(PromotionRule.standard.promotes(comparison), "the attack is faster: \(comparison.speedup)x")
        // The decider asks for the suite before anything that could promote it, and the suite rejects it.
        var judged = JudgedEvidence(deciding: comparison, suite: nil)
        #expect(PromotionDecider.step(judged, rule: .standard, promotedEarlier: false) == .needsSuite)
        var rng = StagedEvaluation.lateSuiteRNG(runSeed: 4, index: 3)
        let failure = try #require(try staged.suite(attack, rng: &rng, with: evaluator))
        #expect(failure.verdict == .wrongOutput)
        judged.suite = .failed(verdict: failure.verdict, detail: failure.detail)
        guard case .decided(.rejected, _) = PromotionDecider.step(judged, rule: .standard, promotedEarlier: false) else {
            Issue.record("a kernel that failed the late suite must be rejected")
            return
        }
    }

    @Test func aKernelLoopingOnlyOnTheWorkloadIsKilledInAboutASecond() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let attack = try Self.fastKernel("    if (n >= 12 && m >= 12) {\n        volatile int spin = 1;\n        while (spin) {\n        }\n    }")
        let started = Date()
        let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: attack, inputSeed: 77,
                                            callDeadlineMs: StagedEvaluation.boundedCallDeadlineMs(incumbentPassNs: 1_000_000))
        let seconds = Date().timeIntervalSince(started)
        #expect(bench.verdict == .timeout, "\(bench.verdict): \(bench.detail)")
        // Before the bound, the first window allowed 20 times every call's 1 s deadline: 122 s.
        #expect(seconds < 30, "killed after \(seconds) s")
        // Without the incumbent's bound, the calls' own deadlines (1 s each, 6 per pass): about 7 s.
        let unbounded = Date()
        let plain = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: attack, inputSeed: 78)
        #expect(plain.verdict == .timeout, "\(plain.verdict): \(plain.detail)")
        #expect(Date().timeIntervalSince(unbounded) < 30, "killed after \(Date().timeIntervalSince(unbounded)) s")
    }
}
