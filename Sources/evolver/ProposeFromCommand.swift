import ArgumentParser
import EvolverCore
import Foundation

/// `evolver propose-from <folder>`: a proposer (for `run --proposer`) that offers a folder's
/// hand-written kernels: it reads the request on stdin and replies with every `.c` file of the
/// folder, by name (a run takes the first ones it has not evaluated yet).
struct ProposeFromCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose-from",
        abstract: "A proposer for 'run --proposer': reply to the request on stdin with the .c files of a folder.",
        discussion: "Example: evolver run score --proposer 'evolver propose-from variants/'. Files are offered in name order; the run skips kernels it has already evaluated, so each request brings the next new ones.")

    @Argument(help: "The folder of kernel sources (*.c).") var folder: String

    struct Reply: Encodable {
        var sources: [String]
        var names: [String]
    }

    func run() throws {
        _ = FileHandle.standardInput.readDataToEndOfFile()
        let url = URL(fileURLWithPath: folder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".c") }.sorted()
        } catch {
            printError("cannot read the folder \(folder): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        var sources: [String] = []
        for name in names {
            guard let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) else {
                printError("cannot read \(folder)/\(name) as UTF-8 text")
                throw ExitCode(2)
            }
            sources.append(text)
        }
        print(try jsonString(Reply(sources: sources, names: names)))
    }
}
