import Foundation
import RunStore

extension RunReportPage {
    /// Best speedup vs candidates evaluated.
    static func speedupSection(_ input: RunReportInput, _ facts: Facts) -> String {
        let plot = StepPlot(
            id: "best-vs-candidates", frame: PlotFrame(width: 900, height: 300), colour: bestVsCandidatesColour,
            xTitle: "candidates evaluated", yTitle: "best speedup vs seed",
            points: facts.series.points.map { point(facts, $0, x: Double(max(0, $0.candidate + 1))) },
            xEnd: Double(input.candidates.count))
        var out = "<section id=\"speedup-section\">\n<h2>Best speedup vs candidates</h2>\n<figure>\n\(plot.svg())\n"
        out += "<figcaption>The same steps by the number of candidates evaluated: a promotion counts at its candidate's position.</figcaption>\n</figure>\n"
        return out + "</section>\n"
    }

    /// Candidate verdicts per bucket of run time, with a legend of counts and each verdict's first detail.
    static func verdictSection(_ input: RunReportInput, _ facts: Facts) -> String {
        let h = facts.histogram
        let plot = StackedBarPlot(id: "verdicts-over-time", frame: PlotFrame(width: 900, height: 280), histogram: h,
                                  xTitle: facts.timeTitle, xLabel: facts.secondsLabel)
        var out = "<section id=\"verdicts-section\">\n<h2>Verdicts over time</h2>\n"
        guard !input.candidates.isEmpty else { return out + "<p>The run has no candidates yet.</p>\n</section>\n" }
        out += "<figure>\n\(plot.svg())\n<figcaption>Candidates recorded in each of \(h.buckets.count) equal spans of the run's time, by verdict.</figcaption>\n</figure>\n"
        out += "<table id=\"verdict-legend\" class=\"data\">\n<thead><tr><th></th><th>verdict</th><th>candidates</th><th>share</th><th>first</th><th>its detail</th></tr></thead>\n<tbody>\n"
        for (i, verdict) in h.verdicts.enumerated() {
            let first = input.candidates[h.firstCandidate[i]]
            out += "<tr" + HTMLFormat.attributes([("data-verdict", verdict), ("data-count", "\(h.totals[i])")]) + ">"
            out += "<td><span class=\"swatch\" style=\"background: \(VerdictColours.colour(verdict))\"></span></td>"
            out += "<td><code>\(verdict.escapedForHTML)</code></td><td class=\"num\">\(h.totals[i])</td>"
            out += "<td class=\"num\">\(HTMLFormat.percent(Double(h.totals[i]), of: Double(input.candidates.count)))</td>"
            out += "<td class=\"num\">#\(first.index)</td><td class=\"detail\">\(shortened(first.detail).escapedForHTML)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// Where evaluation time went, stage by stage.
    static func stageSection(_ input: RunReportInput, _ facts: Facts) -> String {
        let totals = facts.stages
        var out = "<section id=\"stages-section\">\n<h2>Where evaluation time went</h2>\n<figure>\n"
        out += HorizontalBarPlot(id: "stage-time", totals: totals).svg() + "\n<figcaption>"
        out += String(format: "%.2f s of evaluation over %d candidates, summed stage by stage (several candidates are evaluated at once, so this can exceed the run's time).",
                      totals.totalSeconds, input.candidates.count)
        if totals.fallback {
            out += " <strong class=\"note\">The run predates stage timing (no candidate carries it): these are the candidates' compile and compare times only.</strong>"
        } else if totals.untimed > 0 {
            out += " <strong class=\"note\">\(totals.untimed) candidates recorded before stage timing are not counted.</strong>"
        }
        return out + "</figcaption>\n</figure>\n</section>\n"
    }

    /// At most `limit` characters of a one-line text, with an ellipsis when cut.
    static func shortened(_ text: String, limit: Int = 240) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
