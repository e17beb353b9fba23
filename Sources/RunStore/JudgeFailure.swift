import Foundation

/// A comparison an adopted scoring kernel did not complete while judging a candidate (it timed
/// out, crashed, refused or wrote what the contract does not allow); the seed scorer's result
/// stood. Journaled with the candidate, so a replay meets the same failure where it depended on
/// timing (a late call) instead of on the kernel.
public struct JudgeFailure: Codable, Sendable, Equatable {
    /// The adopted kernel that failed.
    public var scorerSHA256: String
    /// Which comparison: SHA-256 of the kernel's hash and both sample arrays (`Judge.comparisonKey`).
    public var comparisonSHA256: String
    /// How it failed, in one line (`timeout: ...` when it was late).
    public var failure: String

    public init(scorerSHA256: String, comparisonSHA256: String, failure: String) {
        self.scorerSHA256 = scorerSHA256
        self.comparisonSHA256 = comparisonSHA256
        self.failure = failure
    }

    /// Whether the failure was the call's deadline (a matter of timing, not of the kernel alone).
    public var isTimeout: Bool { failure.hasPrefix("timeout") }

    enum CodingKeys: String, CodingKey {
        case failure
        case scorerSHA256 = "scorer_sha256"
        case comparisonSHA256 = "comparison_sha256"
    }
}
