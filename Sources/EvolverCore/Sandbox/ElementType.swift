import Foundation

/// The C element type of a buffer parameter.
public enum ElementType: String, Codable, Sendable, CaseIterable {
    case i8, u8, i16, i32, i64

    /// Size of one element in bytes.
    public var size: Int {
        switch self {
        case .i8, .u8: 1
        case .i16: 2
        case .i32: 4
        case .i64: 8
        }
    }

    /// The range of values an element can hold.
    public var range: ClosedRange<Int64> {
        switch self {
        case .i8: -128...127
        case .u8: 0...255
        case .i16: -32768...32767
        case .i32: Int64(Int32.min)...Int64(Int32.max)
        case .i64: Int64.min...Int64.max
        }
    }

    /// Appends the little-endian encoding of `values` to `bytes`.
    public func encode(_ values: [Int64], into bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + values.count * size)
        for v in values {
            let u = UInt64(bitPattern: v)
            for i in 0..<size { bytes.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(i)))) }
        }
    }

    /// Decodes little-endian elements (sign-extending signed types).
    public func decode(_ bytes: ArraySlice<UInt8>) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(bytes.count / size)
        var i = bytes.startIndex
        while i + size <= bytes.endIndex {
            var u: UInt64 = 0
            for k in 0..<size { u |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            let shift = UInt64(64 - 8 * size)
            switch self {
            case .u8: out.append(Int64(u))
            default: out.append(Int64(bitPattern: u << shift) >> Int64(shift))
            }
            i += size
        }
        return out
    }
}
