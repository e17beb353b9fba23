/// Zeller's ddmin over a list of positions: the subset it returns still passes `test`, and taking
/// any one position out of it fails (1-minimal), as far as `test` can tell.
///
/// Subsets are tried in a fixed order (chunks first, then complements, then a finer split), so
/// the subsets tested depend only on the answers given: a replay that gives the journaled answers
/// tests exactly the same subsets.
public enum DeltaDebugging {
    /// - Parameters:
    ///   - positions: what to minimize, ascending; `test(positions)` is taken to pass.
    ///   - known: answers already given (a minimization that goes on after a subset was refused later).
    ///   - test: whether a subset (ascending) keeps what matters. Asked at most once per subset.
    public static func minimize(_ positions: [Int], known: [[Int]: Bool] = [:], test: ([Int]) throws -> Bool) rethrows -> [Int] {
        var answers = known.merging([positions: true]) { _, new in new }
        func passes(_ subset: [Int]) throws -> Bool {
            if let known = answers[subset] { return known }
            let answer = try test(subset)
            answers[subset] = answer
            return answer
        }
        var current = positions
        var granularity = 2
        while current.count >= 2 {
            let chunks = split(current, into: granularity)
            var reduced = false
            for chunk in chunks where try passes(chunk) {
                current = chunk
                granularity = 2
                reduced = true
                break
            }
            if !reduced, granularity > 2 || chunks.count > 2 {
                for chunk in chunks {
                    let complement = current.filter { !chunk.contains($0) }
                    if try passes(complement) {
                        current = complement
                        granularity = max(granularity - 1, 2)
                        reduced = true
                        break
                    }
                }
            }
            if reduced { continue }
            guard granularity < current.count else { break }
            granularity = min(current.count, granularity * 2)
        }
        if current.count == 1, try passes([]) { return [] }
        return current
    }

    /// `list` cut into `n` contiguous chunks of nearly equal size (the first ones one longer).
    static func split(_ list: [Int], into n: Int) -> [[Int]] {
        let n = min(n, list.count)
        var chunks: [[Int]] = []
        var start = 0
        for i in 0..<n {
            let size = list.count / n + (i < list.count % n ? 1 : 0)
            chunks.append(Array(list[start..<(start + size)]))
            start += size
        }
        return chunks
    }
}
