import Foundation

/// One input of a kernel: a value for every int and input parameter (one line of `cases.jsonl`).
public struct KernelCase: Codable, Sendable, Equatable {
    /// A parameter value: an int or an input array.
    public enum Value: Codable, Sendable, Equatable {
        case int(Int64)
        case array([Int64])

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Int64.self) { self = .int(v) } else { self = .array(try c.decode([Int64].self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let v): try c.encode(v)
            case .array(let a): try c.encode(a)
            }
        }
    }

    /// Unique, descriptive identifier.
    public var id: String
    /// Values by parameter name.
    public var args: [String: Value]

    public init(id: String, args: [String: Value]) {
        self.id = id
        self.args = args
    }

    /// The int parameters' values.
    public var intBindings: [String: Int64] {
        args.compactMapValues { if case .int(let v) = $0 { v } else { nil } }
    }

    /// The element count of every buffer parameter for this case.
    /// - Throws: `HarnessFailure` when an argument is missing, out of range or of the wrong length.
    public func bufferLengths(for harness: HarnessSpec) throws -> [String: Int] {
        let ints = intBindings
        var lengths: [String: Int] = [:]
        for p in harness.params {
            switch p.kind {
            case .int:
                guard case .int(let v)? = args[p.name] else { throw HarnessFailure("case \(id): missing int \(p.name)") }
                guard let range = HarnessSpec.bounds(p.range, ints) else { throw HarnessFailure("case \(id): range of \(p.name) cannot be computed") }
                if let range, !range.contains(v) {
                    throw HarnessFailure("case \(id): \(p.name) = \(v) is outside [\(range.lowerBound), \(range.upperBound)]")
                }
                guard Int64(Int32.min)...Int64(Int32.max) ~= v else { throw HarnessFailure("case \(id): \(p.name) does not fit an int") }
            case .input, .scratch, .output:
                guard let n = p.length?.evaluate(ints), n >= 0, n <= 1 << 28 else {
                    throw HarnessFailure("case \(id): length of \(p.name) cannot be computed or is out of range")
                }
                lengths[p.name] = Int(n)
                if p.kind == .input {
                    guard case .array(let a)? = args[p.name] else { throw HarnessFailure("case \(id): missing array \(p.name)") }
                    guard a.count == Int(n) else {
                        throw HarnessFailure("case \(id): \(p.name) has \(a.count) elements, its length \(p.length!) says \(n)")
                    }
                    let typeRange = p.type!.range
                    if let bad = a.first(where: { !typeRange.contains($0) }) {
                        throw HarnessFailure("case \(id): \(p.name) holds \(bad), outside \(p.type!.rawValue)")
                    }
                    guard let values = HarnessSpec.bounds(p.values, ints) else { throw HarnessFailure("case \(id): value range of \(p.name) cannot be computed") }
                    if let values, let bad = a.first(where: { !values.contains($0) }) {
                        throw HarnessFailure("case \(id): \(p.name) holds \(bad), outside its contract range [\(values.lowerBound), \(values.upperBound)]")
                    }
                }
            }
        }
        return lengths
    }
}

/// What the seed produced for one case (one line of `expected.jsonl`).
public struct ExpectedResult: Codable, Sendable, Equatable {
    /// The case identifier.
    public var id: String
    /// The kernel's return value.
    public var ret: Int64
    /// Each output parameter's contents; `nil` means the kernel must leave it untouched.
    public var outputs: [String: [Int64]?]

    enum CodingKeys: String, CodingKey {
        case id
        case ret = "return"
        case outputs
    }

    public init(id: String, ret: Int64, outputs: [String: [Int64]?]) {
        self.id = id
        self.ret = ret
        self.outputs = outputs
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ret, forKey: .ret)
        var o = c.nestedContainer(keyedBy: AnyKey.self, forKey: .outputs)
        for key in outputs.keys.sorted() {
            switch outputs[key]! {
            case .some(let values): try o.encode(values, forKey: AnyKey(key))
            case .none: try o.encodeNil(forKey: AnyKey(key))
            }
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
