import Foundation

/// A floating-point number in a sandbox's JSON: a JSON number, or `"nan"`, `"inf"`, `"-inf"`
/// (JSON has no spelling for them).
public struct RealNumber: Codable, Sendable, Equatable {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Double.self) {
            value = v
            return
        }
        switch try? c.decode(String.self) {
        case "nan"?: value = .nan
        case "inf"?, "+inf"?: value = .infinity
        case "-inf"?: value = -.infinity
        default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "expected a number, \"nan\", \"inf\" or \"-inf\""))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if value.isNaN { try c.encode("nan") } else if value.isInfinite { try c.encode(value < 0 ? "-inf" : "inf") } else { try c.encode(value) }
    }
}
