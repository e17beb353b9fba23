import Foundation
import RunStore

/// One run as `evolver run --json` and `evolver runs --json` print it (a contract).
public struct RunSummary: Codable, Sendable, Equatable {
    public var run: String
    public var sandbox: String
    public var seed: UInt64
    public var candidates: Int
    public var promotions: Int
    public var bestSpeedup: Double
    public var durationSeconds: Double
    public var status: String
    /// The best kernel's minimization, when `run --minimize` made one.
    public var minimization: MinimizationReport? = nil

    enum CodingKeys: String, CodingKey {
        case run, sandbox, seed, candidates, promotions, status, minimization
        case bestSpeedup = "best_speedup"
        case durationSeconds = "duration_s"
    }

    init(_ r: RunRecord) {
        run = r.id
        sandbox = r.manifest.sandbox
        seed = r.manifest.seed
        candidates = r.candidateCount
        promotions = r.promotionCount
        bestSpeedup = r.bestSpeedup
        durationSeconds = r.durationSeconds
        status = r.status.rawValue
    }
}
