import Foundation

/// An SVG of stacked bars: candidates per bucket of run time, one segment per verdict, each
/// segment carrying its bucket, verdict and count as data attributes.
struct StackedBarPlot {
    var id: String
    var frame: PlotFrame
    var histogram: VerdictHistogram
    var xTitle: String
    var xLabel: (Double, Double) -> String

    func svg() -> String {
        let h = histogram
        let tallest = h.buckets.map { $0.counts.reduce(0, +) }.max() ?? 0
        let endMs = h.buckets.last?.toMs ?? 1
        let x = PlotAxis(low: 0, high: endMs, from: frame.innerLeft, to: frame.innerRight)
        let y = PlotAxis(low: 0, high: Double(max(tallest, 1)), from: frame.innerBottom, to: frame.innerTop)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"plot\" width=\"\(Int(frame.width))\" height=\"\(Int(frame.height))\""
        out += " viewBox=\"0 0 \(Int(frame.width)) \(Int(frame.height))\" role=\"img\">"
        out += frame.axes(x: x, y: y, xTitle: xTitle, yTitle: "candidates", xLabel: xLabel)
        for (b, bucket) in h.buckets.enumerated() {
            let left = x.position(bucket.fromMs), right = x.position(bucket.toMs)
            let width = max(1, right - left - (right - left > 4 ? 1 : 0))
            var stacked = 0
            for (v, count) in bucket.counts.enumerated() where count > 0 {
                let top = y.position(Double(stacked + count)), bottom = y.position(Double(stacked))
                stacked += count
                out += "<rect x=\"\(HTMLFormat.coordinate(left))\" y=\"\(HTMLFormat.coordinate(top))\" width=\"\(HTMLFormat.coordinate(width))\""
                out += " height=\"\(HTMLFormat.coordinate(bottom - top))\" fill=\"\(VerdictColours.colour(h.verdicts[v]))\""
                out += HTMLFormat.attributes([("data-bucket", "\(b)"), ("data-verdict", h.verdicts[v]), ("data-count", "\(count)"),
                                              ("data-from-ms", HTMLFormat.exact(bucket.fromMs)), ("data-to-ms", HTMLFormat.exact(bucket.toMs))])
                out += "><title>\("\(h.verdicts[v]): \(count)".escapedForHTML)</title></rect>"
            }
        }
        return out + "</svg>"
    }
}
