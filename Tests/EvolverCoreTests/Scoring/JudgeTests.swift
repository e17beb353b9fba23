import Foundation
import Testing
import TestSupport
@testable import EvolverCore
import RunStore

/// An adopted judge runs sandboxed, and the seed scorer shadows every decisive comparison (and a
/// share of the screens'): a disagreement or a failure is an incident, and the seed's result stands.
@Suite(.serialized)
struct JudgeTests {
    static let sandbox = try! Fixtures.score()
    static let seedSource = sandbox.seedSource
    static let a: [Int64] = [1_000_000, 1_020_000, 990_000, 1_010_000, 1_005_000]
    static let b: [Int64] = [900_000, 910_000, 905_000, 920_000, 899_000]

    /// The seed, except when the first incumbent sample is odd: then U is one too many.
    static let wrongOnOddSamples = seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = (a[0] & 1) ? u2 + 1 : u2;")

    func judge(_ source: String) throws -> Judge {
        let judge = try Judge(seedOf: Self.sandbox, workerPath: TestPaths.worker)
        judge.adopt(source: source)
        return judge
    }

    @Test func anAgreeingKernelJudgesAloneAndSandboxed() throws {
        let judge = try judge(Self.wrongOnOddSamples)
        #expect(!judge.isSeed && judge.active?.sourceSHA256 == Hashing.sha256Hex(Self.wrongOnOddSamples))
        let verdict = try judge.decisive(incumbent: Self.a, candidate: Self.b)
        #expect(verdict.incident == nil && verdict.scorerSHA256 == Hashing.sha256Hex(Self.wrongOnOddSamples))
        #expect(verdict.comparison == (try judge.seed.compare(incumbent: Self.a, candidate: Self.b)))
    }

    @Test func aDisagreementTakesTheSeedsResultAndTheSeedTakesOver() throws {
        let judge = try judge(Self.wrongOnOddSamples)
        var odd = Self.a
        odd[0] += 1
        // An unshadowed screen: the active kernel alone, whatever it says.
        let alone = try judge.screen(incumbent: odd, candidate: Self.b, shadowed: false)
        let seedU = try judge.seed.compare(incumbent: odd, candidate: Self.b).twiceU
        #expect(alone.incident == nil && alone.comparison.twiceU == seedU + 1)
        // A shadowed screen: the seed's result and an incident, but the judge stays until the caller says.
        let shadowed = try judge.screen(incumbent: odd, candidate: Self.b, shadowed: true)
        #expect(shadowed.incident != nil && !judge.isSeed)
        let verdict = try judge.decisive(incumbent: odd, candidate: Self.b)
        let incident = try #require(verdict.incident)
        #expect(verdict.comparison == (try judge.seed.compare(incumbent: odd, candidate: Self.b)))
        #expect(verdict.scorerSHA256 == judge.seed.sourceSHA256)
        #expect(incident.active?.twiceU == incident.seed.twiceU + 1 && incident.reason.contains("differed from the seed scorer"))
        #expect(judge.isSeed, "after a decisive incident the seed judges")
    }

    /// Kernels that misbehave only outside a guard (in the evolver's process) gain nothing: the
    /// judge runs in the sandbox, and a crash, a hang or a refusal there is an incident.
    @Test(arguments: [
        ("crashes", "out[0] = u2;", "if (n == 5) { *(volatile long long *)0 = 1; } out[0] = u2;"),
        ("loops", "out[0] = u2;", "while (n == 5) { u2 = u2 + 1; } out[0] = u2;"),
        ("dawdles", "out[0] = u2;", "if (n == 5) { volatile long long s = 0; long long q; for (q = 0; q < 100000000; q++) s += q; } out[0] = u2;"),
        ("refuses", "return 0;\n}", "return n == 5 ? 1 : 0;\n}"),
    ])
    func aFailingJudgeIsAnIncident(_ what: String, _ original: String, _ replacement: String) throws {
        let source = Self.seedSource.replacingOccurrences(of: original, with: replacement)
        #expect(source != Self.seedSource)
        let judge = try judge(source)
        let verdict = try judge.decisive(incumbent: Self.a, candidate: Self.b)
        let incident = try #require(verdict.incident, "a judge that \(what)")
        #expect(incident.active == nil && incident.failure != nil && incident.reason.hasPrefix("it failed on"), "\(incident.reason)")
        #expect(verdict.comparison == (try judge.seed.compare(incumbent: Self.a, candidate: Self.b)))
        #expect(judge.isSeed)
    }

    /// A replay meets an adopted kernel's late call where the recording did (how close a call came
    /// to its deadline is timing, not the kernel), from the failure journaled with the candidate;
    /// every other comparison is computed again, and a failure is journaled with its comparison.
    @Test func aReplayTakesTheRecordedLateCallsFromTheJournal() throws {
        let dawdler = Self.seedSource.replacingOccurrences(
            of: "out[0] = u2;", with: "if (n == 5) { volatile long long s = 0; long long q; for (q = 0; q < 100000000; q++) s += q; } out[0] = u2;")
        let recording = try judge(dawdler)
        let late = try #require(try recording.decisive(incumbent: Self.a, candidate: Self.b).incident?.journaled)
        #expect(late.isTimeout && late.comparisonSHA256 == Judge.comparisonKey(Hashing.sha256Hex(dawdler), Self.a, Self.b), "\(late)")
        var evidence = CandidateEvidence()
        evidence.note(try #require(try judge(dawdler).decisive(incumbent: Self.a, candidate: Self.b).incident))
        #expect(evidence.judgeFailures == [late])

        // A kernel that is never late, replayed with a journal that says it was late on (a, b).
        let prompt = Hashing.sha256Hex(Self.wrongOnOddSamples)
        let journal = JudgeFailure(scorerSHA256: prompt, comparisonSHA256: Judge.comparisonKey(prompt, Self.a, Self.b), failure: late.failure)
        let replaying = try Judge(seedOf: Self.sandbox, workerPath: TestPaths.worker, replaying: [journal])
        replaying.adopt(source: Self.wrongOnOddSamples)
        let other = Self.a.map { $0 + 2 }
        #expect(try replaying.screen(incumbent: other, candidate: Self.b, shadowed: true).incident == nil, "a comparison not journaled runs again")
        let met = try replaying.decisive(incumbent: Self.a, candidate: Self.b)
        #expect(met.incident?.journaled == journal && met.scorerSHA256 == replaying.seed.sourceSHA256 && replaying.isSeed)
        // The journal of a disagreement or a crash is not taken: those are found again.
        let crash = JudgeFailure(scorerSHA256: prompt, comparisonSHA256: journal.comparisonSHA256, failure: "crashed: signal 11")
        let checking = try Judge(seedOf: Self.sandbox, workerPath: TestPaths.worker, replaying: [crash])
        checking.adopt(source: Self.wrongOnOddSamples)
        #expect(try checking.decisive(incumbent: Self.a, candidate: Self.b).incident == nil)
    }

    /// A judging call must not be told from a guard's by how its buffers are filled: a kernel that
    /// reports the fill it found in `out` sees a different one from call to call, 0x00 and 0xFF among them.
    @Test func judgingCallsAreFilledLikeTheGuards() throws {
        let leak = Self.seedSource.replacingOccurrences(of: "    out[0] = u2;", with: "    out[3] = out[0] & 255;\n    out[0] = u2;")
            .replacingOccurrences(of: "    out[3] = twice_median(diff, nm);", with: "")
        #expect(leak.contains("out[3] = out[0] & 255;") && !leak.contains("out[3] = twice_median"))
        let scorer = SandboxedScorer(source: leak, sandbox: Self.sandbox, workerPath: TestPaths.worker)
        let fills = try (0..<24).map { _ in try scorer.compare(incumbent: Self.a, candidate: Self.b).twiceShift }
        #expect(Set(fills).count >= 3, "fills seen: \(Set(fills).sorted())")
    }
}
