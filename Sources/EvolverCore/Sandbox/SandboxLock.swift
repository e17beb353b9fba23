import Foundation

/// The `lock.json` of a sandbox: the SHA-256 of every fixed file in its folder.
///
/// Every file under the sandbox folder except `lock.json` itself is fixed: the manifest, the
/// harness, the seed, the suite and any data. Evolution changes none of them.
public struct SandboxLock: Codable, Sendable, Equatable {
    /// Hash algorithm (always `sha256`).
    public var algorithm: String
    /// Relative path → lower-case hex digest.
    public var files: [String: String]

    /// The lock's own file name.
    public static let fileName = "lock.json"

    /// Computes the lock of a sandbox folder as it is now.
    /// - Throws: `EvolverError.unreadableFile` when a file cannot be read.
    public static func compute(directory: URL) throws -> SandboxLock {
        var files: [String: String] = [:]
        for relative in try fixedFiles(in: directory) {
            let url = directory.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw EvolverError.unreadableFile(url.path) }
            files[relative] = Hashing.sha256Hex(data)
        }
        return SandboxLock(algorithm: "sha256", files: files)
    }

    /// Relative paths of every fixed file, sorted.
    static func fixedFiles(in directory: URL) throws -> [String] {
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { throw EvolverError.unreadableFile(base) }
        var result: [String] = []
        while let item = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + item, isDirectory: &isDir)
            if isDir.boolValue || item == fileName || item.hasPrefix(".") || item.contains("/.") { continue }
            result.append(item)
        }
        return result.sorted()
    }

    /// The first file (in sorted order) whose content differs from this lock, or nil when all match.
    public func firstMismatch(against current: SandboxLock) -> String? {
        let names = Set(files.keys).union(current.files.keys).sorted()
        return names.first { files[$0] != current.files[$0] }
    }

    /// Encodes the lock as stable, pretty JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
