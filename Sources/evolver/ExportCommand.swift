import ArgumentParser
import EvolverCore
import Foundation

/// `evolver export`: a promoted kernel as a self-contained C file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Print a promoted kernel as a self-contained C file (default: the best).")
    @Argument(help: "The run id.") var runID: String
    @Argument(help: "The promotion (0 = seed; default: the best).") var promotion: Int?
    @Flag(help: "The kernel as it was promoted, without the clean-up of dead code.") var raw = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func run() throws {
        try reportingErrors {
            print(try service(try store.openExisting(), location).export(runID, promotion: promotion, raw: raw))
        }
    }
}
