import Foundation
import RunStore
import Testing
@testable import EvolverCore

/// The decision is a pure function of the evidence: each rung of the ladder, and which evidence it asks for.
struct PromotionDeciderTests {
    /// A comparison of 15 against 15 samples where every candidate sample is faster by `gain` (or slower).
    static func comparison(gain: Double, significant: Bool = true) -> SampleComparison {
        let median: Int64 = 2_000_000
        let shift = Int64(Double(median) * gain)
        return SampleComparison(n: 15, m: 15, twiceU: significant ? 2 * 225 : 225, twiceMedianIncumbent: median,
                                twiceMedianCandidate: median - shift, twiceShift: shift)
    }

    let rule = PromotionRule.standard

    @Test func aSlowOrInsignificantCandidateIsNotFasterWithoutMoreEvidence() {
        let slow = JudgedEvidence(deciding: Self.comparison(gain: 0.01))
        #expect(PromotionDecider.step(slow, rule: rule, promotedEarlier: false) == .decided(.notFaster, detail: nil))
        let noisy = JudgedEvidence(deciding: Self.comparison(gain: 0.10, significant: false))
        #expect(PromotionDecider.step(noisy, rule: rule, promotedEarlier: false) == .decided(.notFaster, detail: nil))
    }

    @Test func aFasterCandidateNeedsAConfirmationThenTheDifferentialTest() {
        var e = JudgedEvidence(deciding: Self.comparison(gain: 0.10))
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: false) == .needsConfirmation)
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: true) == .decided(.superseded, detail: nil))
        e.confirmation = .measured(Self.comparison(gain: 0.08))
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: false) == .needsDifferential)
        e.differential = DifferentialEvidence(inputs: 64, agreed: true, detail: nil)
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: false) == .decided(.promoted, detail: nil))
        e.differential = DifferentialEvidence(inputs: 64, agreed: false, detail: "differs from the seed on random input 3")
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: false) == .decided(.differentialMismatch, detail: "differs from the seed on random input 3"))
    }

    @Test func aConfirmationThatDisagreesOrFailedNeverPromotes() {
        var e = JudgedEvidence(deciding: Self.comparison(gain: 0.10), confirmation: .measured(Self.comparison(gain: 0.0)),
                               differential: DifferentialEvidence(inputs: 64, agreed: true, detail: nil))
        guard case .decided(.notFaster, let detail?) = PromotionDecider.step(e, rule: rule, promotedEarlier: false) else {
            Issue.record("an unconfirmed gain must not promote")
            return
        }
        #expect(detail.hasPrefix("not confirmed: the confirmation benchmark measured 1.000x"))
        e.confirmation = .failed(detail: "crashed: SIGSEGV")
        #expect(PromotionDecider.step(e, rule: rule, promotedEarlier: false)
                == .decided(.notFaster, detail: "not confirmed: the confirmation benchmark failed (crashed: SIGSEGV)"))
    }
}
