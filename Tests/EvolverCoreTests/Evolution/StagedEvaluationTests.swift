import Foundation
import RunStore
import KernelSyntax
import Testing
import TestSupport
@testable import EvolverCore

/// The stages on real kernels: cheap cases, speed screen, whole suite, deciding benchmark; and a
/// replay from the journaled samples takes the same path.
@Suite(.serialized)
struct StagedEvaluationTests {
    static let spin = "{ volatile long long spin = 0; long long q; for (q = 0; q < 100000; q++) spin += q; }\n    if (n < 1 || m < 1) {"

    func offspring(_ source: String, index: Int) throws -> Offspring {
        let unit = try CParser.parse(source, fileName: "candidate.c")
        let printed = CPrinter.print(unit)
        return Offspring(index: index, parentSHA256: "", edits: [], unit: unit, source: printed, sha256: Hashing.sha256Hex(printed))
    }

    func staged(_ sandbox: Sandbox, recorded: SampleProvider? = nil) -> StagedEvaluation {
        StagedEvaluation(runSeed: 9, cheapCases: StagedEvaluation.cheapest(sandbox, count: 24), screen: .standard,
                         gate: QuietGate(), recordedSamples: recorded)
    }

    @Test func screenStopsAnEquallyFastCandidateAndPassesAMuchFasterOne() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let judge = try Judge(seedOf: sandbox, workerPath: TestPaths.worker)
        let slowIncumbent = sandbox.seedSource.replacingOccurrences(of: "    if (n < 1 || m < 1) {", with: "    " + Self.spin)
        #expect(slowIncumbent != sandbox.seedSource)

        // The same kernel against itself: not 4% faster in every round (an A/A screen).
        let same = try staged(sandbox).evaluate(try offspring(slowIncumbent, index: 1), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(same.verdict == .screenedOut, "\(same.verdict): \(same.detail)")
        #expect(same.stage == .screen && same.detail.hasPrefix("speed screen"))
        let screen = try #require(staged(sandbox).screen)
        #expect((1...screen.rounds).contains(same.evidence.screenRounds.count))
        #expect(same.evidence.screenRounds.allSatisfy { $0.incumbent.count == screen.samples && $0.candidate.count == screen.samples && $0.failure == nil })
        #expect(same.evidence.deciding == nil, "no deciding benchmark after the screen stopped it")

        // The seed against the spinning incumbent: passes every screen round, the suite and the benchmark.
        let fast = try staged(sandbox).evaluate(try offspring(sandbox.seedSource, index: 2), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(fast.verdict == .passed && fast.stage == .benchmark, "\(fast.verdict): \(fast.detail)")
        #expect(fast.evidence.screenRounds.count == screen.rounds)
        let deciding = try #require(fast.evidence.deciding)
        #expect(deciding.incumbent.count == sandbox.manifest.benchmark.samples && deciding.candidate.count == sandbox.manifest.benchmark.samples)
        #expect(try #require(fast.screenComparison).relativeGain > screen.minimumGain)

        // Replayed from the journaled evidence, the screen decides the same way and the deciding
        // samples are the recorded ones.
        let journal = [1: same.evidence, 2: fast.evidence]
        let replay = staged(sandbox, recorded: { journal[$0] })
        let same2 = try replay.evaluate(try offspring(slowIncumbent, index: 1), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(same2.verdict == .screenedOut && same2.detail == same.detail)
        let fast2 = try replay.evaluate(try offspring(sandbox.seedSource, index: 2), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(fast2.verdict == .passed && fast2.evidence == fast.evidence)

        // Each stage's time is measured, and a replay keeps the journaled times (what the run's
        // policy learned from), never its own.
        let timing = try #require(fast.evidence.timing)
        #expect(timing.cheapNs > 0 && timing.screenNs > 0 && timing.suiteNs > 0 && timing.benchmarkNs > 0, "\(timing)")
        #expect(timing.confirmationNs == 0 && timing.differentialNs == 0, "those belong to the decision")
        #expect(try #require(same.evidence.timing).screenNs > 0 && same.evidence.timing?.suiteNs == 0)
        var slowed = fast.evidence
        slowed.timing = StageTiming(cheapNs: 7, screenNs: 11, suiteNs: 13, benchmarkNs: 17)
        let journaledSlow = slowed
        let fast3 = try staged(sandbox, recorded: { _ in journaledSlow }).evaluate(try offspring(sandbox.seedSource, index: 2), incumbentSource: slowIncumbent,
                                                                              judge: judge, with: evaluator)
        #expect(fast3.evidence.timing == slowed.timing)
    }

    /// Which inputs a benchmark's windows use follows their calibrated repetitions (timing), so a
    /// benchmark that failed is evidence like samples: a replay takes its verdict from the journal,
    /// even where measuring again would now pass.
    @Test func replayTakesABenchmarkFailureFromTheJournal() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let judge = try Judge(seedOf: sandbox, workerPath: TestPaths.worker)
        let slowIncumbent = sandbox.seedSource.replacingOccurrences(of: "    if (n < 1 || m < 1) {", with: "    " + Self.spin)
        let failed = BenchmarkEvidence.failed(verdict: Verdict.wrongOutput.rawValue, detail: "on the benchmark workload the candidate's outputs differ")
        let journaled = CandidateEvidence(screenRounds: [failed])
        let replay = staged(sandbox, recorded: { _ in journaled })
        let r = try replay.evaluate(try offspring(sandbox.seedSource, index: 3), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(r.verdict == .wrongOutput && r.stage == .screen && r.detail == failed.failure?.detail, "\(r.verdict): \(r.detail)")
        // Live, the same candidate passes the screen.
        let live = try staged(sandbox).evaluate(try offspring(sandbox.seedSource, index: 3), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(live.verdict == .passed, "\(live.verdict): \(live.detail)")
    }

    @Test func wrongCandidatesStopAtTheCheapCasesOrTheSuite() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let judge = try Judge(seedOf: sandbox, workerPath: TestPaths.worker)
        let slowIncumbent = sandbox.seedSource.replacingOccurrences(of: "    if (n < 1 || m < 1) {", with: "    " + Self.spin)
        // Wrong everywhere: the cheap stage catches it.
        let wrong = sandbox.seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = u2 + 1;")
        let cheap = try staged(sandbox).evaluate(try offspring(wrong, index: 3), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(cheap.verdict == .wrongOutput && cheap.stage == .cheap)
        // Fast, and wrong only on inputs larger than the cheap cases and the benchmark workload: it
        // passes the screen, and the whole suite catches it.
        let large = sandbox.seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = n > 500 ? u2 + 1 : u2;")
        #expect(large != sandbox.seedSource)
        let suite = try staged(sandbox).evaluate(try offspring(large, index: 4), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(suite.verdict == .wrongOutput && suite.stage == .suite, "\(suite.verdict) at \(suite.stage): \(suite.detail)")
        #expect(suite.evidence.screenRounds.count == SpeedScreen.standard.rounds, "every screen round ran before the suite")
    }

    /// A timeout is timing evidence: a replay takes it from the journal (here for a kernel that
    /// passes live), and validates every other call with four times its deadline.
    @Test func replayTakesATimeoutFromTheJournal() throws {
        let sandbox = try Fixtures.score()
        let evaluator = try Fixtures.evaluator(sandbox)
        let judge = try Judge(seedOf: sandbox, workerPath: TestPaths.worker)
        let slowIncumbent = sandbox.seedSource.replacingOccurrences(of: "    if (n < 1 || m < 1) {", with: "    " + Self.spin)
        var replay = staged(sandbox, recorded: { _ in CandidateEvidence() })
        replay.recordedTimeouts = { _ in (stage: .suite, detail: "did not finish a call within 1000 ms (killed)") }
        let r = try replay.evaluate(try offspring(sandbox.seedSource, index: 5), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(r.verdict == .timeout && r.stage == .suite && r.detail.hasPrefix("did not finish"), "\(r.verdict): \(r.detail)")
        replay.recordedTimeouts = { _ in (stage: .cheap, detail: "did not finish a call within 250 ms (killed)") }
        let cheap = try replay.evaluate(try offspring(sandbox.seedSource, index: 5), incumbentSource: slowIncumbent, judge: judge, with: evaluator)
        #expect(cheap.verdict == .timeout && cheap.stage == .cheap)
    }
}
