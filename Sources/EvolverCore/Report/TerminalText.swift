import Foundation

extension String {
    /// The text with every control character (ESC, BEL, CR, DEL, C1 controls...) shown as an escape
    /// such as `\x1b`, so that text a kernel controls (compiler diagnostics, details) cannot move
    /// the cursor, recolour or retitle the user's terminal. Tabs stay; newlines become `\n`.
    public var escapedForTerminal: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09:
                out.unicodeScalars.append(scalar)
            case 0x0A:
                out += "\\n"
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                out += String(format: "\\x%02x", scalar.value)
            case 0x5C:
                out += "\\\\"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
