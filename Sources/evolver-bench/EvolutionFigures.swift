import EvolverCore
import Foundation
import KernelSyntax
import RunStore

#if canImport(Glibc)
import Glibc
#endif

/// The evolution figures of `make bench`: throughput, speedups reached, replay, kill -9 safety.
struct EvolutionFigures {
    let catalog: SandboxCatalog
    let workerPath: String
    let evolverPath: String
    let scratch: URL

    func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func service(_ name: String) throws -> EvolutionService {
        let dir = scratch.appendingPathComponent("store-\(name)-\(UUID().uuidString)")
        return EvolutionService(store: try RunStore(directory: dir), catalog: catalog, workerPath: workerPath)
    }

    func run(_ sandbox: String, seed: UInt64, seconds: Double?, candidates: Int? = nil) throws -> (EvolutionService, RunSummary) {
        let svc = try service(sandbox)
        var options = EvolutionOptions.defaults(seed: seed, jobs: 2)
        options.timeLimit = seconds
        options.candidateLimit = candidates
        let summary = try svc.start(sandbox: sandbox, options: options, clock: clock, shouldStop: { false }, progress: { _ in })
        return (svc, summary)
    }

    /// Best kernel vs the seed, measured again now in fresh children (median ratio of two benchmarks,
    /// kernel order swapped between them), rather than the run's chained estimate.
    func measuredBestSpeedup(_ svc: EvolutionService, _ summary: RunSummary) throws -> Double {
        guard summary.promotions > 0 else { return 1 }
        let sandbox = try catalog.load(summary.sandbox)
        let seed = CPrinter.print(try CParser.parse(sandbox.seedSource))
        let best = try svc.promotedSource(summary.run, summary.promotions)
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        let scoring = try ScoringKernel(scoreSandbox: try catalog.load("score"))
        let a = try evaluator.benchmark(incumbent: seed, candidate: best, inputSeed: 0xA11CE)
        let b = try evaluator.benchmark(incumbent: best, candidate: seed, inputSeed: 0xB0B)
        let s1 = try scoring.compare(incumbent: a.incumbentSamples, candidate: a.candidateSamples).speedup
        let s2 = try scoring.compare(incumbent: b.incumbentSamples, candidate: b.candidateSamples).speedup
        return (s1 / s2).squareRoot()
    }

    /// What the winning lineage used: its operators by count, and the differential test of the best
    /// kernel against the seed on 200 fresh inputs (the bench fails if they disagree).
    func winner(_ svc: EvolutionService, _ summary: RunSummary) throws -> String {
        guard summary.promotions > 0 else { return "no promotion" }
        let sandbox = try catalog.load(summary.sandbox)
        let best = try svc.promotedSource(summary.run, summary.promotions)
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        let seed = CPrinter.print(try CParser.parse(sandbox.seedSource))
        let differential = DifferentialTest(sandbox: sandbox, seedSource: seed, inputs: 200)
        if let why = try differential.disagreement(best, candidateIndex: summary.promotions, runSeed: 0xD1FF, evaluator: evaluator) {
            throw EvolverError.invalidRun("the best kernel of run \(summary.run) disagrees with the seed on fresh inputs: \(why)")
        }
        let lineage = try svc.lineage(summary.run, describing: false)
        let ops = (lineage.last?.editsFromSeed ?? []).map { String($0.prefix { $0 != "@" }) }
        var counts: [String: Int] = [:]
        for op in ops { counts[op, default: 0] += 1 }
        let ordered: [(String, Int)] = counts.sorted { (a: (key: String, value: Int), b: (key: String, value: Int)) -> Bool in
            a.value != b.value ? a.value > b.value : a.key < b.key
        }.map { ($0.key, $0.value) }
        let listed: [String] = ordered.map { "\($0.0) x\($0.1)" }
        return "lineage " + listed.joined(separator: ", ") + "; agrees with the seed on 200 fresh inputs"
    }

    /// kill -9 at random moments, then `--resume`: candidates recorded before the kill that are
    /// missing or changed afterwards, plus candidates evaluated twice.
    func killNineTrials(_ trials: Int) throws -> (lost: Int, recorded: Int) {
        var rng = SplitMix64(seed: 99)
        var lost = 0, recorded = 0
        for trial in 0..<trials {
            let dir = scratch.appendingPathComponent("kill9-\(trial)")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: evolverPath)
            p.arguments = ["run", "score", "--time", "60s", "--seed", "\(trial + 1)", "--store", dir.path, "--sandboxes", catalog.root.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait until the run has recorded something, then kill it at a random moment after that.
            let storeFile = dir.appendingPathComponent("evolver.sqlite")
            let waitUntil = Date().addingTimeInterval(90)
            while Date() < waitUntil {
                usleep(200_000)
                if FileManager.default.fileExists(atPath: storeFile.path),
                   let s = try? RunStore(directory: dir), let id = try? s.runs().first?.id, ((try? s.candidates(run: id))?.count ?? 0) > 0 { break }
            }
            usleep(useconds_t(rng.below(4_000_000)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let store = try RunStore(directory: dir)
            guard let runID = try store.runs().first?.id else { continue }
            let before = try store.candidates(run: runID)
            let resume = Process()
            resume.executableURL = URL(fileURLWithPath: evolverPath)
            resume.arguments = ["run", "--resume", runID, "--time", "2s", "--store", dir.path, "--sandboxes", catalog.root.path]
            resume.standardOutput = FileHandle.nullDevice
            resume.standardError = FileHandle.nullDevice
            try resume.run()
            resume.waitUntilExit()
            let after = try store.candidates(run: runID)
            recorded += before.count
            lost += zip(before, after).filter { $0 != $1 }.count + max(0, before.count - after.count)
            lost += after.count - Set(after.map(\.sha256)).count
            lost += after.enumerated().filter { $0.offset != $0.element.index }.count
        }
        return (lost, recorded)
    }
}
