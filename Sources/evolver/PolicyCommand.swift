import ArgumentParser
import EvolverCore
import Foundation

/// `evolver policy`: what earlier runs taught the operator-selection policy of each sandbox.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show what earlier runs taught about each operator, and the probabilities a new run starts with.",
        discussion: "Per arm (operator, or crossover): candidates made, share passing the cheap cases, share passing the speed screen, promotions, credited gain (sum of ln speedup of validated gains), and selection probability of a new '--policy learned' run.")

    @Argument(help: "The sandbox (default: every sandbox a run has taught).") var sandbox: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            let service = try service(try store.openExisting(), location)
            let views = try (sandbox.map { [$0] } ?? service.taughtSandboxes()).map(service.policyView)
            if json {
                print(try sandbox == nil ? jsonString(views) : jsonString(views[0]))
                return
            }
            if views.isEmpty { print("no run has taught a policy yet: 'evolver run' records what each run learns") }
            print(views.map(Self.text).joined(separator: "\n\n"))
        }
    }

    static func text(_ v: PolicyView) -> String {
        let from = v.learnedFrom.isEmpty ? "no earlier runs: a new run starts uniform" : "learned from \(v.learnedFrom.count) runs: \(v.learnedFrom.joined(separator: ", "))"
        var lines = ["sandbox \(v.sandbox)  credit \(v.credit)  \(from)",
                     "arm                       attempts  cheap%  screen%  promotions  gain     seconds  probability"]
        for a in v.arms {
            lines.append(String(format: "%@ %8d  %5.1f%%  %6.1f%%  %10d  %7.3f  %7.1f  %10.2f%%", a.arm.padding(toLength: 25, withPad: " ", startingAt: 0),
                                a.attempts, a.cheapPassShare * 100, a.screenPassShare * 100, a.promotions, a.creditedGain, a.seconds, a.selectionProbability * 100))
        }
        return lines.joined(separator: "\n")
    }
}
