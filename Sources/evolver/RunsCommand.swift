import ArgumentParser
import EvolverCore
import Foundation

/// `evolver runs`: one line per run, oldest first.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the recorded runs, oldest first.")
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            let summaries = try service(try store.openExisting(), location).summaries()
            if json {
                print(try jsonString(summaries))
                return
            }
            for s in summaries {
                print("\(s.run)  \(s.sandbox.padding(toLength: 15, withPad: " ", startingAt: 0)) seed \(s.seed)  \(s.status.padding(toLength: 11, withPad: " ", startingAt: 0)) \(s.candidates) candidates  \(s.promotions) promotions  best \(String(format: "%.3f", s.bestSpeedup))x  \(String(format: "%.1f", s.durationSeconds)) s")
            }
        }
    }
}
