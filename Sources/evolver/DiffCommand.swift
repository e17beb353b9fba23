import ArgumentParser
import EvolverCore
import Foundation

/// `evolver diff`: unified diff between promoted kernels of a run.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Unified diff of promoted kernels (0 = seed; default: seed -> best).")
    enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: "The run id.") var runID: String
    @Argument(help: "From promotion (default 0, the seed).") var from: Int?
    @Argument(help: "To promotion (default: the best).") var to: Int?
    @Flag(help: "The kernels as they were promoted, without the clean-up of dead code.") var raw = false
    @Option(help: "Colour: auto, always or never.") var color: ColorMode = .auto
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            let useColor = color == .always || (color == .auto && isatty(STDOUT_FILENO) != 0)
            print(try service(try store.openExisting(), location).diff(runID, from: from, to: to, color: useColor, raw: raw))
        }
    }
}
