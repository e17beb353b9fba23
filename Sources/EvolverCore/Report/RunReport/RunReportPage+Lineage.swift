import Foundation
import KernelMutation
import RunStore

extension RunReportPage {
    /// The chain of promotions from the seed: each one's speedup, how it was made, and the edits it
    /// added to the previous promotion's.
    static func lineageSection(_ input: RunReportInput, _ facts: Facts) -> String {
        var out = "<section id=\"lineage-section\">\n<h2>Lineage of promotions</h2>\n"
        out += "<p>Each promotion became the incumbent the next one had to beat. Edits are listed as they were added to the previous promotion's list (every list starts from the seed).</p>\n"
        out += "<ol id=\"lineage\" class=\"lineage\">\n"
        out += "<li class=\"node seed\"" + HTMLFormat.attributes([("data-promotion", "0"), ("data-candidate", "-1"), ("data-speedup", "1.0"), ("data-sha256", input.seedSHA256)])
        out += "><div class=\"head\"><span class=\"badge\">seed</span> promotion 0 · <code>\(input.seedSHA256.prefix(12).escapedForHTML)</code> · 1.000x</div></li>\n"
        var previousEdits: [EditRecord] = []
        var previousSHA = input.seedSHA256
        for p in input.promotions {
            guard input.candidates.indices.contains(p.candidateIndex) else { continue }
            let c = input.candidates[p.candidateIndex]
            let extends = c.edits.starts(with: previousEdits)
            let new = extends ? Array(c.edits.dropFirst(previousEdits.count)) : c.edits
            var data: [(String, String)] = [("data-promotion", "\(p.number)"), ("data-candidate", "\(p.candidateIndex)"),
                                            ("data-speedup", HTMLFormat.exact(p.speedupVsSeed)), ("data-sha256", p.sha256),
                                            ("data-parent-sha256", c.parentSHA256), ("data-new-edits", "\(new.count)")]
            if let origin = c.origin { data.append(("data-crossover", origin.crossover)) }
            out += "<li class=\"node\(c.origin == nil ? "" : " crossover")\"" + HTMLFormat.attributes(data) + ">"
            out += "<div class=\"head\"><strong>promotion \(p.number)</strong> · candidate #\(p.candidateIndex) · <code>\(p.sha256.prefix(12).escapedForHTML)</code> · "
            out += String(format: "<strong>%.3fx</strong> vs seed, %.3fx vs promotion %d (p = %.2g)", p.speedupVsSeed, p.speedupVsPrevious, p.number - 1, p.pValue) + "</div>\n"
            out += "<div class=\"made\">" + madeFrom(c, previousSHA: previousSHA, previousNumber: p.number - 1, facts: facts) + "</div>\n"
            if !extends { out += "<div class=\"note\">Not an extension of promotion \(p.number - 1)'s edits: its whole list from the seed.</div>\n" }
            out += new.isEmpty ? "<div class=\"note\">no new edits</div>" : "<ul class=\"edits\">" + new.map(editItem).joined() + "</ul>"
            out += "</li>\n"
            previousEdits = c.edits
            previousSHA = p.sha256
        }
        return out + "</ol>\n</section>\n"
    }

    /// Where the promoted candidate came from: its parent, and a crossover's second parent and dropped edits.
    static func madeFrom(_ c: CandidateRecord, previousSHA: String, previousNumber: Int, facts: Facts) -> String {
        func named(_ sha: String) -> String {
            if sha == previousSHA { return "promotion \(previousNumber) (the incumbent)" }
            if let i = facts.firstIndex[sha], i < c.index { return "candidate #\(i) <code>\(sha.prefix(12).escapedForHTML)</code>" }
            return "<code>\(sha.prefix(12).escapedForHTML)</code>"
        }
        guard let origin = c.origin else { return "made by one edit of " + named(c.parentSHA256) }
        var out = "<span class=\"badge crossover\">\(origin.crossover.replacingOccurrences(of: "_", with: "-").escapedForHTML) crossover</span> of "
        out += named(c.parentSHA256) + " and " + named(origin.otherParentSHA256)
        if !origin.dropped.isEmpty {
            out += "; dropped (no longer applied): " + origin.dropped.map { "<code>\(Edit($0).description.escapedForHTML)</code>" }.joined(separator: " ")
        }
        return out
    }

    /// One edit as a list item with its operator and site as data.
    static func editItem(_ e: EditRecord) -> String {
        "<li class=\"edit\"" + HTMLFormat.attributes([("data-op", e.op), ("data-site", e.site.map(String.init).joined(separator: "/"))])
            + "><code>\(Edit(e).description.escapedForHTML)</code></li>"
    }
}
