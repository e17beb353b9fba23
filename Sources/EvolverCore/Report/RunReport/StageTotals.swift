import Foundation
import RunStore

/// Where a run's evaluation time went, stage by stage, summed over its candidates.
///
/// From each candidate's stage timing (`evidence.timing`); a run recorded before stage timing
/// existed has only compilation and comparison times, which are shown instead.
struct StageTotals: Equatable {
    /// One stage's total.
    struct Stage: Equatable {
        var name: String
        var seconds: Double
    }

    /// Stages in evaluation order.
    var stages: [Stage]
    /// Whether the totals come from compile and compare times because no candidate has stage timing.
    var fallback: Bool
    /// Candidates without stage timing (not counted unless `fallback`).
    var untimed: Int

    /// Every stage's time together.
    var totalSeconds: Double { stages.reduce(0) { $0 + $1.seconds } }

    init(candidates: [CandidateRecord]) {
        let timed = candidates.compactMap(\.evidence.timing)
        untimed = candidates.count - timed.count
        if timed.isEmpty {
            fallback = true
            let compile = candidates.reduce(UInt64(0)) { $0 &+ $1.compileNs }
            let compare = candidates.reduce(UInt64(0)) { $0 &+ $1.compareNs }
            stages = [Stage(name: "compile", seconds: Double(compile) / 1e9), Stage(name: "compare", seconds: Double(compare) / 1e9)]
            return
        }
        fallback = false
        var sums = StageTiming().stages.map { (name: $0.name, ns: UInt64(0)) }
        for timing in timed {
            for (i, stage) in timing.stages.enumerated() { sums[i].ns &+= stage.ns }
        }
        stages = sums.map { Stage(name: $0.name, seconds: Double($0.ns) / 1e9) }
    }
}
