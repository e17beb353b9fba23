import ArgumentParser
import EvolverCore
import Foundation

/// `evolver report`: one self-contained HTML page about a recorded run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML page about a run: best speedup over time, verdicts, stage times, operators, lineage, diffs, the judge's history.")
    @Argument(help: "The run id (see 'evolver runs').") var runID: String
    @Option(name: [.customShort("o"), .customLong("output")], help: "The file to write (default: report-<run>.html here; - for standard output).")
    var output: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var location: SandboxLocationOptions

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("-o needs a file name (or - for standard output)") }
    }

    func run() throws {
        try reportingErrors {
            let page = RunReportPage.html(try service(try store.openExisting(), location).reportInput(runID))
            if output == "-" {
                FileHandle.standardOutput.write(Data(page.utf8))
                return
            }
            let path = output ?? "report-\(runID).html"
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw EvolverError.unwritableFile(path)
            }
            print(path)
        }
    }
}
