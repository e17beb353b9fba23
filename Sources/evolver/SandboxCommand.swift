import ArgumentParser
import EvolverCore
import Foundation

/// `evolver sandbox`: maintenance of a sandbox's fixed files.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Maintain a sandbox's fixed files.",
        subcommands: [Lock.self, Record.self])

    /// `evolver sandbox lock <name>`.
    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "(Re)write lock.json after a deliberate change to the sandbox's fixed files.")
        @Argument(help: "The sandbox.") var name: String
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                _ = try catalog.load(name, verifyLock: false, expectedOutputs: .ifPresent)
                let lock = try catalog.writeLock(name)
                print("locked \(lock.files.count) fixed files of sandbox '\(name)': \(lock.files.keys.sorted().joined(separator: ", "))")
            }
        }
    }

    /// `evolver sandbox record <name>`.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record suite/expected.jsonl by running the seed in the sandbox, then rewrite the lock.",
            discussion: "Check the seed against an independent implementation before recording: the suite then enshrines no bug.")
        @Argument(help: "The sandbox.") var name: String
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                let sandbox = try catalog.load(name, verifyLock: false, expectedOutputs: .ignored)
                let worker = WorkerProcess(executable: WorkerProcess.defaultExecutable())
                let results = try ExpectedRecorder.record(sandbox: sandbox, worker: worker)
                try JSONLines.encode(results).write(to: sandbox.directory.appendingPathComponent(Sandbox.Files.expected), options: .atomic)
                let lock = try catalog.writeLock(name)
                print("recorded \(results.count) expected results for '\(name)' and locked \(lock.files.count) files")
            }
        }
    }
}
