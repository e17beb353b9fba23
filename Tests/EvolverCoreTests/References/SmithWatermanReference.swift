/// Independent reference implementation of the `smith-waterman` sandbox contract (local
/// alignment score with affine gaps, Gotoh), used by the tests to check the seed kernel
/// before its outputs are recorded as expected outputs.
///
/// It is written apart from `Sandboxes/smith-waterman/seed.c`: it sweeps the matrix column
/// by column (over `b`, where the seed goes row by row over `a`), keeps explicit E and F
/// arrays, and computes in `Int`. Only the previous column is kept, so memory stays O(n)
/// even for the 10000 × 10000 suite case (full matrices would need gigabytes).
enum SmithWatermanReference {
    /// Best local alignment score of `a` against `b`, as the `sw_score` kernel must return it.
    ///
    /// - Parameters:
    ///   - a: residues of the first sequence, each in `0..<k`.
    ///   - b: residues of the second sequence, each in `0..<k`.
    ///   - sub: the k × k substitution matrix, row-major: `sub[x * k + y]` scores residue x of
    ///     `a` against residue y of `b`.
    ///   - k: alphabet size, 1...32.
    ///   - open: cost of a gap of length 1; a gap of length L costs `open + (L - 1) * extend`.
    ///   - extend: cost of each further gap position, `0 <= extend <= open`.
    /// - Returns: the maximum over all local alignments (0 for the empty alignment, so 0 when
    ///   either sequence is empty).
    static func score(a: [UInt8], b: [UInt8], sub: [Int8], k: Int, open: Int, extend: Int) -> Int32 {
        precondition(k >= 1 && sub.count == k * k, "sub must hold k*k entries")
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 {
            return 0
        }
        let minusInfinity = Int.min / 4

        // Column j of the matrices, indexed by i in 0...n (row 0 is the border).
        var hPrevious = [Int](repeating: 0, count: n + 1)       // H[i][j-1]
        var hColumn = [Int](repeating: 0, count: n + 1)         // H[i][j]
        var eColumn = [Int](repeating: minusInfinity, count: n + 1)  // E[i][j]: gap in a, runs along b
        var fColumn = [Int](repeating: minusInfinity, count: n + 1)  // F[i][j]: gap in b, runs along a
        var best = 0

        for j in 1...m {
            let y = Int(b[j - 1])
            hColumn[0] = 0
            fColumn[0] = minusInfinity
            for i in 1...n {
                let x = Int(a[i - 1])
                let e = max(hPrevious[i] - open, eColumn[i] - extend)
                let f = max(hColumn[i - 1] - open, fColumn[i - 1] - extend)
                let diagonal = hPrevious[i - 1] + Int(sub[x * k + y])
                // Explicit comparisons rather than the variadic max(_:_:_:_:), which allocates
                // an array per call and makes unoptimised test builds several times slower.
                var h = 0
                if diagonal > h { h = diagonal }
                if e > h { h = e }
                if f > h { h = f }
                eColumn[i] = e
                fColumn[i] = f
                hColumn[i] = h
                if h > best { best = h }
            }
            swap(&hPrevious, &hColumn)
        }
        return Int32(best)
    }
}
