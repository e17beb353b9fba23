import Foundation

/// One input of a kernel: a value for every scalar and input parameter (one line of `cases.jsonl`).
public struct KernelCase: Codable, Sendable, Equatable {
    /// A parameter value: an integer or floating-point scalar, or an array of either. In JSON,
    /// numbers; NaN and infinities are written `"nan"`, `"inf"` and `"-inf"`.
    public enum Value: Codable, Sendable, Equatable {
        case int(Int64)
        case array([Int64])
        case real(Double)
        case reals([Double])

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Int64.self) {
                self = .int(v)
            } else if let a = try? c.decode([Int64].self) {
                self = .array(a)
            } else if let r = try? c.decode(RealNumber.self) {
                self = .real(r.value)
            } else if let a = try? c.decode([RealNumber].self) {
                self = .reals(a.map(\.value))
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "expected a number or an array of numbers"))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .int(let v): try c.encode(v)
            case .array(let a): try c.encode(a)
            case .real(let v): try c.encode(RealNumber(v))
            case .reals(let a): try c.encode(a.map(RealNumber.init))
            }
        }

        /// The value as a floating-point scalar (integers converted), or nil for an array.
        public var realValue: Double? {
            switch self {
            case .int(let v): Double(v)
            case .real(let v): v
            default: nil
            }
        }

        /// The value as floating-point elements (integers converted), or nil for a scalar.
        public var realElements: [Double]? {
            switch self {
            case .array(let a): a.map { Double($0) }
            case .reals(let a): a
            default: nil
            }
        }

        /// Element count of an array value (nil for a scalar).
        public var count: Int? {
            switch self {
            case .array(let a): a.count
            case .reals(let a): a.count
            default: nil
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
    /// - Throws: `HarnessFailure` when an argument is missing, out of range or of the wrong length,
    ///   or when the case supplies a value the harness does not take from cases.
    public func bufferLengths(for harness: HarnessSpec) throws -> [String: Int] {
        let ints = intBindings
        var lengths: [String: Int] = [:]
        for name in args.keys.sorted() {
            guard let p = harness.params.first(where: { $0.name == name }) else {
                throw HarnessFailure("case \(id) gives `\(name)`, which is not a parameter")
            }
            guard p.kind.isFromCase else {
                throw HarnessFailure("case \(id) gives `\(name)`, an \(p.kind.rawValue) buffer: cases give only ints, reals and inputs (outputs are recorded by `sandbox record`)")
            }
        }
        for p in harness.params {
            switch p.kind {
            case .int:
                guard case .int(let v)? = args[p.name] else { throw HarnessFailure("case \(id): missing int \(p.name)") }
                guard let range = HarnessSpec.bounds(p.range, ints) else { throw HarnessFailure("case \(id): range of \(p.name) cannot be computed") }
                if let range, !range.contains(v) {
                    throw HarnessFailure("case \(id): \(p.name) = \(v) is outside [\(range.lowerBound), \(range.upperBound)]")
                }
                guard Int64(Int32.min)...Int64(Int32.max) ~= v else { throw HarnessFailure("case \(id): \(p.name) does not fit an int") }
            case .real:
                guard let v = args[p.name]?.realValue else { throw HarnessFailure("case \(id): missing \(p.type?.cSpelling ?? "real") \(p.name)") }
                if let range = p.realRange, !(range.contains(v)) {
                    throw HarnessFailure("case \(id): \(p.name) = \(v) is outside [\(range.lowerBound), \(range.upperBound)]")
                }
            case .input, .scratch, .output:
                guard let n = p.length?.evaluate(ints), n >= 0, n <= 1 << 28 else {
                    throw HarnessFailure("case \(id): length of \(p.name) cannot be computed or is out of range")
                }
                lengths[p.name] = Int(n)
                if p.kind == .input { try checkInput(p, count: Int(n), ints: ints) }
            }
        }
        return lengths
    }

    private func checkInput(_ p: HarnessSpec.ParamSpec, count n: Int, ints: [String: Int64]) throws {
        let type = p.type!
        guard let given = args[p.name], let count = given.count else { throw HarnessFailure("case \(id): missing array \(p.name)") }
        guard count == n else {
            throw HarnessFailure("case \(id): \(p.name) has \(count) elements, its length \(p.length!) says \(n)")
        }
        if type.isReal {
            let values = given.realElements!
            let bounds = p.realValues ?? type.realRange
            if let bad = values.first(where: { $0.isFinite && !bounds.contains($0) }) {
                throw HarnessFailure("case \(id): \(p.name) holds \(bad), outside [\(bounds.lowerBound), \(bounds.upperBound)]")
            }
            return
        }
        guard case .array(let a) = given else {
            throw HarnessFailure("case \(id): \(p.name) holds a number that is not an integer (its type is \(type.rawValue))")
        }
        let typeRange = type.range
        if let bad = a.first(where: { !typeRange.contains($0) }) {
            throw HarnessFailure("case \(id): \(p.name) holds \(bad), outside \(type.rawValue) [\(typeRange.lowerBound), \(typeRange.upperBound)]")
        }
        guard let values = HarnessSpec.bounds(p.values, ints) else { throw HarnessFailure("case \(id): value range of \(p.name) cannot be computed") }
        if let values, let bad = a.first(where: { !values.contains($0) }) {
            throw HarnessFailure("case \(id): \(p.name) holds \(bad), outside its contract range [\(values.lowerBound), \(values.upperBound)]")
        }
    }
}

/// What the seed produced for one case (one line of `expected.jsonl`).
public struct ExpectedResult: Codable, Sendable, Equatable {
    /// The case identifier.
    public var id: String
    /// The kernel's return value: `.int`, or `.real` for a `float` or `double` kernel (0 for `void`).
    public var returnValue: KernelCase.Value
    /// Each output parameter's contents (`.array` or `.reals`); `nil` means the kernel must leave it untouched.
    public var outputValues: [String: KernelCase.Value?]

    enum CodingKeys: String, CodingKey {
        case id
        case ret = "return"
        case outputs
    }

    public init(id: String, returnValue: KernelCase.Value, outputValues: [String: KernelCase.Value?]) {
        self.id = id
        self.returnValue = returnValue
        self.outputValues = outputValues
    }

    /// An integer kernel's result.
    public init(id: String, ret: Int64, outputs: [String: [Int64]?]) {
        self.init(id: id, returnValue: .int(ret), outputValues: outputs.mapValues { $0.map { .array($0) } })
    }

    /// The integer return value (a real one truncated).
    public var ret: Int64 {
        switch returnValue {
        case .int(let v): v
        case .real(let v): v.isFinite ? Int64(exactly: v.rounded(.towardZero)) ?? 0 : 0
        default: 0
        }
    }

    /// The integer outputs (real ones are nil: use `outputValues`).
    public var outputs: [String: [Int64]?] {
        outputValues.mapValues { v in if case .array(let a)? = v { a } else { nil } }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        returnValue = try c.decode(KernelCase.Value.self, forKey: .ret)
        let o = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .outputs)
        var values: [String: KernelCase.Value?] = [:]
        for key in o.allKeys {
            values[key.stringValue] = try o.decodeNil(forKey: key) ? .some(nil) : .some(try o.decode(KernelCase.Value.self, forKey: key))
        }
        outputValues = values
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(returnValue, forKey: .ret)
        var o = c.nestedContainer(keyedBy: AnyKey.self, forKey: .outputs)
        for key in outputValues.keys.sorted() {
            switch outputValues[key]! {
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
