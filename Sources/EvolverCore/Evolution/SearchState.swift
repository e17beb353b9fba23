import Foundation
import KernelMutation

/// Everything the search needs to continue: recorded at every checkpoint, restored by `--resume`.
public struct SearchState: Codable, Sendable, Equatable {
    /// One kernel of the population: its identity, how to rebuild it from the seed, its estimated speed.
    public struct Member: Codable, Sendable, Equatable {
        public var sha256: String
        /// The full edit list from the seed.
        public var edits: [Edit]
        /// Estimated speedup over the seed (seed = 1).
        public var fitness: Double
    }

    /// The run's random generator, mid-stream.
    public var rng: SplitMix64
    /// Generations completed.
    public var generation: Int
    /// Candidates recorded (the next candidate's index).
    public var candidateCount: Int
    /// Survivors, best first.
    public var population: [Member]
    /// The promoted kernel the next candidates are compared with.
    public var incumbent: Member
    /// Its measured speedup over the seed.
    public var incumbentSpeedupVsSeed: Double
    /// Promotions so far.
    public var promotions: Int
    /// Candidates that passed validation and the benchmark.
    public var passing: Int
    /// Source hash of the scoring kernel in use (changes when a `score` run promotes).
    public var scoringKernelSHA256: String
    /// Source of the scoring kernel in use.
    public var scoringKernelSource: String

    /// The state before the first generation.
    public static func initial(seed: UInt64, seedSHA256: String, scoringSource: String) -> SearchState {
        let seedMember = Member(sha256: seedSHA256, edits: [], fitness: 1)
        return SearchState(
            rng: SplitMix64(seed: seed), generation: 0, candidateCount: 0, population: [seedMember], incumbent: seedMember,
            incumbentSpeedupVsSeed: 1, promotions: 0, passing: 0, scoringKernelSHA256: Hashing.sha256Hex(scoringSource), scoringKernelSource: scoringSource)
    }
}
