import Foundation

/// A class of generated benchmark cases: how many, and how to generate each parameter.
public struct WorkloadClass: Codable, Sendable, Equatable {
    /// Class name (e.g. `dna`).
    public var name: String
    /// Number of cases of this class in the workload.
    public var count: Int
    /// A generator for every int and input parameter.
    public var args: [String: ValueGenerator]
}

/// How one parameter value of a generated case is made. Written in JSON as a one-key object:
/// - `{"const": 4}` or `{"const": [2, -3, ...]}` — a fixed int or array;
/// - `{"int": [lo, hi]}` — a uniform int; `{"real": [lo, hi]}` — a uniform real (`const` may be a real too);
/// - `{"length_of": "a"}` — the element count of another (array) parameter;
/// - `{"array": {"length": [lo, hi], "values": [lo, hi]}}` — uniform values;
/// - `{"array": {"length": [lo, hi], "noisy": {"center": c, "spread": s}}}` — timing-like samples around `c`
///   with relative spread `s` and a few outliers;
/// - `{"mutate": {"of": "a", "rate": r, "values": [lo, hi]}}` — a copy of another array with
///   substitutions, insertions and deletions at rate `r` (related sequences);
/// - `{"array": {"length": [lo, hi], "zipf": {"values": [lo, hi], "s": 1.2}}}` — skewed values: `lo`
///   most often, then `lo+1`, … with a power law of exponent `s` (Zipf-like);
/// - in any `array`, `"length": {"same_as": "a"}` — as many elements as array `a` (independent
///   arrays of equal length, e.g. the two sides of a dot product), or `"length": "rows*cols"` — an
///   expression over int parameters (generated first).
/// `values` of an array may be reals (`[-1.5, 1.5]`) for f32 and f64 buffers.
public enum ValueGenerator: Codable, Sendable, Equatable {
    case constInt(Int64)
    case constArray([Int64])
    case constReal(Double)
    case uniformInt(Int64, Int64)
    case uniformReal(Double, Double)
    case lengthOf(String)
    case uniformArray(length: ArrayLength, values: ClosedRange<Int64>)
    case uniformRealArray(length: ArrayLength, values: ClosedRange<Double>)
    case noisyArray(length: ArrayLength, center: Double, spread: Double)
    case zipfArray(length: ArrayLength, values: ClosedRange<Int64>, exponent: Double)
    case mutate(of: String, rate: Double, values: ClosedRange<Int64>)

    /// How many elements a generated array has: drawn uniformly, as many as another array, or
    /// an expression over int parameters generated first (`"rows*cols"`).
    public enum ArrayLength: Codable, Sendable, Equatable {
        case range(ClosedRange<Int>)
        case sameAs(String)
        case expression(LengthExpression)

        private struct SameAs: Codable { var same_as: String }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let pair = try? c.decode([Int].self) {
                guard pair.count == 2, pair[0] <= pair[1], pair[0] >= 0 else {
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "length must be [lo, hi] with 0 <= lo <= hi"))
                }
                self = .range(pair[0]...pair[1])
            } else if let text = try? c.decode(String.self) {
                self = .expression(try LengthExpression(text))
            } else {
                self = .sameAs(try c.decode(SameAs.self).same_as)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .range(let r): try c.encode([r.lowerBound, r.upperBound])
            case .sameAs(let name): try c.encode(SameAs(same_as: name))
            case .expression(let e): try c.encode(e.description)
            }
        }

        var dependencies: Set<String> {
            switch self {
            case .range: []
            case .sameAs(let name): [name]
            case .expression(let e): e.names
            }
        }
    }

    private struct ArraySpec: Codable {
        var length: ArrayLength
        var values: [RealNumber]?
        var noisy: Noisy?
        var zipf: Zipf?
    }

    private struct Zipf: Codable {
        var values: [Int64]
        var s: Double
    }

    private struct Noisy: Codable {
        var center: Double
        var spread: Double
    }

    private struct MutateSpec: Codable {
        var of: String
        var rate: Double
        var values: [Int64]
    }

    private enum Keys: String, CodingKey {
        case const, int, real, array, mutate
        case lengthOf = "length_of"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func range<T>(_ a: [T], _ key: String) throws -> ClosedRange<T> {
            guard a.count == 2, a[0] <= a[1] else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "\(key) must be [lo, hi] with lo <= hi"))
            }
            return a[0]...a[1]
        }
        if c.contains(.const) {
            if let v = try? c.decode(Int64.self, forKey: .const) {
                self = .constInt(v)
            } else if let v = try? c.decode(Double.self, forKey: .const) {
                self = .constReal(v)
            } else {
                self = .constArray(try c.decode([Int64].self, forKey: .const))
            }
        } else if c.contains(.real) {
            let r = try range(try c.decode([Double].self, forKey: .real), "real")
            self = .uniformReal(r.lowerBound, r.upperBound)
        } else if c.contains(.int) {
            let r = try range(try c.decode([Int64].self, forKey: .int), "int")
            self = .uniformInt(r.lowerBound, r.upperBound)
        } else if c.contains(.lengthOf) {
            self = .lengthOf(try c.decode(String.self, forKey: .lengthOf))
        } else if c.contains(.array) {
            let spec = try c.decode(ArraySpec.self, forKey: .array)
            let length = spec.length
            if let n = spec.noisy {
                self = .noisyArray(length: length, center: n.center, spread: n.spread)
            } else if let z = spec.zipf {
                guard z.s > 0, z.s.isFinite else {
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "zipf.s must be a number > 0"))
                }
                self = .zipfArray(length: length, values: try range(z.values, "zipf.values"), exponent: z.s)
            } else {
                let values = (spec.values ?? []).map(\.value)
                if values.allSatisfy({ $0 == $0.rounded() && abs($0) < 9.0e15 }) {
                    self = .uniformArray(length: length, values: try range(values.map { Int64($0) }, "values"))
                } else {
                    guard values.allSatisfy(\.isFinite) else {
                        throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "values must be finite numbers"))
                    }
                    self = .uniformRealArray(length: length, values: try range(values, "values"))
                }
            }
        } else if c.contains(.mutate) {
            let m = try c.decode(MutateSpec.self, forKey: .mutate)
            self = .mutate(of: m.of, rate: m.rate, values: try range(m.values, "values"))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "unknown generator (expected const, int, length_of, array or mutate)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .constInt(let v): try c.encode(v, forKey: .const)
        case .constArray(let a): try c.encode(a, forKey: .const)
        case .constReal(let v): try c.encode(v, forKey: .const)
        case .uniformReal(let lo, let hi): try c.encode([lo, hi], forKey: .real)
        case .uniformInt(let lo, let hi): try c.encode([lo, hi], forKey: .int)
        case .lengthOf(let name): try c.encode(name, forKey: .lengthOf)
        case .uniformArray(let length, let values):
            try c.encode(ArraySpec(length: length, values: [RealNumber(Double(values.lowerBound)), RealNumber(Double(values.upperBound))]), forKey: .array)
        case .uniformRealArray(let length, let values):
            try c.encode(ArraySpec(length: length, values: [RealNumber(values.lowerBound), RealNumber(values.upperBound)]), forKey: .array)
        case .noisyArray(let length, let center, let spread):
            try c.encode(ArraySpec(length: length, noisy: Noisy(center: center, spread: spread)), forKey: .array)
        case .zipfArray(let length, let values, let exponent):
            try c.encode(ArraySpec(length: length, zipf: Zipf(values: [values.lowerBound, values.upperBound], s: exponent)), forKey: .array)
        case .mutate(let of, let rate, let values):
            try c.encode(MutateSpec(of: of, rate: rate, values: [values.lowerBound, values.upperBound]), forKey: .mutate)
        }
    }

    /// The parameters this generator needs generated first.
    var dependencies: Set<String> {
        switch self {
        case .lengthOf(let name), .mutate(of: let name, _, _): [name]
        case .uniformArray(let length, _), .uniformRealArray(let length, _), .noisyArray(let length, _, _), .zipfArray(let length, _, _): length.dependencies
        default: []
        }
    }

    /// Whether the generator makes an array (not a scalar).
    var makesArray: Bool {
        switch self {
        case .constArray, .uniformArray, .uniformRealArray, .noisyArray, .zipfArray, .mutate: true
        case .constInt, .constReal, .uniformInt, .uniformReal, .lengthOf: false
        }
    }
}
