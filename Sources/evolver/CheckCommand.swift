import ArgumentParser
import EvolverCore
import Foundation

/// `evolver check`: compile, validate and benchmark one kernel against the seed.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile, validate and (if valid) benchmark a kernel against the sandbox's seed.",
        discussion: "Exit status: 0 when the verdict is passed, 1 when the kernel is rejected, 2 for usage or configuration errors."
    )

    @Argument(help: "The sandbox (see 'evolver sandboxes').") var sandbox: String
    @Option(help: "The kernel's C source (default: the sandbox's seed).") var kernel: String?
    @Option(help: "Seed for case order, poison bytes, differential and benchmark inputs (default: a fresh random one, printed).") var seed: UInt64?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var location: SandboxLocationOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        var report: CheckReport?
        try reportingErrors {
            let catalog = try location.catalog()
            let target = try catalog.load(sandbox)
            let path = kernel ?? target.directory.appendingPathComponent(Sandbox.Files.seed).path
            guard let data = FileManager.default.contents(atPath: path) else { throw EvolverError.unreadableFile(path) }
            guard let source = String(data: data, encoding: .utf8) else { throw EvolverError.unreadableFile("\(path) (not UTF-8 text)") }
            let worker = WorkerProcess(executable: WorkerProcess.defaultExecutable())
            // The active judge, checked at start-up, when a store exists; else the seed scorer.
            var judge: Judge
            var check: KernelCheck
            if FileManager.default.fileExists(atPath: store.directory.appendingPathComponent("evolver.sqlite").path) {
                let service = try service(try store.open(), location)
                judge = try service.activeJudge(warn: printWarning)
                check = KernelCheck(evaluator: try KernelEvaluator(sandbox: target, worker: worker), judge: judge)
                check.onIncident = { try service.recordIncident($0, runID: nil) }
            } else {
                judge = try Judge(seedOf: try catalog.judge(), workerPath: WorkerProcess.defaultExecutable())
                check = KernelCheck(evaluator: try KernelEvaluator(sandbox: target, worker: worker), judge: judge)
            }
            report = try check.run(source: source, path: kernel ?? "seed.c", seed: seed ?? UInt64.random(in: 0...UInt64.max))
        }
        guard let report else { return }
        print(json ? try report.json() : report.text())
        if report.verdict != .passed { throw ExitCode(1) }
    }
}
