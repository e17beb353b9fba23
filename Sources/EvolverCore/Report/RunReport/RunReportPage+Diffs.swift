import Foundation
import RunStore

extension RunReportPage {
    /// Each promotion's unified diff against the previous incumbent, with added and removed lines coloured.
    static func diffSection(_ input: RunReportInput) -> String {
        var out = "<section id=\"diffs-section\">\n<h2>What each promotion changed</h2>\n"
        guard !input.promotions.isEmpty else { return out + "<p>No promotion: the seed is still the best kernel.</p>\n</section>\n" }
        out += "<p>Each promotion's source against the previous incumbent's, as promoted (<code>evolver diff</code> shows them cleaned of dead code).</p>\n"
        var previous = (number: 0, sha: input.seedSHA256)
        for p in input.promotions {
            out += "<div class=\"diff\"" + HTMLFormat.attributes([("data-promotion", "\(p.number)"), ("data-from-sha256", previous.sha), ("data-to-sha256", p.sha256)]) + ">\n"
            out += "<h3>promotion \(previous.number) → promotion \(p.number)</h3>\n"
            if let old = input.sources[previous.sha], let new = input.sources[p.sha256] {
                let id = input.run.id
                let diff = UnifiedDiff.make(old: old, new: new, oldName: "\(id)/\(previous.number).c", newName: "\(id)/\(p.number).c")
                out += diff.isEmpty ? "<p class=\"note\">identical sources</p>\n" : "<pre class=\"diff\">" + diffLines(diff) + "</pre>\n"
            } else {
                let missing = [previous.sha, p.sha256].filter { input.sources[$0] == nil }.map { String($0.prefix(12)) }
                out += "<p class=\"note\">source \(missing.joined(separator: ", ").escapedForHTML) is missing from the store</p>\n"
            }
            out += "</div>\n"
            previous = (p.number, p.sha256)
        }
        return out + "</section>\n"
    }

    /// A unified diff's lines as spans classed by kind: file headers, hunks, additions, removals, context.
    static func diffLines(_ diff: String) -> String {
        var out = ""
        for (i, line) in diff.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let kind: String
            if i < 2 { kind = "file" }
            else if line.hasPrefix("@@") { kind = "hunk" }
            else if line.hasPrefix("+") { kind = "add" }
            else if line.hasPrefix("-") { kind = "del" }
            else { kind = "ctx" }
            out += "<span class=\"\(kind)\">\(String(line).escapedForHTML)</span>\n"
        }
        return out
    }
}
