import Foundation

/// A unified diff of two texts, line by line (longest common subsequence, 3 lines of context).
public enum UnifiedDiff {
    /// The diff body (`@@` hunks) of `old` → `new`; empty when they are equal.
    public static func make(old: String, new: String, oldName: String, newName: String, color: Bool = false) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ops = script(a, b)
        guard ops.contains(where: { $0.kind != " " }) else { return "" }
        func paint(_ line: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(line)\u{1B}[0m" : line }
        var out = [paint("--- \(oldName)", "1"), paint("+++ \(newName)", "1")]
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
            let oldStart = hunk.first.map { $0.oldLine } ?? 0, newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != "+" }.count, newCount = hunk.filter { $0.kind != "-" }.count
            out.append(paint("@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@", "36"))
            for op in hunk {
                switch op.kind {
                case "-": out.append(paint("-" + op.text, "31"))
                case "+": out.append(paint("+" + op.text, "32"))
                default: out.append(" " + op.text)
                }
            }
            i = end
        }
        return out.joined(separator: "\n")
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
