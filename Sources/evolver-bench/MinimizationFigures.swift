import EvolverCore
import Foundation

/// `minimized_edit_share` and `minimized_gain_kept`: every promotion of some runs minimized, the
/// edits kept against the edits before, and the minimized kernels' speed against the promoted ones'.
struct MinimizationFigures {
    /// What the minimizations of the runs found.
    struct Tally {
        var before = 0
        var kept = 0
        /// The minimized kernel's speed over the promoted kernel's, per minimization (1 when nothing was removed or it failed a stage).
        var speedupsKept: [Double] = []
        var failed = 0
        var seconds: [Double] = []
        var notes: [String] = []
    }

    let clock: () -> Double

    /// Minimizes every promotion of each run, oldest first.
    func minimizeAll(_ runs: [(EvolutionService, RunSummary)]) throws -> Tally {
        var tally = Tally()
        for (svc, summary) in runs {
            var shares: [String] = []
            for promotion in 1...max(1, summary.promotions) where summary.promotions > 0 {
                let began = clock()
                let report = try svc.minimize(summary.run, promotion: promotion)
                tally.seconds.append(clock() - began)
                tally.before += report.editsBefore
                let succeeded = report.verdict == "minimized" || report.verdict == "unchanged"
                tally.kept += succeeded ? report.editsKept : report.editsBefore
                tally.speedupsKept.append(succeeded ? report.speedupKept : 1)
                if !succeeded { tally.failed += 1 }
                shares.append("\(report.editsKept)/\(report.editsBefore)" + (succeeded ? String(format: " %.3fx", report.speedupKept) : " failed: \(report.verdict)"))
            }
            tally.notes.append("\(summary.run) seed \(summary.seed): \(shares.isEmpty ? "no promotion" : shares.joined(separator: ", "))")
        }
        return tally
    }

    func add(_ tally: Tally, to figures: inout BenchFigures) {
        let share = tally.before > 0 ? Double(tally.kept) / Double(tally.before) : 1
        let logs = tally.speedupsKept.filter { $0 > 0 }.map(log)
        let kept = logs.isEmpty ? 1 : exp(logs.reduce(0, +) / Double(logs.count))
        let seconds = tally.seconds.sorted()
        let timing = seconds.isEmpty ? "" : String(format: "; %.0f s per minimization (median)", seconds[seconds.count / 2])
        figures.add("minimized_edit_share", share, goal: "<= 0.5",
                    note: "\(tally.kept) of \(tally.before) edits kept over \(tally.speedupsKept.count) promotions of three 120 s score runs (a failed minimization counts as keeping every edit; \(tally.failed) failed)\(timing); kept/before and speed kept per promotion: \(tally.notes.joined(separator: "; "))")
        figures.add("minimized_gain_kept", kept, goal: ">= 0.95",
                    note: String(format: "geometric mean of the minimized kernel's measured speed over the promoted kernel's, %d promotions (lowest %.3f)",
                                 tally.speedupsKept.count, tally.speedupsKept.min() ?? 1))
    }
}
