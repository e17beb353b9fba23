import Foundation

/// A linear axis of a plot: a data range mapped onto a pixel range, with round tick values.
struct PlotAxis {
    var low: Double
    var high: Double
    /// Pixel position of `low` and of `high` (for a vertical axis `high` is above `low`).
    var from: Double
    var to: Double

    /// An axis over `[low, high]`, widened to a small span when the range is empty.
    init(low: Double, high: Double, from: Double, to: Double) {
        self.low = low
        self.high = high > low ? high : low + 1
        self.from = from
        self.to = to
    }

    /// The pixel position of `value`.
    func position(_ value: Double) -> Double {
        from + (value - low) / (high - low) * (to - from)
    }

    /// About `target` round values (1, 2 or 5 times a power of ten apart) inside the range.
    func ticks(target: Int = 5) -> [Double] {
        let raw = (high - low) / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var values: [Double] = []
        var v = (low / step).rounded(.up) * step
        while v <= high + step * 1e-9, values.count < 50 {
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return values
    }

    /// A tick value as text, with as many decimals as the tick step needs.
    static func label(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : min(6, Int(ceil(-log10(step) - 1e-9)))
        return String(format: "%.\(decimals)f", value)
    }
}

/// The frame every plot of the report shares: its size, its margins, and the inner area the
/// data is drawn in.
struct PlotFrame {
    var width: Double
    var height: Double
    var left = 64.0
    var right = 20.0
    var top = 14.0
    var bottom = 44.0

    var innerLeft: Double { left }
    var innerRight: Double { width - right }
    var innerTop: Double { top }
    var innerBottom: Double { height - bottom }

    /// Grid lines, tick labels and axis titles for `x` and `y`, as SVG.
    func axes(x: PlotAxis, y: PlotAxis, xTitle: String, yTitle: String, xLabel: (Double, Double) -> String = PlotAxis.label,
              yLabel: (Double, Double) -> String = PlotAxis.label) -> String {
        var out = "<g class=\"axes\">"
        let xTicks = x.ticks(), yTicks = y.ticks()
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1, yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for t in yTicks {
            let py = HTMLFormat.coordinate(y.position(t).rounded())
            out += "<line class=\"grid\" x1=\"\(HTMLFormat.coordinate(innerLeft))\" y1=\"\(py)\" x2=\"\(HTMLFormat.coordinate(innerRight))\" y2=\"\(py)\"/>"
            out += "<text class=\"tick\" x=\"\(HTMLFormat.coordinate(innerLeft - 6))\" y=\"\(py)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(yLabel(t, yStep).escapedForHTML)</text>"
        }
        for t in xTicks {
            let px = HTMLFormat.coordinate(x.position(t).rounded())
            out += "<line class=\"tickmark\" x1=\"\(px)\" y1=\"\(HTMLFormat.coordinate(innerBottom))\" x2=\"\(px)\" y2=\"\(HTMLFormat.coordinate(innerBottom + 5))\"/>"
            out += "<text class=\"tick\" x=\"\(px)\" y=\"\(HTMLFormat.coordinate(innerBottom + 18))\" text-anchor=\"middle\">\(xLabel(t, xStep).escapedForHTML)</text>"
        }
        out += "<line class=\"axis\" x1=\"\(HTMLFormat.coordinate(innerLeft))\" y1=\"\(HTMLFormat.coordinate(innerBottom))\" x2=\"\(HTMLFormat.coordinate(innerRight))\" y2=\"\(HTMLFormat.coordinate(innerBottom))\"/>"
        out += "<line class=\"axis\" x1=\"\(HTMLFormat.coordinate(innerLeft))\" y1=\"\(HTMLFormat.coordinate(innerTop))\" x2=\"\(HTMLFormat.coordinate(innerLeft))\" y2=\"\(HTMLFormat.coordinate(innerBottom))\"/>"
        out += "<text class=\"title\" x=\"\(HTMLFormat.coordinate((innerLeft + innerRight) / 2))\" y=\"\(HTMLFormat.coordinate(height - 6))\" text-anchor=\"middle\">\(xTitle.escapedForHTML)</text>"
        let cy = HTMLFormat.coordinate((innerTop + innerBottom) / 2)
        out += "<text class=\"title\" x=\"14\" y=\"\(cy)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(cy))\">\(yTitle.escapedForHTML)</text>"
        return out + "</g>"
    }
}
