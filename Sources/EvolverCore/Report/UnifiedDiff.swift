import Foundation

/// A unified diff of two texts, line by line (longest common subsequence, 3 lines of context).
public enum UnifiedDiff {
    /// One `@@` hunk: where it lies in both texts (0-based first lines) and its lines.
    public struct Hunk: Sendable, Equatable {
        /// First line of the old text the hunk covers (0-based) and how many it covers.
        public var oldStart: Int, oldCount: Int
        /// First line of the new text the hunk covers (0-based) and how many it covers.
        public var newStart: Int, newCount: Int
        /// The hunk's lines, each starting with ` `, `-` or `+`.
        public var lines: [String]

        /// The old text's lines the hunk covers.
        public var oldLines: Range<Int> { oldStart..<(oldStart + oldCount) }
        /// The new text's lines the hunk covers.
        public var newLines: Range<Int> { newStart..<(newStart + newCount) }
    }

    /// The diff body (`@@` hunks) of `old` → `new`; empty when they are equal.
    /// - Parameter notes: lines printed before each hunk's header (as they are: callers give
    ///   them a leading `#`), e.g. the edits that produced the hunk.
    public static func make(old: String, new: String, oldName: String, newName: String, color: Bool = false,
                            notes: (Hunk) -> [String] = { _ in [] }) -> String {
        let parts = hunks(old: old, new: new)
        guard !parts.isEmpty else { return "" }
        func paint(_ line: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(line)\u{1B}[0m" : line }
        var out = [paint("--- \(oldName)", "1"), paint("+++ \(newName)", "1")]
        for hunk in parts {
            out += notes(hunk).map { paint($0, "33") }
            out.append(paint("@@ -\(hunk.oldStart + 1),\(hunk.oldCount) +\(hunk.newStart + 1),\(hunk.newCount) @@", "36"))
            for line in hunk.lines {
                switch line.first {
                case "-": out.append(paint(line, "31"))
                case "+": out.append(paint(line, "32"))
                default: out.append(line)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// The hunks of `old` → `new`, in order; none when they are equal.
    public static func hunks(old: String, new: String) -> [Hunk] {
        let ops = script(lines(old), lines(new))
        var result: [Hunk] = []
        var i = 0
        while i < ops.count {
            guard ops[i].kind != " " else { i += 1; continue }
            let start = max(0, i - 3)
            var end = i
            while end < ops.count {
                if ops[end].kind != " " { end += 1; continue }
                let nextChange = ops[end...].firstIndex { $0.kind != " " } ?? ops.count
                if nextChange - end > 6 || nextChange == ops.count { end = min(ops.count, end + 3); break }
                end = nextChange
            }
            let hunk = ops[start..<end]
            result.append(Hunk(
                oldStart: hunk.first.map { $0.oldLine } ?? 0, oldCount: hunk.filter { $0.kind != "+" }.count,
                newStart: hunk.first.map { $0.newLine } ?? 0, newCount: hunk.filter { $0.kind != "-" }.count,
                lines: hunk.map { String($0.kind) + $0.text }))
            i = end
        }
        return result
    }

    /// The lines of a text (a final newline ends an empty last line, as `split` gives it).
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    struct Op {
        var kind: Character
        var text: String
        var oldLine: Int
        var newLine: Int
    }

    static func script(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append(Op(kind: " ", text: a[i], oldLine: i, newLine: j))
                i += 1
                j += 1
            } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                ops.append(Op(kind: "+", text: b[j], oldLine: i, newLine: j))
                j += 1
            } else {
                ops.append(Op(kind: "-", text: a[i], oldLine: i, newLine: j))
                i += 1
            }
        }
        return ops
    }
}
