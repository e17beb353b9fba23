import Foundation

/// The shape a sandbox file's JSON must have, checked before decoding so that every mistake is
/// one plain line naming the file, the key path and what was expected: unknown keys (with the
/// closest known one as a suggestion), missing keys and values of the wrong kind.
public indirect enum JSONSchema: Sendable {
    case string
    case integer
    case number
    case bool
    /// A number or a string (a length expression, `"nan"`).
    case scalar
    case array(JSONSchema)
    /// An object with these keys (the others are unknown).
    case object([Field])
    /// An object whose keys are free (names) and whose values have this shape.
    case map(JSONSchema)
    /// An object with exactly one of these keys.
    case choice([Field])
    /// Either shape (the first that fits).
    case either(JSONSchema, JSONSchema)
    /// The shape, or `null`.
    case nullable(JSONSchema)
    /// One of these strings.
    case word([String])

    /// One key of an object.
    public struct Field: Sendable {
        public let name: String
        public let schema: JSONSchema
        public let required: Bool

        public init(_ name: String, _ schema: JSONSchema, required: Bool = false) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }

    /// What a value of this shape is, in words.
    var expectation: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .bool: "true or false"
        case .scalar: "a number or a string"
        case .array(let e): "an array of \(e.plural)"
        case .object, .map: "an object"
        case .choice(let fields): "an object with one of the keys \(fields.map { "`\($0.name)`" }.joined(separator: ", "))"
        case .either(let a, let b): "\(a.expectation) or \(b.expectation)"
        case .nullable(let a): "\(a.expectation) or null"
        case .word(let words): "one of \(words.joined(separator: ", "))"
        }
    }

    private var plural: String {
        switch self {
        case .string: "strings"
        case .integer: "integers"
        case .number: "numbers"
        case .scalar: "numbers or strings"
        default: "values"
        }
    }

    /// Parses `data` and checks it against the schema.
    /// - Throws: `HarnessFailure` with one line, e.g. "harness.json params[1]: unknown key `rnage`; did you mean `range`?".
    public func check(_ data: Data, file: String) throws {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw HarnessFailure("\(file): not valid JSON (\(Self.plainReason(error)))")
        }
        if let problem = problem(in: value, path: "") { throw HarnessFailure("\(file)\(problem.path.isEmpty ? "" : " " + problem.path): \(problem.message)") }
    }

    /// The first problem of `value`, or nil when it fits.
    func problem(in value: Any, path: String) -> (path: String, message: String)? {
        func found() -> String { Self.describe(value) }
        if let text = value as? String, text.hasPrefix("TODO") {
            return (path, "still a placeholder (\"\(text)\"): fill it in (see the README's sandbox format)")
        }
        func join(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch self {
        case .string: return value is String ? nil : (path, "expected \(expectation), found \(found())")
        case .nullable(let inner): return value is NSNull ? nil : inner.problem(in: value, path: path)
        case .word(let words):
            guard let w = value as? String, words.contains(w) else {
                let hint = (value as? String).flatMap { Self.suggestion(for: $0, among: words) }.map { "; did you mean `\($0)`?" } ?? ""
                return (path, "expected \(expectation), found \(found())\(hint)")
            }
            return nil
        case .bool: return Self.isBool(value) ? nil : (path, "expected \(expectation), found \(found())")
        case .integer:
            guard let n = value as? NSNumber, !Self.isBool(value), n.doubleValue == n.doubleValue.rounded() else { return (path, "expected \(expectation), found \(found())") }
            return nil
        case .number: return value is NSNumber && !Self.isBool(value) ? nil : (path, "expected \(expectation), found \(found())")
        case .scalar: return (value is NSNumber && !Self.isBool(value)) || value is String ? nil : (path, "expected \(expectation), found \(found())")
        case .array(let element):
            guard let items = value as? [Any] else { return (path, "expected \(expectation), found \(found())") }
            for (i, item) in items.enumerated() {
                if let p = element.problem(in: item, path: "\(path)[\(i)]") { return p }
            }
            return nil
        case .map(let element):
            guard let object = value as? [String: Any] else { return (path, "expected \(expectation), found \(found())") }
            for key in object.keys.sorted() {
                if let p = element.problem(in: object[key]!, path: join(key)) { return p }
            }
            return nil
        case .object(let fields):
            guard let object = value as? [String: Any] else { return (path, "expected \(expectation), found \(found())") }
            let known = fields.map(\.name)
            for key in object.keys.sorted() where !known.contains(key) {
                return (path, "unknown key `\(key)`" + (Self.suggestion(for: key, among: known).map { "; did you mean `\($0)`?" } ?? " (known keys: \(known.joined(separator: ", ")))"))
            }
            for field in fields {
                guard let v = object[field.name] else {
                    if field.required { return (path, "missing key `\(field.name)` (\(field.schema.expectation))") }
                    continue
                }
                if let p = field.schema.problem(in: v, path: join(field.name)) { return p }
            }
            return nil
        case .choice(let fields):
            guard let object = value as? [String: Any] else { return (path, "expected \(expectation), found \(found())") }
            let known = fields.map(\.name)
            guard object.count == 1, let key = object.keys.first else {
                return (path, "expected exactly one of \(known.map { "`\($0)`" }.joined(separator: ", ")), found \(object.isEmpty ? "none" : object.keys.sorted().map { "`\($0)`" }.joined(separator: ", "))")
            }
            guard let field = fields.first(where: { $0.name == key }) else {
                return (path, "unknown key `\(key)`" + (Self.suggestion(for: key, among: known).map { "; did you mean `\($0)`?" } ?? " (expected one of \(known.joined(separator: ", ")))"))
            }
            return field.schema.problem(in: object[key]!, path: join(key))
        case .either(let a, let b):
            guard let pa = a.problem(in: value, path: path) else { return nil }
            guard let pb = b.problem(in: value, path: path) else { return nil }
            // The shape the value looks like says more than "expected X or Y".
            if value is [String: Any] { return Self.isObject(a) ? pa : Self.isObject(b) ? pb : (path, "expected \(expectation), found \(found())") }
            if value is [Any] { return Self.isArray(a) ? pa : Self.isArray(b) ? pb : (path, "expected \(expectation), found \(found())") }
            return (path, "expected \(expectation), found \(found())")
        }
    }

    private static func isObject(_ s: JSONSchema) -> Bool { if case .object = s { true } else if case .choice = s { true } else if case .map = s { true } else { false } }
    private static func isArray(_ s: JSONSchema) -> Bool { if case .array = s { true } else { false } }

    static func isBool(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        let code = String(cString: n.objCType)
        return code == "c" || code == "B"
    }

    static func describe(_ value: Any) -> String {
        if isBool(value) { return (value as! NSNumber).boolValue ? "true" : "false" }
        if let n = value as? NSNumber { return "the number \(n)" }
        if let s = value as? String { return "the string \"\(s.prefix(40))\"" }
        if value is [Any] { return "an array" }
        if value is [String: Any] { return "an object" }
        return "null"
    }

    static func plainReason(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? (error as NSError).localizedDescription
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    /// The known key closest to `key` (at most a third of its letters apart), if any.
    static func suggestion(for key: String, among known: [String]) -> String? {
        let scored = known.map { ($0, distance(key.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, key.count / 3) else { return nil }
        return best
    }

    /// Damerau–Levenshtein distance (with adjacent transpositions).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
