import Foundation

/// A decoding error in words a person can act on: the key path and what was wrong, without
/// Swift type names.
enum DecodingFailure {
    static func describe(_ error: Error) -> String {
        if let failure = error as? HarnessFailure { return failure.description }
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let i = key.intValue { text += "[\(i)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "" : text + ": "
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath))missing key `\(key.stringValue)`"
        case .valueNotFound(_, let context): return "\(path(context.codingPath))a value is required here"
        case .typeMismatch(_, let context): return "\(path(context.codingPath))a value of the wrong kind (\(plain(context.debugDescription)))"
        case .dataCorrupted(let context): return "\(path(context.codingPath))\(plain(context.debugDescription))"
        @unknown default: return "malformed"
        }
    }

    /// The debug description without Swift type names.
    static func plain(_ text: String) -> String {
        var t = text
        for (swift, words) in [("Int64", "an integer"), ("Int", "an integer"), ("Double", "a number"), ("String", "a string"), ("Array<", "an array<"), ("Dictionary<", "an object<"), ("Bool", "true or false")] {
            t = t.replacingOccurrences(of: swift, with: words)
        }
        return t
    }
}
