import Foundation
import RunStore
import Testing
@testable import EvolverCore

/// Which verdicts a machine-code twin takes from the first candidate with its image.
struct CodeIdentityTests {
    func conclusion(_ index: Int, _ verdict: Verdict, _ stage: EvaluationStage, _ decision: Decision, incumbent: String = "inc") -> CodeIdentity.Conclusion {
        .init(index: index, verdict: verdict, detail: "detail \(index)", stage: stage, decision: decision, incumbentSHA256: incumbent,
              comparison: SampleComparison(n: 12, m: 12, twiceU: 100, twiceMedianIncumbent: 2000, twiceMedianCandidate: 2010, twiceShift: -10))
    }

    @Test func theSameCodeAsTheIncumbentIsNotFasterWithoutMeasuring() throws {
        var table = CodeIdentity(seedSHA256: "seed", seedImage: "img-seed")
        let same = try #require(table.reuse(image: "img-seed", incumbentSHA256: "seed"))
        #expect(same.sameCodeAs == -1 && same.decision == .notFaster && same.comparison == nil)
        #expect(same.detail.contains("the seed"))
        // After a promotion the incumbent is the promoted candidate.
        table.record(conclusion(4, .passed, .decided, .promoted, incumbent: "seed"), sha256: "c4", image: "img-4")
        let twin = try #require(table.reuse(image: "img-4", incumbentSHA256: "c4"))
        #expect(twin.sameCodeAs == 4 && twin.detail.contains("candidate 4"))
        #expect(table.reuse(image: "img-seed", incumbentSHA256: "c4") == nil, "the seed's code is no longer the incumbent's, and was never measured against it")
    }

    @Test func suiteAndDifferentialVerdictsAreReusedWhateverTheIncumbent() throws {
        var table = CodeIdentity(seedSHA256: "seed", seedImage: "img-seed")
        table.record(conclusion(1, .wrongOutput, .suite, .rejected), sha256: "c1", image: "img-1")
        table.record(conclusion(2, .passed, .decided, .differentialMismatch), sha256: "c2", image: "img-2")
        table.record(conclusion(3, .timeout, .suite, .rejected), sha256: "c3", image: "img-3")
        let wrong = try #require(table.reuse(image: "img-1", incumbentSHA256: "other"))
        #expect(wrong.verdict == .wrongOutput && wrong.decision == .rejected && wrong.sameCodeAs == 1 && wrong.detail == "same machine code as candidate 1: detail 1")
        #expect(table.reuse(image: "img-2", incumbentSHA256: "other")?.decision == .differentialMismatch)
        #expect(table.reuse(image: "img-3", incumbentSHA256: "other")?.verdict == .timeout)
    }

    @Test func measurementsAreReusedOnlyAgainstTheSameIncumbent() throws {
        var table = CodeIdentity(seedSHA256: "seed", seedImage: nil)
        table.record(conclusion(5, .screenedOut, .screen, .notFaster, incumbent: "inc"), sha256: "c5", image: "img-5")
        let reused = try #require(table.reuse(image: "img-5", incumbentSHA256: "inc"))
        #expect(reused.comparison != nil && reused.verdict == .screenedOut && reused.decision == .notFaster)
        #expect(table.reuse(image: "img-5", incumbentSHA256: "newer") == nil)
    }

    @Test func theFirstOfAnImageIsKeptAndOthersAreEvaluatedAgain() throws {
        var table = CodeIdentity(seedSHA256: "seed", seedImage: nil)
        table.record(conclusion(1, .wrongOutput, .cheap, .rejected), sha256: "c1", image: "img")
        #expect(table.reuse(image: "img", incumbentSHA256: "inc") == nil, "a cheap-stage failure disagrees with a twin that passed the cheap cases")
        table.record(conclusion(2, .wrongOutput, .suite, .rejected), sha256: "c2", image: "img")
        #expect(table.reuse(image: "img", incumbentSHA256: "inc") == nil, "the first of the image decides")
        table.record(conclusion(3, .internalError, .suite, .rejected), sha256: "c3", image: "img-3")
        #expect(table.reuse(image: "img-3", incumbentSHA256: "inc") == nil)
        table.record(conclusion(4, .passed, .decided, .superseded), sha256: "c4", image: "img-4")
        #expect(table.reuse(image: "img-4", incumbentSHA256: "inc") == nil)
    }

    /// A twin never gains from its twin: every reuse is a rejection or "not faster", whatever was recorded.
    @Test func noReuseEverPassesOrPromotes() {
        var table = CodeIdentity(seedSHA256: "seed", seedImage: "img-seed")
        var index = 0
        for verdict in Verdict.allCases {
            for stage in EvaluationStage.allCases {
                for decision in [Decision.promoted, .notFaster, .rejected, .differentialMismatch, .superseded] {
                    index += 1
                    table.record(conclusion(index, verdict, stage, decision, incumbent: "inc"), sha256: "c\(index)", image: "img-\(index)")
                    for incumbent in ["inc", "c\(index)", "seed"] {
                        guard let reuse = table.reuse(image: "img-\(index)", incumbentSHA256: incumbent) else { continue }
                        #expect(reuse.decision != .promoted && reuse.decision != .superseded, "\(verdict) \(stage) \(decision)")
                        #expect(reuse.decision != .rejected || reuse.verdict != .passed)
                    }
                }
            }
        }
    }
}
