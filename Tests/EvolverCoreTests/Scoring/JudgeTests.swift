import Foundation
import Testing
@testable import EvolverCore

/// The seed scorer shadows every decisive comparison of an adopted kernel.
struct JudgeTests {
    static let seedSource = try! Fixtures.score().seedSource
    static let a: [Int64] = [1_000_000, 1_020_000, 990_000, 1_010_000, 1_005_000]
    static let b: [Int64] = [900_000, 910_000, 905_000, 920_000, 899_000]

    /// The seed, except when the first incumbent sample is odd: then U is one too many.
    static let wrongOnOddSamples = seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = (a[0] & 1) ? u2 + 1 : u2;")

    @Test func anAgreeingKernelJudgesAlone() throws {
        let seed = try ScoringKernel(source: Self.seedSource)
        let faster = try ScoringKernel(source: Self.wrongOnOddSamples)
        let judge = Judge(active: faster, seed: seed)
        let verdict = try judge.decisive(incumbent: Self.a, candidate: Self.b)
        #expect(verdict.incident == nil && verdict.scorerSHA256 == faster.sourceSHA256)
        #expect(!judge.isSeed)
    }

    @Test func aDisagreementTakesTheSeedsResultAndTheSeedTakesOver() throws {
        let seed = try ScoringKernel(source: Self.seedSource)
        let wrong = try ScoringKernel(source: Self.wrongOnOddSamples)
        let judge = Judge(active: wrong, seed: seed)
        var odd = Self.a
        odd[0] += 1
        // A screen only filters: the active kernel alone, whatever it says.
        #expect(try judge.screen(incumbent: odd, candidate: Self.b) == (try wrong.compare(incumbent: odd, candidate: Self.b)))
        let verdict = try judge.decisive(incumbent: odd, candidate: Self.b)
        let incident = try #require(verdict.incident)
        #expect(verdict.comparison == (try seed.compare(incumbent: odd, candidate: Self.b)))
        #expect(verdict.scorerSHA256 == seed.sourceSHA256)
        #expect(incident.scorerSHA256 == wrong.sourceSHA256 && incident.active.twiceU == incident.seed.twiceU + 1)
        #expect(incident.reason.contains("differed from the seed scorer"))
        #expect(judge.isSeed, "after an incident the seed judges")
        #expect(try judge.decisive(incumbent: odd, candidate: Self.b).incident == nil)
    }
}
