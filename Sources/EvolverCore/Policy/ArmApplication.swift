import Foundation
import RunStore

/// What one candidate says about the arm that made it: whether it got past the cheap cases and
/// the screen, whether it was promoted, the validated gain it earned, and what it cost.
public struct ArmApplication: Sendable, Equatable {
    /// The arm: the operator of the candidate's last edit, or `crossover`.
    public var arm: String
    public var cheapPassed: Bool
    public var screenPassed: Bool
    public var promoted: Bool
    /// ln(speedup over its incumbent) when the candidate was measured faster and passed every
    /// check (promoted, or superseded by another promotion of its generation after validation); else 0.
    public var gain: Double
    /// Evaluation time, in seconds.
    public var seconds: Double

    /// The arm name of crossover offspring.
    public static let crossoverArm = "crossover"

    /// The arm of a candidate made by `edits` (from the seed), with `origin` when it was not one edit of its parent.
    static func arm(lastOperator: String?, origin: CandidateOrigin?) -> String {
        origin != nil ? crossoverArm : (lastOperator ?? "seed")
    }

    init(arm: String, verdict: String, stage: EvaluationStage, decision: String, speedup: Double?, evidence: CandidateEvidence, compileNs: UInt64) {
        self.arm = arm
        let failedCheap = stage == .cheap && evidence.sameCodeAs == nil && verdict != Verdict.passed.rawValue && verdict != Verdict.screenedOut.rawValue
        cheapPassed = !failedCheap
        screenPassed = evidence.deciding != nil
        promoted = decision == Decision.promoted.rawValue
        let validated = promoted || (decision == Decision.superseded.rawValue && verdict == Verdict.passed.rawValue)
        gain = validated ? max(0, log(speedup ?? 1)) : 0
        // Runs recorded before stage times were measured: compilation is the only known cost.
        seconds = Double(evidence.timing?.totalNs ?? compileNs) / 1e9
    }

    /// What a candidate just decided says.
    public init(_ outcome: CandidateOutcome) {
        self.init(arm: Self.arm(lastOperator: outcome.edits.last?.op, origin: outcome.origin), verdict: outcome.verdict.rawValue, stage: outcome.stage,
                  decision: outcome.decision.rawValue, speedup: outcome.comparison?.speedup, evidence: outcome.evidence, compileNs: outcome.compileNs)
    }

    /// What a journaled candidate says.
    public init(_ record: CandidateRecord) {
        self.init(arm: Self.arm(lastOperator: record.edits.last?.op, origin: record.origin), verdict: record.verdict, stage: record.stage,
                  decision: record.decision, speedup: record.comparison?["speedup"], evidence: record.evidence, compileNs: record.compileNs)
    }

    /// The application as a one-candidate tally.
    var tally: ArmTally {
        ArmTally(attempts: 1, cheapPassed: cheapPassed ? 1 : 0, screenPassed: screenPassed ? 1 : 0, promotions: promoted ? 1 : 0,
                 gain: gain, bestGain: gain, seconds: seconds)
    }
}
