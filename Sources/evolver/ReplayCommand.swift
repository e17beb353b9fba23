import ArgumentParser
import EvolverCore
import Foundation

/// `evolver replay`: re-derive a run from its seed and journal.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Re-derive every candidate of a run from the seed and journal and check it matches.",
        discussion: "Exit status: 0 when identical, 1 with the first divergence.")
    @Argument(help: "The run id.") var runID: String
    @Flag(help: "Also time each promotion again and report where a live measurement would decide otherwise.") var remeasure = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        var report: ReplayReport?
        try reportingErrors {
            report = try service(try store.openExisting(), location).replay(runID, remeasure: remeasure, warn: printWarning)
        }
        guard let report else { return }
        if json {
            print(try jsonString(report))
        } else if let d = report.firstDivergence {
            print("replay of \(report.run): DIVERGED at candidate \(d.candidate): \(d.field) was \(d.recorded), replay gives \(d.replayed) (\(report.candidatesChecked) candidates matched before)")
            if let explanation = d.explanation { print("  \(explanation)") }
        } else {
            print("replay of \(report.run): identical (\(report.candidatesChecked) candidates: same source hashes, verdicts and decisions)")
        }
        if !json, let r = report.remeasured {
            for m in r {
                print(String(format: "  promotion %d (candidate %d): recorded %.3fx, live %.3fx — live %@", m.promotion, m.candidate, m.recordedSpeedup, m.liveSpeedup, m.liveWouldPromote ? "would promote too" : "would NOT promote"))
            }
        }
        if !report.identical { throw ExitCode(1) }
    }
}
