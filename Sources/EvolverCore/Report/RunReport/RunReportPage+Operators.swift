import Foundation
import RunStore

extension RunReportPage {
    /// Per-operator statistics from the run's policy record, with each arm's selection probability
    /// when it is given.
    static func operatorSection(_ input: RunReportInput) -> String {
        var out = "<section id=\"operators-section\">\n<h2>Operators</h2>\n"
        guard let policy = input.policy else {
            return out + "<p id=\"operators-missing\" class=\"note\">Run \(input.run.id.escapedForHTML) predates recorded policies: it has no policy record, so there are no per-operator tallies to show.</p>\n</section>\n"
        }
        let from = policy.learnedFrom.isEmpty ? "no earlier run" : policy.learnedFrom.joined(separator: ", ")
        out += "<p>Selection policy <code>\(policy.mode.escapedForHTML)</code>, credit <code>\(policy.credit.escapedForHTML)</code>, prior learned from \(from.escapedForHTML). "
        out += "What the run's own candidates showed, per arm (an operator, or crossover)"
        out += input.probabilities == nil ? "; selection probabilities were not computed for this page.</p>\n" : ", with each arm's probability of being selected next.</p>\n"
        let names = Set(policy.learned.keys).union(input.probabilities?.keys.map { $0 } ?? [])
        let rows = names.map { ($0, policy.learned[$0] ?? ArmTally()) }.sorted { $0.1.attempts != $1.1.attempts ? $0.1.attempts > $1.1.attempts : $0.0 < $1.0 }
        out += "<table id=\"operators\" class=\"data\">\n<thead><tr><th>arm</th><th>attempts</th><th>passed cheap cases</th><th>passed screen</th>"
        out += "<th>promotions</th><th>credited gain (Σ ln)</th><th>best gain</th><th>evaluation time</th><th>selection probability</th></tr></thead>\n<tbody>\n"
        var total = ArmTally()
        for (name, t) in rows {
            total = total + t
            let probability = input.probabilities?[name]
            out += "<tr" + HTMLFormat.attributes([
                ("data-arm", name), ("data-attempts", "\(t.attempts)"), ("data-cheap-passed", "\(t.cheapPassed)"), ("data-screen-passed", "\(t.screenPassed)"),
                ("data-promotions", "\(t.promotions)"), ("data-gain", HTMLFormat.exact(t.gain)), ("data-seconds", HTMLFormat.exact(t.seconds)),
                ("data-probability", probability.map(HTMLFormat.exact) ?? ""),
            ]) + ">"
            out += "<td><code>\(name.escapedForHTML)</code></td>" + cells(t)
            out += "<td class=\"num\">\(probability.map { String(format: "%.1f%%", $0 * 100) } ?? "—")</td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><th>all arms</th>" + cells(total) + "<td></td></tr></tfoot>\n</table>\n"
        return out + "</section>\n"
    }

    /// The tally's cells: attempts, shares passing, promotions, gains, time.
    private static func cells(_ t: ArmTally) -> String {
        let n = Double(t.attempts)
        return "<td class=\"num\">\(t.attempts)</td><td class=\"num\">\(HTMLFormat.percent(Double(t.cheapPassed), of: n))</td>"
            + "<td class=\"num\">\(HTMLFormat.percent(Double(t.screenPassed), of: n))</td><td class=\"num\">\(t.promotions)</td>"
            + "<td class=\"num\">\(String(format: "%+.3f (%.3fx)", t.gain, exp(t.gain)))</td><td class=\"num\">\(String(format: "%.3f", t.bestGain))</td>"
            + "<td class=\"num\">\(HTMLFormat.duration(seconds: t.seconds))</td>"
    }
}
