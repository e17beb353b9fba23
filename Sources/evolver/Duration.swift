import ArgumentParser
import Foundation

/// A duration on the command line: `90s`, `5m`, `1.5h`, or plain seconds.
struct Duration: ExpressibleByArgument {
    var seconds: Double

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        var factor = 1.0
        if let last = text.last, let f = units[last] {
            factor = f
            text.removeLast()
        }
        guard let value = Double(text), value > 0, value.isFinite else { return nil }
        seconds = value * factor
    }
}
