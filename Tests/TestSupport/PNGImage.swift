import Foundation

/// An 8-bit RGB or RGBA PNG (not interlaced), decoded into rows of pixels: what a headless
/// browser's screenshot is.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Unfiltered rows, `width * channels` bytes each.
    let pixels: [UInt8]

    /// Decodes `data`. - Throws: ``Inflate/Failure`` for a PNG this reader does not handle.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Inflate.Failure("not a PNG") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var position = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = u32(position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard position + 12 + length <= bytes.count else { throw Inflate.Failure("PNG chunk \(type) ends early") }
            let body = bytes[(position + 8)..<(position + 8 + length)]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { compressed += body }
            position += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw Inflate.Failure("PNG without a header") }
        width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        guard header[8] == 8, header[9] == 2 || header[9] == 6, header[12] == 0 else {
            throw Inflate.Failure("PNG of bit depth \(header[8]), colour type \(header[9]), interlace \(header[12]) is not handled")
        }
        channels = header[9] == 2 ? 3 : 4
        let raw = try Inflate.zlib(compressed)
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Inflate.Failure("PNG data too short") }
        var out = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let source = y * (stride + 1) + 1, row = y * stride, above = row - stride
            for i in 0..<stride {
                let a = i >= channels ? Int(out[row + i - channels]) : 0
                let b = y > 0 ? Int(out[above + i]) : 0
                let c = i >= channels && y > 0 ? Int(out[above + i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Inflate.Failure("PNG row filter \(filter)")
                }
                out[row + i] = UInt8((Int(raw[source + i]) + predicted) & 0xFF)
            }
        }
        pixels = out
    }

    /// The red, green and blue of the pixel at column `x`, row `y`.
    public func rgb(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let i = (y * width + x) * channels
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}
