import ArgumentParser
import EvolverCore
import Foundation

/// `evolver show`: the lineage of promotions of a run.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run's lineage of promotions: edits, speedups, significance.")
    @Argument(help: "The run id (see 'evolver runs').") var runID: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            let entries = try service(try store.openExisting(), location).lineage(runID)
            if json {
                print(try jsonString(entries))
                return
            }
            for e in entries {
                if e.promotion == 0 {
                    print("promotion 0  seed  sha256 \(e.sha256.prefix(16))")
                    continue
                }
                print(String(format: "promotion %d  candidate %d  sha256 %@  %.3fx vs seed, %.3fx vs previous  (gain %+.2f%%, p = %.2g)",
                             e.promotion, e.candidate ?? -1, String(e.sha256.prefix(16)), e.speedupVsSeed, e.speedupVsPrevious, (e.gain ?? 0) * 100, e.pValue ?? 1))
                if let c = e.crossover {
                    let kind = c.crossover == "one_point" ? "one-point" : c.crossover
                    print("    made by \(kind) crossover with \(c.otherParentSHA256.prefix(16))\(c.dropped.isEmpty ? "" : ", \(c.dropped.count) edits dropped (no longer applied): " + c.dropped.map(\.op).joined(separator: ", "))")
                }
                print("    edits relative to \(e.relativeToText)\(e.describedEdits.isEmpty ? ": none" : ":")")
                for edit in e.describedEdits { print("      \(edit.description)") }
            }
        }
    }
}
