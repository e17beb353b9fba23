import ArgumentParser
import EvolverCore
import Foundation

/// `evolver minimize`: cut a promotion's edit list down to the edits that matter.
struct MinimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimize",
        abstract: "Delta-debug a promotion's edits down to those that matter, and measure what each kept edit contributes.",
        discussion: """
            Each keep/drop is decided on interleaved samples: a subset of the edits is kept when its kernel passes the whole suite and \
            the differential test, the promotion rule judges the promoted kernel faster in neither of two benchmarks, and over both \
            it is not estimated faster by the rule's minimum gain. The minimized kernel is recorded as a new candidate of the run and must pass every \
            stage against the promoted kernel; one that does not is refused and delta debugging goes on without it. A minimized run \
            replays (its minimizations are derived again) but is not resumed.
            Exit status: 0 minimized (or nothing could be removed), 2 usage or configuration error.
            """)
    @Argument(help: "The run id.") var runID: String
    @Argument(help: "The promotion (default: the run's last).") var promotion: Int?
    @Option(help: "Seed of the benchmark inputs and validation orders (default: derived from the run's seed).") var seed: UInt64?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func validate() throws {
        if let promotion, promotion < 1 { throw ValidationError("the promotion must be at least 1 (0 is the seed, which has no edits)") }
    }

    func run() throws {
        var report: MinimizationReport?
        try reportingErrors {
            report = try service(try store.openExisting(), location).minimize(runID, promotion: promotion, seed: seed, warn: printWarning)
        }
        guard let report else { return }
        print(json ? try jsonString(report) : Self.text(report))
        if report.verdict != "minimized", report.verdict != "unchanged" { throw ExitCode(1) }
    }

    static func text(_ r: MinimizationReport) -> String {
        var lines = [
            "minimization \(r.minimization) of run \(r.run), promotion \(r.promotion) (\(r.editsBefore) edits, \(String(format: "%.3f", r.speedupBefore))x vs seed): "
                + "\(r.editsKept) kept, \(r.editsBefore - r.editsKept) dropped (\(r.tests) subsets judged, seed \(r.seed))",
        ]
        let kept = String(format: "%.3f", r.speedupKept)
        switch r.verdict {
        case "minimized": lines.append("minimized kernel: candidate \(r.candidate ?? -1), passed every stage; \(kept)x the promoted kernel's speed")
        case "unchanged": lines.append("nothing removed: \(r.detail)")
        default: lines.append("NOT minimized: \(r.detail)")
        }
        if !r.kept.isEmpty { lines.append("kept:") }
        for a in r.ablations {
            lines.append("  [edit \(a.edit)] \(a.description)")
            lines.append("      " + Self.contribution(a))
        }
        if !r.dropped.isEmpty { lines.append("dropped:") }
        for d in r.dropped { lines.append("  \(d.description)") }
        lines.append("next: evolver show \(r.run) --ablation  |  evolver replay \(r.run)")
        return lines.joined(separator: "\n")
    }

    /// One kept edit's measured contribution, in one line.
    static func contribution(_ a: MinimizationReport.Contribution) -> String {
        if a.verdict == "did_not_apply" { return "needed by the other kept edits: \(a.detail)" }
        guard let speedup = a.speedup else { return "without it: \(a.verdict.replacingOccurrences(of: "_", with: " ")): \(a.detail)" }
        return String(format: "%.3fx faster with it (gain %+.2f%%, p = %.2g): %@", speedup, (a.gain ?? 0) * 100, a.pValue ?? 1,
                      a.significant ? "significant" : "not significant")
    }
}
