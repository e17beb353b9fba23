import Foundation
import RunStore

/// What `evolver self` shows: the active scoring kernel and the judge's whole history.
public struct JudgeStatus: Codable, Sendable {
    /// The judge in use.
    public struct Active: Codable, Sendable {
        public var sha256: String
        /// Whether it is the seed scorer.
        public var isSeed: Bool
        /// "judge seed", "run r0003 promotion 2" or "file best.c".
        public var origin: String
        public var adoptedAt: Date?
        public var evolverVersion: String?
        /// The guard's evidence when it was adopted.
        public var evidence: GuardEvidence?
        /// Its speed against the seed scorer on the judge's workload, measured when it was adopted.
        public var speedupVsSeed: Double?

        enum CodingKeys: String, CodingKey {
            case sha256, origin, evidence
            case isSeed = "is_seed"
            case adoptedAt = "adopted_at"
            case evolverVersion = "evolver_version"
            case speedupVsSeed = "speedup_vs_seed"
        }
    }

    public var active: Active
    public var seedSHA256: String
    /// Every adoption, refusal, revert and incident, oldest first.
    public var history: [ScorerEventRecord]

    enum CodingKeys: String, CodingKey {
        case active, history
        case seedSHA256 = "seed_sha256"
    }
}

extension EvolutionService {
    /// The active scoring kernel and the judge's history (read only: nothing is checked or run).
    public func judgeStatus() throws -> JudgeStatus {
        let seedSHA = Hashing.sha256Hex(try judgeSandbox().seedSource)
        let history = try store.scorerEvents()
        let sha = history.last?.activeSHA256 ?? seedSHA
        let adoption = history.last { $0.kind == .adopted && $0.sha256 == sha }
        let active = JudgeStatus.Active(
            sha256: sha, isSeed: sha == seedSHA,
            origin: sha == seedSHA ? "judge seed" : adoption.map { AdoptionOrigin(runID: $0.runID, promotion: $0.promotion, file: $0.file).description } ?? "unknown",
            adoptedAt: sha == seedSHA ? nil : adoption?.at, evolverVersion: sha == seedSHA ? nil : adoption?.evolverVersion,
            evidence: sha == seedSHA ? nil : adoption?.evidence, speedupVsSeed: sha == seedSHA ? 1 : adoption?.evidence?.speedupVsSeed)
        return JudgeStatus(active: active, seedSHA256: seedSHA, history: history)
    }
}
