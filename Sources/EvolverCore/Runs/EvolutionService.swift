import Foundation
import KernelMutation
import RunStore

/// Starts, resumes and summarizes runs: the glue between the engine and the store.
public struct EvolutionService {
    public let store: RunStore
    public let catalog: SandboxCatalog
    public let workerPath: String
    /// The evolver's version, recorded in every run manifest.
    public static let version = "0.2.0"

    public init(store: RunStore, catalog: SandboxCatalog, workerPath: String) {
        self.store = store
        self.catalog = catalog
        self.workerPath = workerPath
    }

    /// The active scoring kernel: the best promoted kernel of the latest `score` run judged by the
    /// current `score` sandbox (same lock), else the `score` seed.
    public func activeScoringSource() throws -> (source: String, origin: String) {
        let score = try catalog.load("score")
        for run in try store.runs().reversed() where run.manifest.sandbox == "score" && run.manifest.lockDigest == score.lockDigest {
            if let best = try store.promotions(run: run.id).last, let text = try store.source(best.sha256) {
                return (text, "\(run.id) promotion \(best.number)")
            }
        }
        return (score.seedSource, "score seed")
    }

    /// Creates a run and evolves it until its budget is spent or `shouldStop` says so.
    public func start(sandbox name: String, options: EvolutionOptions, clock: @escaping () -> Double,
                      shouldStop: @escaping () -> Bool, progress: @escaping (EvolutionEngine.Progress) -> Void,
                      started: (RunRecord) -> Void = { _ in }) throws -> RunSummary {
        let sandbox = try catalog.load(name)
        var options = options
        // The operator list is part of what the run's random draws mean: record it by name, so
        // operators added to later versions of the evolver do not change a replay.
        if options.operators == nil { options.operators = MutationRegistry.operators.map(\.name) }
        if options.screen != nil, let samples = sandbox.manifest.benchmark.screenSamples { options.screen?.samples = samples }
        let scoring = try activeScoringSource()
        let optionsJSON = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        let lock = try SandboxLock.compute(directory: sandbox.directory)
        var budget: [String: Double] = [:]
        if let t = options.timeLimit { budget["time_s"] = t }
        if let c = options.candidateLimit { budget["candidates"] = Double(c) }
        if let g = options.generationLimit { budget["generations"] = Double(g) }
        let manifest = RunManifest(
            sandbox: name, seed: options.seed, lockDigest: sandbox.lockDigest, lockFiles: lock.files, evolverVersion: Self.version,
            generator: "splitmix64", budget: budget,
            options: ["evolution": optionsJSON, "scoring_kernel": scoring.origin, "scoring_kernel_sha256": Hashing.sha256Hex(scoring.source),
                      "selection": "tournament+elitism"])
        try store.putSource(scoring.source, sha256: Hashing.sha256Hex(scoring.source))
        let run = try store.createRun(manifest: manifest)
        started(run)
        let engine = try EvolutionEngine(sandbox: sandbox, options: options, journal: StoreJournal(store: store, runID: run.id),
                                         workerPath: workerPath, scoringSource: scoring.source, clock: clock, shouldStop: shouldStop, progress: progress)
        try store.putSource(engine.seedSource, sha256: engine.seedSHA256)
        return try drive(engine, run: run, state: engine.initialState(scoringSource: scoring.source), known: [], elapsedBefore: 0, clock: clock)
    }

    /// Continues an interrupted or killed run from its last checkpoint.
    public func resume(_ id: String, extraTime: Double?, clock: @escaping () -> Double, shouldStop: @escaping () -> Bool,
                       progress: @escaping (EvolutionEngine.Progress) -> Void) throws -> RunSummary {
        let run = try store.run(id)
        let sandbox = try catalog.load(run.manifest.sandbox)
        guard sandbox.lockDigest == run.manifest.lockDigest else {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "its fixed files changed since run \(id) started; it cannot be resumed")
        }
        var options = try Self.options(of: run)
        if let extraTime { options.timeLimit = run.durationSeconds + extraTime }
        guard let checkpoint = try store.latestCheckpoint(run: id) else {
            throw EvolverError.invalidRun("run \(id) has no checkpoint to resume from")
        }
        let state = try JSONDecoder().decode(SearchState.self, from: checkpoint.state)
        let engine = try EvolutionEngine(sandbox: sandbox, options: options, journal: StoreJournal(store: store, runID: id), workerPath: workerPath,
                                         scoringSource: state.scoringKernelSource, clock: clock, shouldStop: shouldStop, progress: progress)
        try store.setStatus(id, status: .running)
        return try drive(engine, run: run, state: state, known: try store.knownHashes(run: id), elapsedBefore: run.durationSeconds, clock: clock)
    }

    private func drive(_ engine: EvolutionEngine, run: RunRecord, state: SearchState, known: Set<String>, elapsedBefore: Double,
                       clock: @escaping () -> Double) throws -> RunSummary {
        let began = clock()
        let ending: EvolutionEngine.Ending
        do {
            ending = try engine.run(from: state, known: known, elapsedBefore: elapsedBefore).ending
        } catch {
            try? store.finishRun(run.id, status: .interrupted, durationSeconds: elapsedBefore + clock() - began)
            throw error
        }
        try store.finishRun(run.id, status: ending == .completed ? .completed : .interrupted, durationSeconds: elapsedBefore + clock() - began)
        return RunSummary(try store.run(run.id))
    }

    /// Operators added after runs began recording their operator list.
    static let operatorsAddedLater: Set<String> = ["if-to-arithmetic"]

    /// The evolution options a run was started with.
    public static func options(of run: RunRecord) throws -> EvolutionOptions {
        guard let json = run.manifest.options["evolution"], let options = try? JSONDecoder().decode(EvolutionOptions.self, from: Data(json.utf8)) else {
            throw EvolverError.invalidRun("run \(run.id) has no readable options")
        }
        var resolved = options
        // Runs recorded before the list was stored drew from the operators that existed then.
        if resolved.operators == nil { resolved.operators = MutationRegistry.operators.map(\.name).filter { !Self.operatorsAddedLater.contains($0) } }
        return resolved
    }

    /// Every run, oldest first.
    public func summaries() throws -> [RunSummary] {
        try store.runs().map(RunSummary.init)
    }
}
