import ArgumentParser
import EvolverCore
import Foundation
import RunStore

/// Where the sandboxes live (shared by every subcommand).
struct SandboxLocationOptions: ParsableArguments {
    @Option(name: .customLong("sandboxes"), help: "The folder holding the sandboxes (default: $EVOLVER_SANDBOXES, ./Sandboxes, or the one beside the executable).")
    var sandboxesPath: String?

    func catalog() throws -> SandboxCatalog {
        try SandboxCatalog.locate(
            explicit: sandboxesPath, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath, executablePath: CommandLine.arguments[0])
    }
}

/// Runs a command body, turning configuration errors into one line on stderr and exit code 2.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as EvolverError {
        printError(error.localizedDescription)
        throw ExitCode(2)
    } catch let error as HarnessFailure {
        printError(error.description)
        throw ExitCode(2)
    } catch let error as RunStoreError {
        printError(error.localizedDescription)
        throw ExitCode(2)
    }
}

/// One warning line on stderr.
@Sendable func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Stable, pretty JSON for `--json` output.
func jsonString<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
