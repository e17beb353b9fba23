import Foundation
import Testing
import TestSupport
@testable import EvolverCore

@Suite(.serialized)
struct KernelEvaluatorTests {
    @Test(arguments: ["score", "smith-waterman"])
    func seedPassesItsWholeSuite(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        var rng = SplitMix64(seed: 11)
        let outcome = try Fixtures.evaluator(sandbox).validate(sandbox.seedSource, rng: &rng)
        #expect(outcome.verdict == .passed, "\(outcome.detail)")
        #expect(outcome.passed == sandbox.cases.count && outcome.total == sandbox.cases.count)
        #expect(outcome.compileNs > 0 && outcome.imageBytes > 0)
    }

    /// Beyond the fixed suite: the seed run inside the sandbox agrees with the independent
    /// reference on fresh random inputs over the contract's whole range.
    @Test(arguments: ["score", "smith-waterman"])
    func seedAgreesWithReferenceOnRandomInputs(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        let cases = Fixtures.randomCases(sandbox, count: 300, seed: 2024)
        let evaluator = try Fixtures.evaluator(sandbox)
        guard case .success(let results) = try evaluator.run(sandbox.seedSource, cases: cases, poison: 0x3C) else {
            Issue.record("seed failed on random inputs")
            return
        }
        for (c, result) in zip(cases, results) {
            let want = Fixtures.reference(sandbox, c)
            #expect(result.ret == want.ret, "case \(c.id)")
            if sandbox.name == "score" {
                let got = ElementType.i64.decode(result.outputs[0][...])
                if let out = want.outputs["out"] ?? nil { #expect(got == out, "case \(c.id)") } else { #expect(result.outputs[0].allSatisfy { $0 == 0x3C }) }
            }
        }
    }

    @Test func subtlyWrongKernelIsCaughtWithTheFailingCase() throws {
        let sandbox = try Fixtures.score()
        // Off-by-one median index: only even-sized inputs differ.
        let wrong = sandbox.seedSource.replacingOccurrences(of: "x[(k - 1) / 2] + x[k / 2]", with: "x[k / 2] + x[k / 2]")
        #expect(wrong != sandbox.seedSource)
        var rng = SplitMix64(seed: 5)
        let outcome = try Fixtures.evaluator(sandbox).validate(wrong, rng: &rng)
        #expect(outcome.verdict == .wrongOutput)
        let failure = try #require(outcome.firstFailure)
        #expect(sandbox.cases.contains { $0.id == failure.caseId })
        #expect(failure.expected.hasPrefix("out[") && failure.expected != failure.actual)
        #expect(outcome.passed < outcome.total)
    }

    @Test func compileErrorsCarryKernelLineNumbers() throws {
        let sandbox = try Fixtures.score()
        var rng = SplitMix64(seed: 1)
        let source = "int score(const long long *a, int n, const long long *b, int m, long long *s, long long *out)\n{\n    return undeclared_variable;\n}\n"
        let outcome = try Fixtures.evaluator(sandbox).validate(source, rng: &rng)
        #expect(outcome.verdict == .compileError)
        #expect(outcome.diagnostics.contains { $0.contains("kernel.c:3:") && $0.contains("undeclared_variable") })
        #expect(outcome.detail.contains("kernel.c:3:"))
    }

    /// The score seed with a busy loop in front of every call: several times slower per workload pass
    /// on any machine, so the sides of a benchmark cannot be confused with noise.
    static func spinning(_ sandbox: Sandbox) -> String {
        let slow = sandbox.seedSource.replacingOccurrences(
            of: "if (n < 1 || m < 1) {",
            with: "{ volatile long long spin = 0; long long q; for (q = 0; q < 2000000; q++) spin += q; }\n    if (n < 1 || m < 1) {")
        precondition(slow != sandbox.seedSource)
        return slow
    }

    @Test func benchmarkSeesASlowerCandidate() throws {
        let sandbox = try Fixtures.score()
        let slow = Self.spinning(sandbox)
        let bench = try Fixtures.evaluator(sandbox).benchmark(incumbent: sandbox.seedSource, candidate: slow, inputSeed: 7)
        #expect(bench.verdict == .passed)
        #expect(bench.incumbentSamples.count == sandbox.manifest.benchmark.samples)
        let scoring = try ScoringKernel(scoreSandbox: sandbox)
        let c = try scoring.compare(incumbent: bench.incumbentSamples, candidate: bench.candidateSamples)
        #expect(c.speedup < 1)
        #expect(!PromotionRule.standard.promotes(c))
        // The reversed comparison: the seed is significantly faster than the slow kernel.
        let reversed = try scoring.compare(incumbent: bench.candidateSamples, candidate: bench.incumbentSamples)
        #expect(PromotionRule.standard.promotes(reversed))
    }

    /// A screen-sized benchmark with the candidate compiled first still reports its samples and
    /// failures in incumbent/candidate order.
    @Test func candidateFirstScreenKeepsSidesApart() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let slow = Self.spinning(sandbox)
        let screen = SpeedScreen(rounds: 1, samples: 5, children: 1, windowMs: 1, minimumGain: 0.03)
        for candidateFirst in [false, true] {
            let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: slow, inputSeed: 7, screen: screen, candidateFirst: candidateFirst)
            #expect(bench.verdict == .passed)
            #expect(bench.incumbentSamples.count == 5 && bench.candidateSamples.count == 5)
            #expect(bench.candidateSamples.sorted()[2] > bench.incumbentSamples.sorted()[2] * 2, "the spinning candidate is the slow side")
        }
        // A candidate that crashes on the workload is blamed as the candidate, whichever is compiled first.
        let crash = sandbox.seedSource.replacingOccurrences(of: "if (n < 1 || m < 1) {", with: "if (n > 40) { *(volatile int *)0 = 1; }\n    if (n < 1 || m < 1) {")
        for candidateFirst in [false, true] {
            let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: crash, inputSeed: 7, screen: screen, candidateFirst: candidateFirst)
            #expect(bench.verdict == .crashed || bench.verdict == .memoryViolation, "\(bench.verdict)")
            #expect(bench.detail.hasPrefix("the candidate failed"), "\(bench.detail)")
        }
    }

    @Test func benchmarkRefusesACandidateThatDiffersOnTheWorkload() throws {
        let sandbox = try Fixtures.smithWaterman()
        // Wrong on long protein sequences; the benchmark alone (no validation here) must notice that its
        // workload outputs differ from the incumbent's.
        let sneaky = sandbox.seedSource.replacingOccurrences(of: "int sw_score(", with: "static int sw_real(") + """

        int sw_score(const unsigned char *a, int n, const unsigned char *b, int m, const signed char *sub, int k, int open, int extend, int *scratch)
        {
            int r = sw_real(a, n, b, m, sub, k, open, extend, scratch);
            return (k == 20 && n > 150) ? r + 1 : r;
        }
        """
        let bench = try Fixtures.evaluator(sandbox).benchmark(incumbent: sandbox.seedSource, candidate: sneaky, inputSeed: 7)
        #expect(bench.verdict == .wrongOutput)
    }

    @Test func workerSurvivesAndIsReusedAcrossJobs() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        var rng = SplitMix64(seed: 3)
        let loop = "int score(const long long *a, int n, const long long *b, int m, long long *s, long long *out) { for (;;) {} }"
        #expect(try evaluator.validate(loop, rng: &rng, subset: [3]).verdict == .timeout)
        #expect(try evaluator.validate(sandbox.seedSource, rng: &rng, subset: Array(0..<20)).verdict == .passed)
    }
}
