/// Where the lines of one text went in another: an alignment of the two (their longest common
/// subsequence of lines), used to follow the lines an edit touched into the texts a diff shows.
///
/// Ranges are 0-based and half-open; an empty range is a position between two lines (where
/// deleted lines were).
struct LineMapping {
    private let ops: [UnifiedDiff.Op]
    /// For each line of the source text, the index of its op.
    private let opOfLine: [Int]
    private let sourceCount: Int
    private let targetCount: Int

    /// The alignment of `source` with `target`.
    init(from source: String, to target: String) {
        let a = UnifiedDiff.lines(source), b = UnifiedDiff.lines(target)
        // The common start and end align trivially; only the middle needs the quadratic search.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops = (0..<prefix).map { UnifiedDiff.Op(kind: " ", text: a[$0], oldLine: $0, newLine: $0) }
        ops += UnifiedDiff.script(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)])).map {
            UnifiedDiff.Op(kind: $0.kind, text: $0.text, oldLine: $0.oldLine + prefix, newLine: $0.newLine + prefix)
        }
        ops += (0..<suffix).map { k in
            UnifiedDiff.Op(kind: " ", text: a[a.count - suffix + k], oldLine: a.count - suffix + k, newLine: b.count - suffix + k)
        }
        var opOfLine = [Int](repeating: 0, count: a.count)
        for (index, op) in ops.enumerated() where op.kind != "+" { opOfLine[op.oldLine] = index }
        self.ops = ops
        self.opOfLine = opOfLine
        sourceCount = a.count
        targetCount = b.count
    }

    /// The target's lines that `range` of the source became: the lines matched to it and those
    /// inserted among or right next to its changed lines; a position when all of it was deleted.
    func map(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(0, range.lowerBound), sourceCount), upper = min(max(lower, range.upperBound), sourceCount)
        guard lower < upper else {
            let at = lower < sourceCount ? ops[opOfLine[lower]].newLine : targetCount
            return at..<at
        }
        var first = opOfLine[lower], last = opOfLine[upper - 1]
        while first > 0, ops[first - 1].kind == "+" { first -= 1 }
        while last + 1 < ops.count, ops[last + 1].kind == "+" { last += 1 }
        let covered = ops[first...last].filter { $0.kind != "-" }.map(\.newLine)
        guard let low = covered.min(), let high = covered.max() else { return ops[first].newLine..<ops[first].newLine }
        return low..<(high + 1)
    }

    /// The target's lines that differ from the source, as runs: inserted lines, or a position where
    /// source lines were deleted.
    var changedTargetRanges: [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < ops.count {
            guard ops[index].kind != " " else { index += 1; continue }
            var end = index
            while end < ops.count, ops[end].kind != " " { end += 1 }
            let inserted = ops[index..<end].filter { $0.kind == "+" }.map(\.newLine)
            if let low = inserted.min(), let high = inserted.max() {
                result.append(low..<(high + 1))
            } else {
                result.append(ops[index].newLine..<ops[index].newLine)
            }
            index = end
        }
        return result
    }
}
