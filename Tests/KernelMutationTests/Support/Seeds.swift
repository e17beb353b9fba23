import KernelTestSupport
import Foundation
import KernelSyntax
@testable import KernelMutation

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
    /// The score seed with `heap_sort` grafted by the quick-sort donor.
    static let scoreGrafted: String = {
        let unit = try! CParser.parse(score)
        let quick = DonorLibrary.donors.firstIndex { $0.name == "quick_sort" }!
        let graft = MutationRegistry.named("graft")!
        let edit = graft.proposals(in: unit).first { $0.params == ["donor": quick] }!
        return CPrinter.print(try! graft.apply(edit, to: unit))
    }()
}
