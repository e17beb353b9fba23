import Foundation
import RunStore

/// The page `evolver report` writes: one self-contained HTML file about a recorded run (no
/// script, no external resource, every plot inline SVG), well-formed as XML so that tests can
/// parse it. Every point, bar and row carries its numbers in `data-*` attributes, and every text
/// taken from the store is escaped: kernels are hostile input.
public enum RunReportPage {
    /// Where the best-speedup-vs-time plot sits on the page, in CSS pixels from the page's top
    /// left corner (the page says so on the plot's `<svg>`, as `data-page-*`).
    static let bestVsTimeBox = (x: 440, y: 72, width: 720, height: 300)
    /// The best-speedup-vs-time line's colour, used nowhere else on the page.
    static let bestVsTimeColour = "#d01c8b"
    static let bestVsCandidatesColour = "#1f5fa8"

    /// What the sections share, derived once from the input.
    struct Facts {
        var times: CandidateTimes
        var series: BestSpeedupSeries
        var histogram: VerdictHistogram
        var stages: StageTotals
        /// The lowest index of each candidate source.
        var firstIndex: [String: Int]

        init(_ input: RunReportInput) {
            times = CandidateTimes(candidates: input.candidates, durationSeconds: input.run.durationSeconds)
            series = BestSpeedupSeries(promotions: input.promotions, times: times)
            histogram = VerdictHistogram(candidates: input.candidates, times: times)
            stages = StageTotals(candidates: input.candidates)
            var first: [String: Int] = [:]
            for c in input.candidates where first[c.sha256] == nil { first[c.sha256] = c.index }
            firstIndex = first
        }

        /// Tick labels of a time axis in milliseconds, shown in seconds.
        var secondsLabel: (Double, Double) -> String { { PlotAxis.label($0 / 1000, step: $1 / 1000) } }

        /// The x-axis title of plots over run time.
        var timeTitle: String { times.interpolated ? "run time (s, spread evenly by candidate index)" : "run time (s)" }
    }

    /// The whole page.
    public static func html(_ input: RunReportInput) -> String {
        let facts = Facts(input)
        let id = input.run.id.escapedForHTML
        var page = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        page += "<meta name=\"viewport\" content=\"width=1200\"/>\n"
        page += "<title>evolver report \(id) (\(input.run.manifest.sandbox.escapedForHTML))</title>\n"
        page += "<style>\n\(style)</style>\n</head>\n<body>\n"
        page += header(input, facts)
        page += "<main>\n"
        page += speedupSection(input, facts)
        page += verdictSection(input, facts)
        page += stageSection(input, facts)
        page += operatorSection(input)
        page += lineageSection(input, facts)
        page += diffSection(input)
        page += scorerSection(input)
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    /// The title, the run's summary, and the best speedup over run time at its fixed place.
    static func header(_ input: RunReportInput, _ facts: Facts) -> String {
        let run = input.run
        let durationSeconds = run.durationSeconds > 0 ? run.durationSeconds : facts.times.endMs / 1000
        var out = "<header class=\"top\">\n<h1>evolver run \(run.id.escapedForHTML) · sandbox \(run.manifest.sandbox.escapedForHTML)</h1>\n"
        out += "<p>\(String(format: "%.3fx", run.bestSpeedup)) best speedup vs seed after \(run.candidateCount) candidates and \(run.promotionCount) promotions; status \(run.status.rawValue)</p>\n</header>\n"
        let rows: [(String, String, String)] = [
            ("run", "run", run.id),
            ("sandbox", "sandbox", run.manifest.sandbox),
            ("seed", "seed", "\(run.manifest.seed)"),
            ("status", "status", run.status.rawValue),
            ("started", "started", ISO8601DateFormatter().string(from: run.createdAt)),
            ("duration", "duration_seconds", HTMLFormat.duration(seconds: durationSeconds)),
            ("candidates", "candidates", "\(run.candidateCount)"),
            ("promotions", "promotions", "\(run.promotionCount)"),
            ("best speedup vs seed", "best_speedup", String(format: "%.3fx", run.bestSpeedup)),
            ("judge", "scoring_kernel", (run.manifest.options["scoring_kernel"] ?? "?") + " " + String((run.manifest.options["scoring_kernel_sha256"] ?? "").prefix(12))),
            ("evolver", "evolver_version", run.manifest.evolverVersion),
        ]
        let values: [String: String] = ["duration_seconds": HTMLFormat.exact(durationSeconds), "best_speedup": HTMLFormat.exact(run.bestSpeedup)]
        out += "<div id=\"overview\">\n<div id=\"summary-box\">\n<table id=\"summary\" class=\"summary\">\n"
        for (label, field, text) in rows {
            out += "<tr" + HTMLFormat.attributes([("data-field", field), ("data-value", values[field] ?? text)]) + "><th>\(label)</th><td>\(text.escapedForHTML)</td></tr>\n"
        }
        out += "</table>\n</div>\n"
        let box = bestVsTimeBox
        let plot = StepPlot(
            id: "best-vs-time", frame: PlotFrame(width: Double(box.width), height: Double(box.height)), colour: bestVsTimeColour,
            xTitle: facts.timeTitle, yTitle: "best speedup vs seed", points: facts.series.points.map { point(facts, $0) }, xEnd: facts.times.endMs,
            xLabel: facts.secondsLabel,
            attributes: [("data-page-x", "\(box.x)"), ("data-page-y", "\(box.y)"), ("data-page-width", "\(box.width)"), ("data-page-height", "\(box.height)"),
                         ("data-colour", bestVsTimeColour), ("data-time-source", facts.times.interpolated ? "interpolated" : "recorded")])
        out += "<figure id=\"best-vs-time-box\">\n\(plot.svg())\n<figcaption>Best speedup vs the seed over the run's time: 1.0 at the start, then each promotion's speedup when its candidate was recorded."
        if facts.times.interpolated {
            out += " <strong class=\"note\">\(facts.times.missing) of \(input.candidates.count) candidates carry no recorded time (an older journal): their times are the run's duration spread evenly by candidate index.</strong>"
        }
        out += "</figcaption>\n</figure>\n</div>\n"
        return out
    }

    /// A marker of the best-speedup series with its data.
    static func point(_ facts: Facts, _ p: BestSpeedupSeries.Point, x: Double? = nil) -> StepPlot.Point {
        let title = p.promotion == 0 ? "seed: 1.000x" : String(format: "promotion %d (candidate %d): %.3fx at %.1f s", p.promotion, p.candidate, p.speedup, p.elapsedMs / 1000)
        return StepPlot.Point(
            x: x ?? p.elapsedMs, y: p.speedup,
            data: [("data-promotion", "\(p.promotion)"), ("data-candidate", "\(p.candidate)"), ("data-elapsed-ms", HTMLFormat.exact(p.elapsedMs)),
                   ("data-speedup", HTMLFormat.exact(p.speedup))],
            title: title)
    }
}
