import Foundation
import RunStore

/// Everything `evolver report` shows about one run, as read from the store: the page builder
/// (``RunReportPage``) is a pure function of it.
public struct RunReportInput: Sendable {
    /// The run, with its derived counts.
    public var run: RunRecord
    /// SHA-256 of the seed's normalized source (promotion 0).
    public var seedSHA256: String
    /// Every candidate, in index order.
    public var candidates: [CandidateRecord]
    /// Every promotion, by number.
    public var promotions: [PromotionRecord]
    /// Sources by SHA-256: the seed's and every promotion's (a missing one is shown as missing).
    public var sources: [String: String]
    /// The run's operator-selection policy, or nil when the run predates recorded policies.
    public var policy: RunPolicyRecord?
    /// The judge's whole history (events of this run are highlighted).
    public var scorerEvents: [ScorerEventRecord]
    /// Each arm's probability of being selected next, as the policy computes it; nil when not known.
    public var probabilities: [String: Double]?

    /// Creates the input of a report.
    public init(run: RunRecord, seedSHA256: String, candidates: [CandidateRecord], promotions: [PromotionRecord], sources: [String: String],
                policy: RunPolicyRecord?, scorerEvents: [ScorerEventRecord], probabilities: [String: Double]?) {
        self.run = run
        self.seedSHA256 = seedSHA256
        self.candidates = candidates
        self.promotions = promotions
        self.sources = sources
        self.policy = policy
        self.scorerEvents = scorerEvents
        self.probabilities = probabilities
    }
}
