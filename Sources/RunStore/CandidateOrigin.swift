import Foundation

/// How a candidate was made when it is not one edit of its parent: a crossover of two members'
/// edit lists, re-applied to the seed.
public struct CandidateOrigin: Codable, Sendable, Equatable {
    /// `"one_point"` or `"uniform"`.
    public var crossover: String
    /// The second parent (the first is the candidate's `parent_sha256`).
    public var otherParentSHA256: String
    /// Edits of the combined list that no longer applied when re-applied to the seed, in list order.
    public var dropped: [EditRecord]

    /// Creates an origin record.
    public init(crossover: String, otherParentSHA256: String, dropped: [EditRecord]) {
        self.crossover = crossover
        self.otherParentSHA256 = otherParentSHA256
        self.dropped = dropped
    }

    enum CodingKeys: String, CodingKey {
        case crossover, dropped
        case otherParentSHA256 = "other_parent_sha256"
    }
}
