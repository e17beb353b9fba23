import Foundation
import KernelMutation
import RunStore

/// Starts, resumes and summarizes runs: the glue between the engine and the store.
public struct EvolutionService {
    public let store: RunStore
    public let catalog: SandboxCatalog
    public let workerPath: String
    /// The evolver's version, recorded in every run manifest.
    public static let version = "0.4.0"

    public init(store: RunStore, catalog: SandboxCatalog, workerPath: String) {
        self.store = store
        self.catalog = catalog
        self.workerPath = workerPath
    }

    /// Creates a run and evolves it until its budget is spent or `shouldStop` says so.
    /// - Parameters:
    ///   - adoption: how promotions of the judge sandbox are treated (guarded adoption by default).
    ///   - warn: one-line warnings about the judge (a fallback to the seed scorer, a refused adoption).
    public func start(sandbox name: String, options: EvolutionOptions, adoption: AdoptionPolicy = .guarded, clock: @escaping () -> Double,
                      shouldStop: @escaping () -> Bool, progress: @escaping (EvolutionEngine.Progress) -> Void,
                      warn: @escaping (String) -> Void = { _ in }, started: (RunRecord) -> Void = { _ in }) throws -> RunSummary {
        let sandbox = try catalog.load(name)
        var options = options
        // The operator list is part of what the run's random draws mean: record it by name, so
        // operators added to later versions of the evolver do not change a replay.
        if options.operators == nil {
            options.operators = Self.defaultOperators(for: sandbox)
        } else if !sandbox.harness.allowsFloatReassociation, let asked = options.operators?.first(where: MutationRegistry.floatReassociating.contains) {
            throw EvolverError.invalidSandbox(sandbox: name, reason: "\(asked) re-associates floating-point sums, and not every output of harness.json has a floating-point tolerance that allows it")
        }
        if options.screen != nil, let samples = sandbox.manifest.benchmark.screenSamples { options.screen?.samples = samples }
        let judge = try activeJudge(warn: warn)
        let scoringOrigin = try scorerOrigin(judge.activeSHA256)
        let optionsJSON = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        let lock = try SandboxLock.compute(directory: sandbox.directory)
        var budget: [String: Double] = [:]
        if let t = options.timeLimit { budget["time_s"] = t }
        if let c = options.candidateLimit { budget["candidates"] = Double(c) }
        if let g = options.generationLimit { budget["generations"] = Double(g) }
        if let s = options.targetSpeedup { budget["until_speedup"] = s }
        let manifest = RunManifest(
            sandbox: name, seed: options.seed, lockDigest: sandbox.lockDigest, lockFiles: lock.files, evolverVersion: Self.version,
            generator: "splitmix64", budget: budget,
            options: ["evolution": optionsJSON, "scoring_kernel": scoringOrigin, "scoring_kernel_sha256": judge.activeSHA256,
                      "selection": "tournament+elitism", "adoption": adoption.name])
        try store.putSource(judge.activeSource, sha256: judge.activeSHA256)
        let earlier = options.policy?.mode == .learned ? try store.policies(sandbox: name).filter { !$0.learned.isEmpty } : []
        let run = try store.createRun(manifest: manifest)
        let prior = OperatorPolicy.combined(earlier)
        if let policy = options.policy {
            try store.putPolicy(RunPolicyRecord(runID: run.id, sandbox: name, mode: policy.mode.rawValue, credit: policy.credit.rawValue,
                                                learnedFrom: earlier.map(\.runID), prior: prior, learned: [:]))
        }
        started(run)
        let engine = try EvolutionEngine(sandbox: sandbox, options: options, journal: StoreJournal(store: store, runID: run.id),
                                         workerPath: workerPath, judge: judge, policyPrior: prior,
                                         hooks: judgeHooks(runID: run.id, runSeed: options.seed, policy: adoption, warn: warn),
                                         clock: clock, shouldStop: shouldStop, progress: progress, integrity: Self.integrityCheck(sandbox))
        try store.putSource(engine.seedSource, sha256: engine.seedSHA256)
        return try drive(engine, run: run, state: engine.initialState(scoringSource: judge.activeSource), known: [], elapsedBefore: 0, clock: clock)
    }

    /// Continues an interrupted or killed run from its last checkpoint.
    public func resume(_ id: String, extraTime: Double?, adoption: AdoptionPolicy = .guarded, clock: @escaping () -> Double, shouldStop: @escaping () -> Bool,
                       progress: @escaping (EvolutionEngine.Progress) -> Void, warn: @escaping (String) -> Void = { _ in }) throws -> RunSummary {
        let run = try store.run(id)
        let sandbox = try catalog.load(run.manifest.sandbox)
        guard sandbox.isJudgedAsRecorded(lockDigest: run.manifest.lockDigest) else {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "its fixed files changed since run \(id) started; it cannot be resumed")
        }
        if let m = try store.minimizations(run: id).last {
            throw EvolverError.invalidRun("run \(id) was minimized (minimization \(m.number), of promotion \(m.promotion)): its minimized kernels are its last candidates, so it cannot be resumed; start a new run")
        }
        var options = try Self.options(of: run)
        if let extraTime { options.timeLimit = run.durationSeconds + extraTime }
        guard let checkpoint = try store.latestCheckpoint(run: id) else {
            throw EvolverError.invalidRun("run \(id) has no checkpoint to resume from")
        }
        let state = try JSONDecoder().decode(SearchState.self, from: checkpoint.state)
        // The run goes on with the judge its checkpoint names, which must still be the active judge
        // (checked at start-up like any command that judges): a revert or an incident since then
        // would otherwise go unnoticed, and a replay could not know of the change.
        guard Hashing.sha256Hex(state.scoringKernelSource) == state.scoringKernelSHA256 else {
            throw EvolverError.invalidRun("the checkpoint of run \(id) names a scoring kernel whose source does not hash to its recorded hash")
        }
        let judge = try activeJudge(warn: warn)
        guard judge.activeSHA256 == state.scoringKernelSHA256 else {
            throw EvolverError.invalidRun("run \(id) was judged by scoring kernel \(state.scoringKernelSHA256.prefix(12)), but the judge is now \(judge.activeSHA256.prefix(12)) (see 'evolver self'); start a new run, or resume after 'evolver self revert \(state.scoringKernelSHA256.prefix(12))'")
        }
        var prior: [String: ArmTally] = [:]
        if let policy = options.policy {
            if let recorded = try store.policy(run: id) {
                prior = recorded.prior
            } else {
                // Stopped between creating the run and recording its policy: nothing was learned before it.
                try store.putPolicy(RunPolicyRecord(runID: id, sandbox: sandbox.name, mode: policy.mode.rawValue, credit: policy.credit.rawValue,
                                                    learnedFrom: [], prior: [:], learned: [:]))
            }
        }
        let engine = try EvolutionEngine(sandbox: sandbox, options: options, journal: StoreJournal(store: store, runID: id), workerPath: workerPath,
                                         judge: judge, policyPrior: prior, journaledProposals: try store.proposals(run: id), hooks: judgeHooks(runID: id, runSeed: options.seed, policy: adoption, warn: warn),
                                         clock: clock, shouldStop: shouldStop, progress: progress, integrity: Self.integrityCheck(sandbox))
        try store.setStatus(id, status: .running)
        return try drive(engine, run: run, state: state, known: try store.knownHashes(run: id), elapsedBefore: run.durationSeconds, clock: clock,
                         history: try store.candidates(run: id))
    }

    private func drive(_ engine: EvolutionEngine, run: RunRecord, state: SearchState, known: Set<String>, elapsedBefore: Double,
                       clock: @escaping () -> Double, history: [CandidateRecord] = []) throws -> RunSummary {
        let began = clock()
        let ending: EvolutionEngine.Ending
        do {
            ending = try engine.run(from: state, known: known, elapsedBefore: elapsedBefore, history: history).ending
        } catch {
            try? store.finishRun(run.id, status: .interrupted, durationSeconds: elapsedBefore + clock() - began)
            throw error
        }
        try store.finishRun(run.id, status: ending == .completed ? .completed : .interrupted, durationSeconds: elapsedBefore + clock() - began)
        return RunSummary(try store.run(run.id))
    }

    /// Where the scoring kernel `sha256` came from, in a few words.
    func scorerOrigin(_ sha256: String) throws -> String {
        guard let event = try store.scorerEvents().last(where: { $0.activeSHA256 == sha256 && $0.kind == .adopted }) else { return "judge seed" }
        return AdoptionOrigin(runID: event.runID, promotion: event.promotion, file: event.file).description
    }

    /// Before every generation: the sandbox's fixed files must still match its lock, or the run stops
    /// (its generations so far are recorded) with the file named.
    static func integrityCheck(_ sandbox: Sandbox) -> () throws -> Void {
        {
            let lock = try SandboxLock.compute(directory: sandbox.directory)
            let lockURL = sandbox.directory.appendingPathComponent(SandboxLock.fileName)
            guard let data = FileManager.default.contents(atPath: lockURL.path), Hashing.sha256Hex(data) == sandbox.lockDigest else {
                throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "lock.json changed during the run; the run stopped")
            }
            let recorded = try JSONDecoder().decode(SandboxLock.self, from: data)
            if let file = recorded.firstMismatch(against: lock) {
                throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "its fixed file \(file) changed during the run; the run stopped")
            }
        }
    }

    /// Operators added after runs began recording their operator list.
    static let operatorsAddedLater: Set<String> = ["if-to-arithmetic", "split-float-accumulator", "graft", "sort-to-selection", "inline-helper", "graft-selection"]

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
