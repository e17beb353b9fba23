import Foundation

/// Locations tests need: the package root, the Sandboxes folder, built products.
public enum TestPaths {
    /// The package root (found from this file's location).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("package root not found")
    }()

    /// The repository's Sandboxes folder.
    public static var sandboxes: URL { packageRoot.appendingPathComponent("Sandboxes") }

    /// The folder holding built products (beside the running test bundle).
    public static var products: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test bundle may be a directory (…/evolverPackageTests.xctest) or a file beside the products.
        for _ in 0..<4 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("evolver-worker").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }

    /// The built worker.
    public static var worker: String { products.appendingPathComponent("evolver-worker").path }

    /// The built CLI.
    public static var evolver: String { products.appendingPathComponent("evolver").path }
}
