import Foundation

extension StringProtocol {
    /// The text safe to place in HTML (and XML) element content or a quoted attribute: `&`, `<`,
    /// `>`, `"` and `'` become character references, and every character XML does not allow
    /// (control characters other than tab, newline and carriage return, DEL and C1 controls,
    /// U+FFFE and U+FFFF) is shown as an escape such as `\x1b`, so that text a kernel controls
    /// (sources, details, reasons) is shown as text and the page stays well-formed.
    public var escapedForHTML: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&#39;"
            case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: out += String(format: "\\x%02x", scalar.value)
            case 0xFFFE, 0xFFFF: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Small formatting helpers shared by the report's sections and plots.
enum HTMLFormat {
    /// An SVG coordinate or length with one decimal.
    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A number as a data attribute carries it: the shortest text that reads back as the same `Double`.
    static func exact(_ value: Double) -> String { value.isFinite ? "\(value)" : "0" }

    /// A share of 1 as a percentage with one decimal, or `—` when there is nothing to share.
    static func percent(_ part: Double, of whole: Double) -> String {
        whole > 0 ? String(format: "%.1f%%", 100 * part / whole) : "—"
    }

    /// A duration in seconds, in the unit that reads best.
    static func duration(seconds: Double) -> String {
        if seconds >= 3600 { return String(format: "%d h %02d min", Int(seconds) / 3600, Int(seconds) % 3600 / 60) }
        if seconds >= 120 { return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60) }
        return String(format: "%.1f s", seconds)
    }

    /// ` name="value"` for each pair, values escaped, in the order given.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\($0.1.escapedForHTML)\"" }.joined()
    }
}
