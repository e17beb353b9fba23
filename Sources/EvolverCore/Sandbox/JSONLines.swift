import Foundation

/// Reading and writing JSON Lines files (one JSON value per line).
public enum JSONLines {
    /// Decodes every non-empty line of `data`.
    /// - Throws: a `HarnessFailure` naming the line that does not decode.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String, schema: JSONSchema? = nil) throws -> [T] {
        let decoder = JSONDecoder()
        var result: [T] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 13 }) { continue }
            try schema?.check(Data(line), file: "\(file):\(lineNumber)")
            do {
                result.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw HarnessFailure("\(file):\(lineNumber): \(DecodingFailure.describe(error))")
            }
        }
        return result
    }

    /// Encodes values one per line with sorted keys, so the output is byte-stable.
    public static func encode<T: Encodable>(_ values: [T]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for v in values {
            out.append(try encoder.encode(v))
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
