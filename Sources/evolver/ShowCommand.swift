import ArgumentParser
import EvolverCore
import Foundation

/// `evolver show`: the lineage of promotions of a run.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run's lineage of promotions: edits, speedups, significance.")
    @Argument(help: "The run id (see 'evolver runs').") var runID: String
    @Flag(help: "With each promotion's latest minimization (see 'evolver minimize'): each kept edit's measured contribution and its significance.") var ablation = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            let service = try service(try store.openExisting(), location)
            var entries = try service.lineage(runID)
            if ablation {
                let minimizations = try service.minimizations(runID)
                for i in entries.indices { entries[i].ablation = minimizations.last { $0.promotion == entries[i].promotion } }
            }
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
                if ablation { print(Self.ablationText(e, run: runID)) }
            }
        }
    }

    /// What `--ablation` adds under a promotion.
    static func ablationText(_ e: LineageEntry, run: String) -> String {
        guard let m = e.ablation else { return "    not minimized (evolver minimize \(run) \(e.promotion))" }
        var lines = [String(format: "    minimization %d: %d of %d edits from the seed matter, %.3fx the promoted kernel's speed; %@", m.minimization, m.editsKept,
                            m.editsBefore, m.speedupKept, m.verdict == "minimized" ? "the minimized kernel is candidate \(m.candidate ?? -1)" : m.detail)]
        for a in m.ablations {
            lines.append("      [edit \(a.edit)] \(MinimizeCommand.contribution(a))")
            lines.append("          \(a.description)")
        }
        return lines.joined(separator: "\n")
    }
}
