import Foundation

/// Lifecycle state of a run as recorded in the store.
///
/// The store never changes a status by itself: a run left `running` by a killed
/// process stays `running` until the evolver calls ``RunStore/setStatus(_:status:)``.
public enum RunStatus: String, Codable, Sendable {
    /// The evolver is (or was, if it was killed) working on the run.
    case running
    /// The run ended normally (budget spent or search exhausted).
    case completed
    /// The run was stopped before its end (signal, crash found on restart, ...).
    case interrupted
}

/// Everything needed to reproduce a run: sandbox, seed, locked inputs and options.
///
/// Stored as one JSON object (snake_case keys) in `run.manifest`.
public struct RunManifest: Codable, Sendable, Equatable {
    /// Name of the sandbox (kernel folder) the run evolves.
    public var sandbox: String
    /// Seed of the random generator.
    public var seed: UInt64
    /// Digest over all locked input files.
    public var lockDigest: String
    /// Locked input files: relative path to SHA-256 hex.
    public var lockFiles: [String: String]
    /// Version string of the evolver that started the run.
    public var evolverVersion: String
    /// Name of the random generator, e.g. `"splitmix64"`.
    public var generator: String
    /// Budget limits, e.g. `["time_s": 60, "candidates": 500]`.
    public var budget: [String: Double]
    /// Any other option that influences the search.
    public var options: [String: String]

    /// Creates a manifest.
    public init(
        sandbox: String, seed: UInt64, lockDigest: String, lockFiles: [String: String],
        evolverVersion: String, generator: String, budget: [String: Double], options: [String: String]
    ) {
        self.sandbox = sandbox
        self.seed = seed
        self.lockDigest = lockDigest
        self.lockFiles = lockFiles
        self.evolverVersion = evolverVersion
        self.generator = generator
        self.budget = budget
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case sandbox, seed, generator, budget, options
        case lockDigest = "lock_digest"
        case lockFiles = "lock_files"
        case evolverVersion = "evolver_version"
    }
}

/// One run as read back from the store, with its derived counts.
public struct RunRecord: Codable, Sendable, Equatable {
    /// Short id in creation order: `r0001`, `r0002`, ... (more digits past `r9999`).
    public var id: String
    /// The manifest given to ``RunStore/createRun(manifest:)``.
    public var manifest: RunManifest
    /// Current status.
    public var status: RunStatus
    /// Creation time, at millisecond precision.
    public var createdAt: Date
    /// Time of ``RunStore/finishRun(_:status:durationSeconds:)``, at millisecond precision; nil while unfinished.
    public var finishedAt: Date?
    /// Duration reported by the evolver when finishing (0 before).
    public var durationSeconds: Double
    /// Number of recorded candidates (derived).
    public var candidateCount: Int
    /// Number of recorded promotions (derived).
    public var promotionCount: Int
    /// Highest `speedupVsSeed` among the promotions, 1 when there is none (derived).
    public var bestSpeedup: Double

    /// Creates a run record.
    public init(
        id: String, manifest: RunManifest, status: RunStatus, createdAt: Date, finishedAt: Date?,
        durationSeconds: Double, candidateCount: Int, promotionCount: Int, bestSpeedup: Double
    ) {
        self.id = id
        self.manifest = manifest
        self.status = status
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.candidateCount = candidateCount
        self.promotionCount = promotionCount
        self.bestSpeedup = bestSpeedup
    }

    enum CodingKeys: String, CodingKey {
        case id, manifest, status
        case createdAt = "created_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case candidateCount = "candidate_count"
        case promotionCount = "promotion_count"
        case bestSpeedup = "best_speedup"
    }
}
