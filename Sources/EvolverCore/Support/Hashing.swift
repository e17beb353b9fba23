import Crypto
import Foundation

/// SHA-256 helpers used for sandbox locks and candidate identities.
public enum Hashing {
    /// Lower-case hex SHA-256 of bytes.
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of a string's UTF-8 bytes.
    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Data(text.utf8))
    }
}
