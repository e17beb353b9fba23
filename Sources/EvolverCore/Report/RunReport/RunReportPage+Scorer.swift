import Foundation
import RunStore

extension RunReportPage {
    /// The judge's history, with this run's events highlighted.
    static func scorerSection(_ input: RunReportInput) -> String {
        var out = "<section id=\"scorer-section\">\n<h2>Scorer history</h2>\n"
        let judge = input.run.manifest.options["scoring_kernel_sha256"].map { " The run started with scoring kernel <code>\($0.prefix(12).escapedForHTML)</code>." } ?? ""
        guard !input.scorerEvents.isEmpty else {
            return out + "<p>The judge has no history: no scoring kernel was ever adopted, refused or reverted.\(judge)</p>\n</section>\n"
        }
        let own = input.scorerEvents.filter { $0.runID == input.run.id }.count
        out += "<p>Every event of the evolver's judge; the \(own) of run \(input.run.id.escapedForHTML) are highlighted.\(judge)</p>\n"
        out += "<table id=\"scorer-history\" class=\"data\">\n<thead><tr><th>#</th><th>kind</th><th>kernel</th><th>judge after</th><th>from</th><th>at</th><th>reason</th></tr></thead>\n<tbody>\n"
        let dates = ISO8601DateFormatter()
        for e in input.scorerEvents {
            let mine = e.runID == input.run.id
            let from = e.runID.map { r in "run \(r)" + (e.promotion.map { " promotion \($0)" } ?? "") } ?? e.file.map { "file \($0)" } ?? ""
            out += "<tr class=\"\(e.kind.rawValue)\(mine ? " this-run" : "")\"" + HTMLFormat.attributes([
                ("data-seq", e.seq.map(String.init) ?? ""), ("data-kind", e.kind.rawValue), ("data-run", e.runID ?? ""),
                ("data-promotion", e.promotion.map(String.init) ?? ""), ("data-sha256", e.sha256),
            ]) + ">"
            out += "<td class=\"num\">\(e.seq.map(String.init) ?? "")</td><td><code>\(e.kind.rawValue)</code></td>"
            out += "<td><code>\(e.sha256.prefix(12).escapedForHTML)</code></td><td><code>\(e.activeSHA256.prefix(12).escapedForHTML)</code></td>"
            out += "<td>\(from.escapedForHTML)</td><td>\(dates.string(from: e.at))</td><td class=\"detail\">\(shortened(e.reason, limit: 400).escapedForHTML)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }
}
