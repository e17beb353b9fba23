import Foundation
import RunStore

/// When each candidate of a run was recorded, in milliseconds of the run's time: its recorded
/// `elapsedMs`, or, for runs recorded before candidates carried it, the run's duration spread
/// evenly over the candidates by index.
struct CandidateTimes: Equatable {
    /// Milliseconds of run time, one per candidate, in index order.
    var milliseconds: [Double]
    /// Whether the times were interpolated by index because some candidate has no recorded time.
    var interpolated: Bool
    /// Candidates without a recorded time.
    var missing: Int
    /// The run's end in milliseconds (its duration, or the last candidate's time when later).
    var endMs: Double

    init(candidates: [CandidateRecord], durationSeconds: Double) {
        let missing = candidates.reduce(0) { $0 + ($1.elapsedMs == nil ? 1 : 0) }
        let durationMs = max(0, durationSeconds * 1000)
        self.missing = missing
        interpolated = missing > 0
        if missing == 0 {
            milliseconds = candidates.map { Double($0.elapsedMs ?? 0) }
        } else {
            let n = Double(candidates.count)
            milliseconds = candidates.indices.map { durationMs * Double($0 + 1) / n }
        }
        endMs = max(durationMs, milliseconds.last ?? 0)
    }
}
