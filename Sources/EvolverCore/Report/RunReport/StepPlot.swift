import Foundation

/// An SVG step plot: a value that holds until the next point (a best-so-far), drawn to the end
/// of the x range, with a marker carrying each point's data attributes.
struct StepPlot {
    /// One step: where it is, and the `data-*` attributes (and hover title) of its marker.
    struct Point {
        var x: Double
        var y: Double
        var data: [(String, String)]
        var title: String
    }

    /// The `<svg>` element's id.
    var id: String
    var frame: PlotFrame
    /// Stroke and marker colour (a CSS colour).
    var colour: String
    var xTitle: String
    var yTitle: String
    var points: [Point]
    /// Where the last step ends on the x axis.
    var xEnd: Double
    /// Tick labels of the x axis (value, tick step).
    var xLabel: (Double, Double) -> String = PlotAxis.label
    /// Attributes of the `<svg>` element beyond its id, size and class.
    var attributes: [(String, String)] = []

    /// The plot as one `<svg>` element.
    func svg() -> String {
        let xs = points.map(\.x), ys = points.map(\.y)
        let xHigh = max(xEnd, xs.max() ?? 0)
        let yLow = min(1, ys.min() ?? 1), yHighRaw = max(ys.max() ?? 1, yLow)
        let yHigh = yHighRaw - yLow < 0.1 ? yLow + 0.1 : yHighRaw + (yHighRaw - yLow) * 0.06
        let x = PlotAxis(low: 0, high: xHigh, from: frame.innerLeft, to: frame.innerRight)
        let y = PlotAxis(low: yLow, high: yHigh, from: frame.innerBottom, to: frame.innerTop)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"plot\" width=\"\(Int(frame.width))\" height=\"\(Int(frame.height))\""
        out += " viewBox=\"0 0 \(Int(frame.width)) \(Int(frame.height))\" role=\"img\"" + HTMLFormat.attributes(attributes) + ">"
        out += frame.axes(x: x, y: y, xTitle: xTitle, yTitle: yTitle, xLabel: xLabel, yLabel: { String(format: "%.\($1 >= 1 ? 0 : $1 >= 0.1 ? 1 : 2)fx", $0) })
        // Whole pixels and crisp edges: the line's colour is exact, which the rendering test counts.
        func px(_ v: Double) -> String { String(Int(v.rounded())) }
        if let first = points.first {
            var d = "M\(px(x.position(first.x))) \(px(y.position(first.y)))"
            for p in points.dropFirst() { d += "H\(px(x.position(p.x)))V\(px(y.position(p.y)))" }
            d += "H\(px(x.position(xHigh)))"
            out += "<path class=\"step\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"3\" shape-rendering=\"crispEdges\"/>"
        }
        for p in points {
            out += "<circle class=\"point\" cx=\"\(px(x.position(p.x)))\" cy=\"\(px(y.position(p.y)))\" r=\"4.5\" fill=\"\(colour)\""
            out += HTMLFormat.attributes(p.data) + "><title>\(p.title.escapedForHTML)</title></circle>"
        }
        return out + "</svg>"
    }
}
