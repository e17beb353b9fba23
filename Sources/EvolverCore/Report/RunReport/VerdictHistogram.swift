import Foundation
import RunStore

/// A run's candidate verdicts counted over time: the run's time cut into equal buckets, and the
/// verdicts of the candidates recorded in each.
struct VerdictHistogram: Equatable {
    /// One bucket of run time, `[fromMs, toMs)` (the last one includes its end).
    struct Bucket: Equatable {
        var fromMs: Double
        var toMs: Double
        /// Count per verdict, in ``VerdictHistogram/verdicts`` order.
        var counts: [Int]
    }

    /// Every verdict that occurs, in the order of ``Verdict`` and then by name for any other.
    var verdicts: [String]
    /// Each verdict's count over the whole run, in `verdicts` order.
    var totals: [Int]
    /// The first candidate with each verdict, in `verdicts` order.
    var firstCandidate: [Int]
    var buckets: [Bucket]

    /// - Parameter bucketCount: at most this many buckets (fewer for a short run: about five candidates a bucket).
    init(candidates: [CandidateRecord], times: CandidateTimes, bucketCount: Int = 40) {
        let known = Verdict.allCases.map(\.rawValue)
        var seen: [String: Int] = [:]
        for (i, c) in candidates.enumerated() where seen[c.verdict] == nil { seen[c.verdict] = i }
        verdicts = known.filter { seen[$0] != nil } + seen.keys.filter { !known.contains($0) }.sorted()
        firstCandidate = verdicts.map { seen[$0]! }
        let slot = Dictionary(uniqueKeysWithValues: verdicts.enumerated().map { ($0.element, $0.offset) })
        let count = max(1, min(bucketCount, candidates.count / 5))
        let span = max(times.endMs, 1)
        let width = span / Double(count)
        buckets = (0..<count).map { Bucket(fromMs: Double($0) * width, toMs: Double($0 + 1) * width, counts: Array(repeating: 0, count: slot.count)) }
        totals = Array(repeating: 0, count: slot.count)
        for (i, c) in candidates.enumerated() {
            let b = min(count - 1, max(0, Int(times.milliseconds[i] / width)))
            buckets[b].counts[slot[c.verdict]!] += 1
            totals[slot[c.verdict]!] += 1
        }
    }
}
