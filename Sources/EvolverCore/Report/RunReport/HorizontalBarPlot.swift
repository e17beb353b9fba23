import Foundation

/// An SVG of horizontal bars, one per stage of evaluation, each labelled with its seconds and its
/// share of the whole and carrying them as data attributes.
struct HorizontalBarPlot {
    var id: String
    var width = 900.0
    var totals: StageTotals
    var colour = "#3f6fb5"

    func svg() -> String {
        let rowHeight = 30.0, labelWidth = 120.0, valueWidth = 200.0, top = 8.0
        let height = top * 2 + rowHeight * Double(totals.stages.count)
        let longest = totals.stages.map(\.seconds).max() ?? 0
        let total = totals.totalSeconds
        let barSpace = width - labelWidth - valueWidth
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"plot\" width=\"\(Int(width))\" height=\"\(Int(height))\""
        out += " viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        for (i, stage) in totals.stages.enumerated() {
            let y = top + rowHeight * Double(i)
            let length = longest > 0 ? barSpace * stage.seconds / longest : 0
            let share = total > 0 ? stage.seconds / total : 0
            out += "<g class=\"bar\"" + HTMLFormat.attributes([("data-stage", stage.name), ("data-seconds", HTMLFormat.exact(stage.seconds)),
                                                               ("data-share", HTMLFormat.exact(share))]) + ">"
            out += "<text class=\"tick\" x=\"\(HTMLFormat.coordinate(labelWidth - 8))\" y=\"\(HTMLFormat.coordinate(y + rowHeight / 2))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(stage.name.escapedForHTML)</text>"
            out += "<rect x=\"\(HTMLFormat.coordinate(labelWidth))\" y=\"\(HTMLFormat.coordinate(y + 5))\" width=\"\(HTMLFormat.coordinate(max(length, stage.seconds > 0 ? 1 : 0)))\" height=\"\(HTMLFormat.coordinate(rowHeight - 10))\" fill=\"\(colour)\"/>"
            let value = String(format: "%.2f s  (%@)", stage.seconds, HTMLFormat.percent(stage.seconds, of: total))
            out += "<text class=\"tick\" x=\"\(HTMLFormat.coordinate(labelWidth + length + 8))\" y=\"\(HTMLFormat.coordinate(y + rowHeight / 2))\" dominant-baseline=\"middle\">\(value.escapedForHTML)</text>"
            out += "</g>"
        }
        return out + "</svg>"
    }
}
