import Foundation
import RunStore

/// The best speedup vs the seed as a run went on: 1.0 at the start (the seed, promotion 0), then
/// the speedup of each promotion at the time and index of its candidate.
struct BestSpeedupSeries: Equatable {
    /// One step of the series.
    struct Point: Equatable {
        /// Promotion number (0: the seed).
        var promotion: Int
        /// The promoted candidate's index (-1: the seed).
        var candidate: Int
        var elapsedMs: Double
        var speedup: Double
    }

    var points: [Point]

    init(promotions: [PromotionRecord], times: CandidateTimes) {
        points = [Point(promotion: 0, candidate: -1, elapsedMs: 0, speedup: 1)]
        for p in promotions {
            let elapsed = times.milliseconds.indices.contains(p.candidateIndex) ? times.milliseconds[p.candidateIndex] : times.endMs
            points.append(Point(promotion: p.number, candidate: p.candidateIndex, elapsedMs: elapsed, speedup: p.speedupVsSeed))
        }
    }
}
