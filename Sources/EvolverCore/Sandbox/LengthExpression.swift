import Foundation

/// A small integer expression over int parameters — a buffer length such as `n*m+n+m` or
/// `3*(m+1)`, or a bound such as `k-1`: integers, names, `+ - *`, unary minus and parentheses.
public struct LengthExpression: Sendable, Equatable, Codable, CustomStringConvertible {
    indirect enum Node: Sendable, Equatable {
        case number(Int64)
        case name(String)
        case binary(Character, Node, Node)
    }

    let root: Node
    /// The expression as written.
    public let description: String

    /// Parses an expression.
    /// - Throws: a message naming the position when the text is not a valid expression.
    public init(_ text: String) throws {
        var parser = Parser(chars: Array(text))
        root = try parser.parseSum()
        parser.skipSpaces()
        guard parser.pos == parser.chars.count else { throw Failure(message: "unexpected '\(parser.chars[parser.pos])' in length '\(text)'") }
        description = text
    }

    /// Decodes an expression written as a string, or a plain JSON integer.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int64.self) { try self.init(String(v)) } else { try self.init(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Names the expression refers to.
    public var names: Set<String> {
        func walk(_ n: Node) -> Set<String> {
            switch n {
            case .number: []
            case .name(let s): [s]
            case .binary(_, let l, let r): walk(l).union(walk(r))
            }
        }
        return walk(root)
    }

    /// Evaluates the expression; nil when a name is unbound or the arithmetic overflows.
    public func evaluate(_ bindings: [String: Int64]) -> Int64? {
        func eval(_ n: Node) -> Int64? {
            switch n {
            case .number(let v): return v
            case .name(let s): return bindings[s]
            case .binary(let op, let l, let r):
                guard let a = eval(l), let b = eval(r) else { return nil }
                let (v, o): (Int64, Bool)
                switch op {
                case "+": (v, o) = a.addingReportingOverflow(b)
                case "-": (v, o) = a.subtractingReportingOverflow(b)
                default: (v, o) = a.multipliedReportingOverflow(by: b)
                }
                return o ? nil : v
            }
        }
        return eval(root)
    }

    /// A parse failure.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private struct Parser {
        let chars: [Character]
        var pos = 0

        mutating func skipSpaces() {
            while pos < chars.count, chars[pos] == " " { pos += 1 }
        }

        mutating func parseSum() throws -> Node {
            var lhs = try parseProduct()
            while true {
                skipSpaces()
                guard pos < chars.count, chars[pos] == "+" || chars[pos] == "-" else { return lhs }
                let op = chars[pos]
                pos += 1
                lhs = .binary(op, lhs, try parseProduct())
            }
        }

        mutating func parseProduct() throws -> Node {
            var lhs = try parseAtom()
            while true {
                skipSpaces()
                guard pos < chars.count, chars[pos] == "*" else { return lhs }
                pos += 1
                lhs = .binary("*", lhs, try parseAtom())
            }
        }

        mutating func parseAtom() throws -> Node {
            skipSpaces()
            guard pos < chars.count else { throw Failure(message: "length expression ends early") }
            let c = chars[pos]
            if c == "-" {
                pos += 1
                return .binary("-", .number(0), try parseAtom())
            }
            if c == "(" {
                pos += 1
                let inner = try parseSum()
                skipSpaces()
                guard pos < chars.count, chars[pos] == ")" else { throw Failure(message: "missing ')' in length expression") }
                pos += 1
                return inner
            }
            if c.isNumber {
                var v: Int64 = 0
                while pos < chars.count, let d = chars[pos].wholeNumberValue, chars[pos].isASCII {
                    v = v * 10 + Int64(d)
                    pos += 1
                }
                return .number(v)
            }
            if c.isLetter || c == "_" {
                var s = ""
                while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" {
                    s.append(chars[pos])
                    pos += 1
                }
                return .name(s)
            }
            throw Failure(message: "unexpected '\(c)' in length expression")
        }
    }
}
