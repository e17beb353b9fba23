/// Independent reference implementation of the `score` sandbox contract, used by the tests
/// to check the seed kernel before its outputs are recorded as expected outputs.
///
/// It deliberately shares no algorithm with `Sandboxes/score/seed.c`: the Mann–Whitney count
/// is a two-pointer sweep over sorted copies (the seed uses a double loop), the medians of the
/// samples come from the standard library's `sorted()` (the seed uses its own heapsort), and
/// the median of the n·m differences is found by bisection on the value with pair counting
/// (the seed sorts all the differences). The last choice also keeps unoptimised test builds
/// fast: no array of a million differences is built or sorted.
enum ScoreReference {
    /// Reference result of the score contract: (return value, out[0..3] or nil when nothing may be written).
    ///
    /// - `out[0]`: sum over all pairs (i, j) of 2 if `b[j] < a[i]`, 1 if equal, else 0
    ///   (twice the Mann–Whitney U that `b` is faster).
    /// - `out[1]`, `out[2]`: twice the medians of `a` and `b`.
    /// - `out[3]`: twice the median of the `a.count * b.count` differences `a[i] - b[j]`
    ///   (twice the Hodges–Lehmann shift).
    ///
    /// "Twice the median" of k sorted values x is `x[(k-1)/2] + x[k/2]`. When either sample is
    /// empty the kernel must return -1 and write nothing, hence `(-1, nil)`.
    static func evaluate(a: [Int64], b: [Int64]) -> (ret: Int32, out: [Int64]?) {
        if a.isEmpty || b.isEmpty {
            return (-1, nil)
        }
        let sortedA = a.sorted()
        let sortedB = b.sorted()

        // For ascending x, `below` counts the b values < x and `atMost` the b values <= x.
        var twiceU: Int64 = 0
        var below = 0
        var atMost = 0
        for x in sortedA {
            while below < sortedB.count && sortedB[below] < x {
                below += 1
            }
            if atMost < below {
                atMost = below
            }
            while atMost < sortedB.count && sortedB[atMost] <= x {
                atMost += 1
            }
            twiceU += Int64(2 * below + (atMost - below))
        }

        let pairs = a.count * b.count
        let twiceShift = differenceOfRank((pairs - 1) / 2, sortedA, sortedB)
            + differenceOfRank(pairs / 2, sortedA, sortedB)

        return (0, [twiceU, twiceMedian(sortedA), twiceMedian(sortedB), twiceShift])
    }

    /// Twice the median of a non-empty ascending array: `x[(k-1)/2] + x[k/2]`.
    private static func twiceMedian(_ sorted: [Int64]) -> Int64 {
        let k = sorted.count
        return sorted[(k - 1) / 2] + sorted[k / 2]
    }

    /// The value of rank `rank` (0-based) among all differences x - y, x in `sortedA`, y in
    /// `sortedB` (both ascending, non-empty): the least t with more than `rank` differences <= t,
    /// found by bisection over [min difference, max difference].
    private static func differenceOfRank(_ rank: Int, _ sortedA: [Int64], _ sortedB: [Int64]) -> Int64 {
        var low = sortedA[0] - sortedB[sortedB.count - 1]
        var high = sortedA[sortedA.count - 1] - sortedB[0]
        while low < high {
            let middle = low + (high - low) / 2
            if countDifferences(atMost: middle, sortedA, sortedB) > rank {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// Number of pairs with x - y <= t, i.e. y >= x - t. As x ascends, x - t ascends, so the
    /// first y that qualifies only moves right: one sweep over both arrays.
    private static func countDifferences(atMost t: Int64, _ sortedA: [Int64], _ sortedB: [Int64]) -> Int {
        var count = 0
        var firstQualifying = 0
        for x in sortedA {
            while firstQualifying < sortedB.count && sortedB[firstQualifying] < x - t {
                firstQualifying += 1
            }
            count += sortedB.count - firstQualifying
        }
        return count
    }
}
