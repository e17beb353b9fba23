import KernelTestSupport
import Foundation

/// The two real evolver targets, read from the repository's sandboxes.
enum Seeds {
    static let sandboxes: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("Sandboxes")
    }()

    static func read(_ sandbox: String) -> String {
        (try? String(contentsOf: sandboxes.appendingPathComponent("\(sandbox)/seed.c"), encoding: .utf8)) ?? ""
    }

    /// Mann-Whitney U and medians with heapsort (`int score(...)`).
    static let score = read("score")
    /// Gotoh affine-gap Smith-Waterman (`int sw_score(...)`).
    static let smithWaterman = read("smith-waterman")
}
