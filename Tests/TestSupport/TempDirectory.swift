import Foundation

/// A fresh temporary directory, removed when the value is released.
public final class TempDirectory {
    public let url: URL

    public init(_ prefix: String = "evolver-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Copies the repository's Sandboxes folder here and returns the copy.
    public func copyOfSandboxes() throws -> URL {
        let target = url.appendingPathComponent("Sandboxes")
        try FileManager.default.copyItem(at: TestPaths.sandboxes, to: target)
        return target
    }

    /// Writes text to a file under this directory and returns its URL.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
