import Foundation
import RunStore

/// The comparisons and checks a candidate that passed every stage has been judged by so far.
struct JudgedEvidence: Sendable, Equatable {
    /// How the confirmation benchmark ended.
    enum Confirmation: Sendable, Equatable {
        case measured(SampleComparison)
        case failed(detail: String)
    }

    /// How the whole suite ended, when it runs only for candidates measured faster.
    enum SuiteCheck: Sendable, Equatable {
        case passed
        case failed(verdict: Verdict, detail: String)
    }

    var deciding: SampleComparison
    /// Nil until the whole suite ran (runs that validate before benchmarking start with `.passed`).
    var suite: SuiteCheck? = .passed
    var confirmation: Confirmation?
    var differential: DifferentialEvidence?
}

/// The next step of a decision: taken, or waiting for more evidence.
enum DecisionStep: Sendable, Equatable {
    case decided(Decision, detail: String?)
    /// The whole fixed suite must pass first (it runs only for candidates measured faster).
    case needsSuite
    /// A second benchmark in fresh children, kernel order swapped, must agree first.
    case needsConfirmation
    /// The differential test against the seed on fresh inputs must pass first.
    case needsDifferential
}

/// Turns evidence into a decision: a pure function of the evidence, the rule, and whether another
/// candidate of the generation was promoted already. Gathering evidence is the caller's job.
enum PromotionDecider {
    static func step(_ e: JudgedEvidence, rule: PromotionRule, promotedEarlier: Bool) -> DecisionStep {
        guard rule.promotes(e.deciding) else { return .decided(.notFaster, detail: nil) }
        if promotedEarlier { return .decided(.superseded, detail: nil) }
        switch e.suite {
        case nil:
            return .needsSuite
        case .failed(_, let detail):
            return .decided(.rejected, detail: detail)
        case .passed:
            break
        }
        switch e.confirmation {
        case nil:
            return .needsConfirmation
        case .failed(let why):
            return .decided(.notFaster, detail: "not confirmed: the confirmation benchmark failed (\(why))")
        case .measured(let c) where !rule.promotes(c):
            return .decided(.notFaster, detail: String(format: "not confirmed: the confirmation benchmark measured %.3fx (gain %+.2f%%, p = %.2g)",
                                                       c.speedup, c.relativeGain * 100, c.pValue))
        case .measured:
            break
        }
        guard let differential = e.differential else { return .needsDifferential }
        guard differential.agreed else { return .decided(.differentialMismatch, detail: differential.detail) }
        return .decided(.promoted, detail: nil)
    }
}
