import Foundation

/// Decompression of zlib streams (RFC 1950) holding DEFLATE data (RFC 1951), enough to read the
/// PNG screenshots the rendering tests take (Foundation on Linux decodes no images).
public enum Inflate {
    /// Malformed compressed data.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The bytes a zlib stream holds. - Throws: ``Failure`` when the stream is malformed.
    public static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6, data[0] & 0x0F == 8, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0, data[1] & 0x20 == 0 else {
            throw Failure("not a zlib stream")
        }
        var reader = BitReader(bytes: data, position: 2)
        return try deflate(&reader)
    }

    /// Reads bits least significant first, as DEFLATE packs them.
    struct BitReader {
        let bytes: [UInt8]
        var position: Int
        var bitBuffer = 0
        var bitCount = 0

        mutating func bits(_ n: Int) throws -> Int {
            while bitCount < n {
                guard position < bytes.count else { throw Failure("compressed data ends early") }
                bitBuffer |= Int(bytes[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << n) - 1)
            bitBuffer >>= n
            bitCount -= n
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code, decoded a bit at a time (as zlib's `puff.c` does).
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }

        func decode(_ r: inout BitReader) throws -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                code |= try r.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Failure("invalid Huffman code")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func deflate(_ r: inout BitReader) throws -> [UInt8] {
        var out: [UInt8] = []
        var last = 0
        while last == 0 {
            last = try r.bits(1)
            switch try r.bits(2) {
            case 0:
                r.alignToByte()
                guard r.position + 4 <= r.bytes.count else { throw Failure("stored block ends early") }
                let length = Int(r.bytes[r.position]) | Int(r.bytes[r.position + 1]) << 8
                let check = Int(r.bytes[r.position + 2]) | Int(r.bytes[r.position + 3]) << 8
                guard length == ~check & 0xFFFF, r.position + 4 + length <= r.bytes.count else { throw Failure("bad stored block") }
                out += r.bytes[(r.position + 4)..<(r.position + 4 + length)]
                r.position += 4 + length
            case 1:
                let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
                try codes(&r, &out, Huffman(lengths: lengths), Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let literals = try r.bits(5) + 257, distances = try r.bits(5) + 1, codeLengths = try r.bits(4) + 4
                var order = [Int](repeating: 0, count: 19)
                for i in 0..<codeLengths { order[lengthOrder[i]] = try r.bits(3) }
                let lengthCode = Huffman(lengths: order)
                var lengths: [Int] = []
                while lengths.count < literals + distances {
                    let symbol = try lengthCode.decode(&r)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw Failure("repeat with no previous length") }
                        lengths += [Int](repeating: previous, count: 3 + (try r.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try r.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try r.bits(7)))
                    }
                }
                guard lengths.count == literals + distances else { throw Failure("too many code lengths") }
                try codes(&r, &out, Huffman(lengths: Array(lengths[..<literals])), Huffman(lengths: Array(lengths[literals...])))
            default:
                throw Failure("invalid block type")
            }
        }
        return out
    }

    static func codes(_ r: inout BitReader, _ out: inout [UInt8], _ literal: Huffman, _ distance: Huffman) throws {
        while true {
            let symbol = try literal.decode(&r)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let l = symbol - 257
                guard l < lengthBase.count else { throw Failure("invalid length symbol") }
                let length = lengthBase[l] + (try r.bits(lengthExtra[l]))
                let d = try distance.decode(&r)
                guard d < distanceBase.count else { throw Failure("invalid distance symbol") }
                let back = distanceBase[d] + (try r.bits(distanceExtra[d]))
                guard back <= out.count else { throw Failure("distance too far back") }
                let start = out.count - back
                for i in 0..<length { out.append(out[start + i]) }
            }
        }
    }
}
