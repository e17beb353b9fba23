import Foundation

/// The C element type of a buffer parameter (or of a floating-point scalar parameter).
public enum ElementType: String, Codable, Sendable, CaseIterable {
    case i8, u8, i16, i32, i64, f32, f64

    /// Size of one element in bytes.
    public var size: Int {
        switch self {
        case .i8, .u8: 1
        case .i16: 2
        case .i32, .f32: 4
        case .i64, .f64: 8
        }
    }

    /// Whether the elements are floating point (`float`, `double`).
    public var isReal: Bool { self == .f32 || self == .f64 }

    /// The C type of one element.
    public var cSpelling: String {
        switch self {
        case .i8: "signed char"
        case .u8: "unsigned char"
        case .i16: "short"
        case .i32: "int"
        case .i64: "long long"
        case .f32: "float"
        case .f64: "double"
        }
    }

    /// The range of values an integer element can hold (every `Int64` for floating point, which
    /// `realRange` bounds instead).
    public var range: ClosedRange<Int64> {
        switch self {
        case .i8: -128...127
        case .u8: 0...255
        case .i16: -32768...32767
        case .i32: Int64(Int32.min)...Int64(Int32.max)
        case .i64, .f32, .f64: Int64.min...Int64.max
        }
    }

    /// The finite values a floating-point element can hold.
    public var realRange: ClosedRange<Double> {
        switch self {
        case .f32: -Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude)
        default: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        }
    }

    /// Appends the little-endian encoding of integer `values` to `bytes` (floating-point types
    /// store the values converted).
    public func encode(_ values: [Int64], into bytes: inout [UInt8]) {
        if isReal { return encode(reals: values.map { Double($0) }, into: &bytes) }
        bytes.reserveCapacity(bytes.count + values.count * size)
        for v in values { Self.append(UInt64(bitPattern: v), bytes: size, to: &bytes) }
    }

    /// Appends the little-endian encoding of floating-point `values` (rounded to `float` for f32).
    public func encode(reals values: [Double], into bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + values.count * size)
        for v in values {
            switch self {
            case .f32: Self.append(UInt64(Float(v).bitPattern), bytes: 4, to: &bytes)
            case .f64: Self.append(v.bitPattern, bytes: 8, to: &bytes)
            default: Self.append(UInt64(bitPattern: Int64(v)), bytes: size, to: &bytes)
            }
        }
    }

    private static func append(_ u: UInt64, bytes n: Int, to bytes: inout [UInt8]) {
        for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(i)))) }
    }

    private func word(_ bytes: ArraySlice<UInt8>, at i: Int) -> UInt64 {
        var u: UInt64 = 0
        for k in 0..<size { u |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
        return u
    }

    /// Decodes little-endian integer elements (sign-extending signed types).
    public func decode(_ bytes: ArraySlice<UInt8>) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(bytes.count / size)
        var i = bytes.startIndex
        while i + size <= bytes.endIndex {
            let u = word(bytes, at: i)
            let shift = UInt64(64 - 8 * size)
            switch self {
            case .u8: out.append(Int64(u))
            case .f32, .f64: out.append(Int64(bitPattern: u))
            default: out.append(Int64(bitPattern: u << shift) >> Int64(shift))
            }
            i += size
        }
        return out
    }

    /// Decodes little-endian floating-point elements (integer types are converted).
    public func decodeReals(_ bytes: ArraySlice<UInt8>) -> [Double] {
        switch self {
        case .f32, .f64:
            var out: [Double] = []
            out.reserveCapacity(bytes.count / size)
            var i = bytes.startIndex
            while i + size <= bytes.endIndex {
                let u = word(bytes, at: i)
                out.append(self == .f32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: u))) : Double(bitPattern: u))
                i += size
            }
            return out
        default:
            return decode(bytes).map { Double($0) }
        }
    }
}
