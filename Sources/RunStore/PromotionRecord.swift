import Foundation

/// A candidate that became the new incumbent.
///
/// Numbers are 1-based and gap-free within a run (0 stands for the seed and is never stored).
public struct PromotionRecord: Codable, Sendable, Equatable {
    /// Run the promotion belongs to.
    public var runID: String
    /// 1-based promotion number within the run.
    public var number: Int
    /// Index of the promoted candidate (must be recorded, at the latest in the same commit).
    public var candidateIndex: Int
    /// SHA-256 hex of the promoted source (must match the candidate's).
    public var sha256: String
    /// Speedup of the promoted source over the seed.
    public var speedupVsSeed: Double
    /// Speedup over the previous incumbent.
    public var speedupVsPrevious: Double
    /// p-value of the comparison that justified the promotion.
    public var pValue: Double
    /// Gain credited to the promotion by the search.
    public var gain: Double

    /// Creates a promotion record.
    public init(
        runID: String, number: Int, candidateIndex: Int, sha256: String,
        speedupVsSeed: Double, speedupVsPrevious: Double, pValue: Double, gain: Double
    ) {
        self.runID = runID
        self.number = number
        self.candidateIndex = candidateIndex
        self.sha256 = sha256
        self.speedupVsSeed = speedupVsSeed
        self.speedupVsPrevious = speedupVsPrevious
        self.pValue = pValue
        self.gain = gain
    }

    enum CodingKeys: String, CodingKey {
        case number, sha256, gain
        case runID = "run_id"
        case candidateIndex = "candidate_index"
        case speedupVsSeed = "speedup_vs_seed"
        case speedupVsPrevious = "speedup_vs_previous"
        case pValue = "p_value"
    }
}

/// Opaque search state saved after `candidateCount` candidates, from which `--resume` continues.
public struct Checkpoint: Codable, Sendable, Equatable {
    /// Run the checkpoint belongs to.
    public var runID: String
    /// Number of candidates recorded when the state was taken (at most the run's count).
    public var candidateCount: Int
    /// Generator and search state, opaque to the store.
    public var state: Data

    /// Creates a checkpoint.
    public init(runID: String, candidateCount: Int, state: Data) {
        self.runID = runID
        self.candidateCount = candidateCount
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case state
        case runID = "run_id"
        case candidateCount = "candidate_count"
    }
}
