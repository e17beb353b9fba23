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
/// - `{"int": [lo, hi]}` — a uniform int;
/// - `{"length_of": "a"}` — the element count of another (array) parameter;
/// - `{"array": {"length": [lo, hi], "values": [lo, hi]}}` — uniform values;
/// - `{"array": {"length": [lo, hi], "noisy": {"center": c, "spread": s}}}` — timing-like samples around `c`
///   with relative spread `s` and a few outliers;
/// - `{"mutate": {"of": "a", "rate": r, "values": [lo, hi]}}` — a copy of another array with
///   substitutions, insertions and deletions at rate `r` (related sequences).
public enum ValueGenerator: Codable, Sendable, Equatable {
    case constInt(Int64)
    case constArray([Int64])
    case uniformInt(Int64, Int64)
    case lengthOf(String)
    case uniformArray(length: ClosedRange<Int>, values: ClosedRange<Int64>)
    case noisyArray(length: ClosedRange<Int>, center: Double, spread: Double)
    case mutate(of: String, rate: Double, values: ClosedRange<Int64>)

    private struct ArraySpec: Codable {
        var length: [Int]
        var values: [Int64]?
        var noisy: Noisy?
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
        case const, int, array, mutate
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
            if let v = try? c.decode(Int64.self, forKey: .const) { self = .constInt(v) } else { self = .constArray(try c.decode([Int64].self, forKey: .const)) }
        } else if c.contains(.int) {
            let r = try range(try c.decode([Int64].self, forKey: .int), "int")
            self = .uniformInt(r.lowerBound, r.upperBound)
        } else if c.contains(.lengthOf) {
            self = .lengthOf(try c.decode(String.self, forKey: .lengthOf))
        } else if c.contains(.array) {
            let spec = try c.decode(ArraySpec.self, forKey: .array)
            let length = try range(spec.length, "length")
            if let n = spec.noisy {
                self = .noisyArray(length: length, center: n.center, spread: n.spread)
            } else {
                self = .uniformArray(length: length, values: try range(spec.values ?? [], "values"))
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
        case .uniformInt(let lo, let hi): try c.encode([lo, hi], forKey: .int)
        case .lengthOf(let name): try c.encode(name, forKey: .lengthOf)
        case .uniformArray(let length, let values):
            try c.encode(ArraySpec(length: [length.lowerBound, length.upperBound], values: [values.lowerBound, values.upperBound]), forKey: .array)
        case .noisyArray(let length, let center, let spread):
            try c.encode(ArraySpec(length: [length.lowerBound, length.upperBound], noisy: Noisy(center: center, spread: spread)), forKey: .array)
        case .mutate(let of, let rate, let values):
            try c.encode(MutateSpec(of: of, rate: rate, values: [values.lowerBound, values.upperBound]), forKey: .mutate)
        }
    }

    /// The parameter this generator needs generated first, if any.
    var dependency: String? {
        switch self {
        case .lengthOf(let name), .mutate(of: let name, _, _): name
        default: nil
        }
    }
}
