import ArgumentParser
import EvolverCore
import Foundation

/// `evolver sandbox`: maintenance of a sandbox's fixed files.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Maintain a sandbox's fixed files.",
        subcommands: [New.self, Cases.self, Verify.self, Record.self, Lock.self])

    /// `evolver sandbox lock <name>`.
    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "(Re)write lock.json after a deliberate change to the sandbox's fixed files.",
            discussion: "Refuses (exit 1) when the seed, run in the sandbox over the suite, does not reproduce suite/expected.jsonl.")
        @Argument(help: "The sandbox.") var name: String
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                let sandbox = try catalog.load(name, verifyLock: false, expectedOutputs: .ifPresent)
                if let reason = try ExpectedRecorder.seedMismatch(sandbox: sandbox, worker: WorkerProcess(executable: WorkerProcess.defaultExecutable())) {
                    printError("sandbox '\(name)': the seed does not reproduce \(Sandbox.Files.expected) (\(reason)); not locked. Fix the file, or re-record it with 'evolver sandbox record \(name)'")
                    throw ExitCode(1)
                }
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

    /// `evolver sandbox new <name> --prototype "<C prototype>"`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a sandbox from a C prototype: manifest.json, harness.json, a seed.c stub and an empty suite.",
            discussion: "What only you can say (lengths, ranges, the workload, the seed) is left as TODO placeholders, which the other commands refuse until they are filled in.")
        @Argument(help: "The sandbox's name (its folder).") var name: String
        @Option(help: "The kernel's C prototype, e.g. \"long long dot(const int *a, const int *b, int n)\".") var prototype: String
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil else {
                    throw HarnessFailure("sandbox name '\(name)': use letters, digits, '.', '_' and '-'")
                }
                let folder = catalog.root.appendingPathComponent(name)
                guard !FileManager.default.fileExists(atPath: folder.path) else { throw HarnessFailure("sandbox '\(name)' already exists (\(folder.path))") }
                let files = try SandboxScaffold.files(name: name, prototype: prototype)
                for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                    let url = folder.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: url)
                }
                print("created sandbox '\(name)': \(files.keys.sorted().joined(separator: ", "))")
                print("next: fill in the TODOs of harness.json, manifest.json and seed.c, then 'evolver sandbox cases \(name)', 'evolver sandbox record \(name)', 'evolver sandbox verify \(name) --reference CMD', 'evolver check \(name)'")
            }
        }
    }

    /// `evolver sandbox cases <name> [--count N] [--seed S]`.
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate suite cases from the harness's ranges: edges (empty, length 1, maximal; all equal at the minimum and the maximum, alternating, sorted, reversed) plus random ones.",
            discussion: "Generated cases are named gen-...; they replace earlier generated ones in suite/cases.jsonl, and every case you wrote by hand is kept.")
        @Argument(help: "The sandbox.") var name: String
        @Option(help: "Random cases besides the edges.") var count = 200
        @Option(help: "The seed of the random cases.") var seed: UInt64 = 1
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                let sandbox = try catalog.load(name, verifyLock: false, expectedOutputs: .ignored)
                guard count >= 0 else { throw HarnessFailure("--count must be 0 or more") }
                let generated = try SuiteCaseGenerator(harness: sandbox.harness).cases(random: count, seed: seed)
                let kept = sandbox.cases.filter { !$0.id.hasPrefix(SuiteCaseGenerator.prefix) }
                let url = sandbox.directory.appendingPathComponent(Sandbox.Files.cases)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try JSONLines.encode(kept + generated).write(to: url, options: .atomic)
                print("wrote \(generated.count) generated cases (\(generated.count - count) edges, \(count) random) and kept \(kept.count) of your own in \(Sandbox.Files.cases)")
                print("next: 'evolver sandbox record \(name)'")
            }
        }
    }

    /// `evolver sandbox verify <name> --reference <command>`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare suite/expected.jsonl with an independent reference program, case by case.",
            discussion: """
            The command runs once per suite case through /bin/sh -c, in the sandbox's folder. It reads the case on stdin,             {"id": "...", "args": {"n": 3, "a": [1, 2, 3]}}, and prints its answer on stdout,             {"return": 6, "outputs": {"out": [1, 3, 6]}} (floating-point outputs within their tolerance; "nan", "inf", "-inf" as strings).             Exit 0 when every case agrees, 1 at the first that does not.
            """)
        @Argument(help: "The sandbox.") var name: String
        @Option(help: "The reference program, e.g. \"python3 reference.py\".") var reference: String
        @Option(help: "Seconds each case may take.") var timeout = 10.0
        @OptionGroup var location: SandboxLocationOptions

        func run() throws {
            try reportingErrors {
                let catalog = try location.catalog()
                let sandbox = try catalog.load(name, verifyLock: false, expectedOutputs: .required)
                let comparison = OutputComparison(harness: sandbox.harness)
                let runner = ReferenceProgram(command: reference, directory: sandbox.directory, timeout: timeout)
                for (i, kernelCase) in sandbox.cases.enumerated() {
                    let answer = try runner.answer(kernelCase)
                    if let failure = comparison.mismatch(reference: answer, recorded: sandbox.expected![i]) {
                        printError("case \(kernelCase.id): \(Sandbox.Files.expected) says \(failure.expected), the reference says \(failure.actual)")
                        throw ExitCode(1)
                    }
                }
                print("verified \(sandbox.cases.count)/\(sandbox.cases.count) cases of '\(name)': \(Sandbox.Files.expected) agrees with `\(reference)`")
            }
        }
    }
}
