import Foundation
import RunStore

/// Where an offered scoring kernel came from.
public struct AdoptionOrigin: Sendable, Equatable {
    public var runID: String?
    public var promotion: Int?
    public var file: String?

    public init(runID: String? = nil, promotion: Int? = nil, file: String? = nil) {
        self.runID = runID
        self.promotion = promotion
        self.file = file
    }

    public static func promotion(_ number: Int, of run: String) -> AdoptionOrigin { AdoptionOrigin(runID: run, promotion: number, file: nil) }
    public static func file(_ path: String) -> AdoptionOrigin { AdoptionOrigin(runID: nil, promotion: nil, file: path) }

    /// One line: "run r0003 promotion 2" or "file best.c".
    public var description: String {
        if let file { return "file \(file)" }
        return "run \(runID ?? "?") promotion \(promotion ?? 0)"
    }
}

/// How a run treats promotions of the judge's own sandbox.
public enum AdoptionPolicy: Sendable {
    /// Offer each to the guard; adopt what passes.
    case guarded
    /// Keep the judge unchanged (`--no-adopt`).
    case off
    /// Ask before each adoption (`--approve`): the closure shows the offer and returns nil when
    /// approved, else why not (recorded as the refusal's reason).
    case approve(@Sendable (AdoptionRequest) -> String?)
}

extension EvolutionService {
    /// The judge sandbox (the one whose manifest declares `"judge": true`).
    public func judgeSandbox() throws -> Sandbox { try catalog.judge() }

    /// The active scoring kernel's hash: the latest event's judge, else the seed scorer's.
    public func activeScorerSHA256() throws -> String {
        try store.scorerEvents().last?.activeSHA256 ?? Hashing.sha256Hex(try judgeSandbox().seedSource)
    }

    /// The judge a command that judges starts with, checked first: the active kernel's source must
    /// still hash to the adopted hash, and its guard evidence must be for this evolver version and
    /// the judge sandbox's current lock; otherwise the guard runs again. A kernel that fails any of
    /// this is recorded as an incident and the seed scorer judges (`warn` gets one line).
    public func activeJudge(warn: (String) -> Void) throws -> Judge {
        let sandbox = try judgeSandbox()
        let judge = try Judge(seedOf: sandbox, workerPath: workerPath)
        let seed = judge.seed
        let events = try store.scorerEvents()
        guard let active = events.last?.activeSHA256, active != seed.sourceSHA256 else { return judge }
        func fallBack(_ why: String) throws -> Judge {
            try store.putSource(seed.source, sha256: seed.sourceSHA256)
            try record(.incident, sha256: active, active: seed.sourceSHA256, origin: AdoptionOrigin(), sandbox: sandbox, evidence: nil, reason: why)
            warn("the adopted scoring kernel \(active.prefix(12)) \(why); judging with the seed scorer (see 'evolver self')")
            return judge
        }
        guard let source = try store.source(active), Hashing.sha256Hex(source) == active else {
            return try fallBack("no longer hashes to its adopted hash")
        }
        let adoption = events.last { $0.kind == .adopted && $0.sha256 == active }
        if let adoption, adoption.evolverVersion == Self.version, adoption.lockDigest == sandbox.lockDigest, adoption.evidence?.passed == true {
            judge.adopt(source: source)
            return judge
        }
        let why = adoption.map { "its guard evidence is for evolver \($0.evolverVersion) and lock \($0.lockDigest.prefix(12))" } ?? "it has no guard evidence"
        let outcome = try offer(source, origin: AdoptionOrigin(runID: adoption?.runID, promotion: adoption?.promotion, file: adoption?.file),
                                inputSeed: UInt64.random(in: 0...UInt64.max), reason: "guard run again: \(why)", refusalKind: .incident)
        guard outcome.adopted else {
            // The failed guard run is recorded as the incident; the seed judges from here on.
            warn("the adopted scoring kernel \(active.prefix(12)) failed the adoption guard run again (\(outcome.reason)); judging with the seed scorer (see 'evolver self')")
            return judge
        }
        judge.adopt(source: source)
        return judge
    }

    /// What an offer to adopt a scoring kernel ended in.
    public struct AdoptionOutcome: Sendable {
        public var adopted: Bool
        /// One line: why it was refused, or what was adopted.
        public var reason: String
        public var event: ScorerEventRecord
    }

    /// Runs the adoption guard on `source` and journals the adoption or the refusal.
    /// - Parameters:
    ///   - refusalKind: how a failure is recorded (`refused`; `incident` when an adopted kernel fails again).
    /// - Throws: `EvolverError.workerFailed` when the sandbox itself fails.
    public func offer(_ source: String, origin: AdoptionOrigin, inputSeed: UInt64, reason: String = "passed the adoption guard",
                      refusalKind: ScorerEventKind = .refused, clock: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) throws -> AdoptionOutcome {
        let sandbox = try judgeSandbox()
        let sha = Hashing.sha256Hex(source)
        let before = try activeScorerSHA256()
        try store.putSources([sha: source].merging([Hashing.sha256Hex(sandbox.seedSource): sandbox.seedSource]) { a, _ in a })
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        let pairs = try store.recentEvidence(limit: AdoptionGuard.refereeCap).flatMap(\.measuredBenchmarks).prefix(AdoptionGuard.refereeCap)
        let reference = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        var evidence = try AdoptionGuard(sandbox: sandbox, evaluator: evaluator, reference: reference).check(source, pairs: Array(pairs.reversed()), inputSeed: inputSeed, clock: clock)
        guard evidence.passed else {
            let why = refusalKind == .incident ? "\(reason), and it failed: \(evidence.failure ?? "refused")" : evidence.failure ?? "refused"
            let event = try record(refusalKind, sha256: sha, active: refusalKind == .incident ? Hashing.sha256Hex(sandbox.seedSource) : before,
                                   origin: origin, sandbox: sandbox, evidence: evidence, reason: why)
            return AdoptionOutcome(adopted: false, reason: why, event: event)
        }
        evidence.speedupVsSeed = try? speedVsSeed(source, sandbox: sandbox, evaluator: evaluator, seed: inputSeed)
        let event = try record(.adopted, sha256: sha, active: sha, origin: origin, sandbox: sandbox, evidence: evidence, reason: reason)
        return AdoptionOutcome(adopted: true, reason: reason, event: event)
    }

    /// Goes back to the seed scorer (`nil` or "seed") or to a kernel adopted before (its hash or a prefix of it).
    /// - Throws: `EvolverError.invalidRun` when the target was never adopted.
    @discardableResult
    public func revert(to target: String?) throws -> ScorerEventRecord {
        let sandbox = try judgeSandbox()
        let seedSHA = Hashing.sha256Hex(sandbox.seedSource)
        let current = try activeScorerSHA256()
        let sha: String
        if target == nil || target == "seed" {
            sha = seedSHA
        } else {
            let events = try store.scorerEvents()
            let adopted = Set(events.filter { $0.kind == .adopted }.map(\.sha256))
            let matches = adopted.filter { $0.hasPrefix(target!.lowercased()) }
            guard matches.count == 1, let only = matches.first else {
                throw EvolverError.invalidRun(matches.isEmpty
                    ? "no scoring kernel \(target!) was ever adopted (see 'evolver self'); 'seed' goes back to the seed scorer"
                    : "\(target!) names \(matches.count) adopted scoring kernels; give more digits")
            }
            if let incident = events.last(where: { $0.kind == .incident && $0.sha256 == only }) {
                throw EvolverError.invalidRun("the scoring kernel \(only.prefix(12)) had an incident (\(incident.reason)); it cannot judge again (offer a corrected kernel with 'evolver self adopt')")
            }
            sha = only
        }
        try store.putSource(sandbox.seedSource, sha256: seedSHA)
        return try record(.reverted, sha256: sha, active: sha, origin: AdoptionOrigin(), sandbox: sandbox, evidence: nil,
                          reason: "reverted from \(current.prefix(12)) by the user")
    }

    /// The hooks a run uses: promotions of the judge sandbox are offered to the guard (as `policy`
    /// says), and incidents are journaled.
    public func judgeHooks(runID: String, runSeed: UInt64, policy: AdoptionPolicy, warn: @escaping (String) -> Void) -> JudgeHooks {
        JudgeHooks(
            adopt: { request in
                let origin = AdoptionOrigin.promotion(request.promotion, of: runID)
                switch policy {
                case .off:
                    return false
                case .approve(let ask):
                    if let declined = ask(request) {
                        try self.refuseUnguarded(request, origin: origin, reason: declined)
                        return false
                    }
                case .guarded:
                    break
                }
                let needed = try self.guardSecondsEstimate()
                if let left = request.secondsLeft, left < needed {
                    try self.refuseUnguarded(request, origin: origin, reason: String(
                        format: "not offered to the guard: %.1f s of the run's time budget left, the guard takes about %.0f s", max(0, left), needed))
                    return false
                }
                let outcome: AdoptionOutcome
                do {
                    outcome = try self.offer(request.source, origin: origin,
                                             inputSeed: BenchmarkSeed.derive(runSeed: runSeed, candidate: request.candidateIndex, purpose: .adoption))
                } catch let error as EvolverError {
                    // The guard could not finish (its sandbox failed): no adoption, and the run goes on with its judge.
                    let why = "the adoption guard could not finish: \(error.localizedDescription)"
                    try self.refuseUnguarded(request, origin: origin, reason: why)
                    warn("promotion \(request.promotion) was not adopted as the judge: \(why)")
                    return false
                }
                guard outcome.adopted else {
                    warn("promotion \(request.promotion) was not adopted as the judge: \(outcome.reason)")
                    return false
                }
                return true
            },
            incident: { incident in
                try self.recordIncident(incident, runID: runID)
                warn("the scoring kernel \(incident.scorerSHA256.prefix(12)) disagreed with the seed scorer; the seed judges from now on (see 'evolver self')")
            })
    }

    /// Journals the refusal of a promotion that the guard did not judge (declined, no time, the guard failed).
    func refuseUnguarded(_ request: AdoptionRequest, origin: AdoptionOrigin, reason: String) throws {
        try store.putSource(request.source, sha256: request.sha256)
        try record(.refused, sha256: request.sha256, active: try activeScorerSHA256(), origin: origin, sandbox: try judgeSandbox(),
                   evidence: nil, reason: reason)
    }

    /// Journals a disagreement of the active kernel with its seed shadow; the seed becomes the judge.
    public func recordIncident(_ incident: Judge.Incident, runID: String?) throws {
        let sandbox = try judgeSandbox()
        let seedSHA = Hashing.sha256Hex(sandbox.seedSource)
        try store.putSource(sandbox.seedSource, sha256: seedSHA)
        try record(.incident, sha256: incident.scorerSHA256, active: seedSHA, origin: AdoptionOrigin(runID: runID), sandbox: sandbox,
                   evidence: nil, reason: incident.reason)
    }

    /// How long the guard is expected to take: half again the longest it took on this store, at least 5 s.
    func guardSecondsEstimate() throws -> Double {
        max(5, 1.5 * (try store.scorerEvents().compactMap { $0.evidence?.seconds }.max() ?? 0))
    }

    /// The adopted kernel's speed against the seed scorer on the judge's workload, measured in fresh sandboxed children.
    func speedVsSeed(_ source: String, sandbox: Sandbox, evaluator: KernelEvaluator, seed: UInt64) throws -> Double? {
        let bench = try evaluator.benchmark(incumbent: sandbox.seedSource, candidate: source, inputSeed: seed)
        guard bench.verdict == .passed else { return nil }
        return try ScoringKernel(source: sandbox.seedSource).compare(incumbent: bench.incumbentSamples, candidate: bench.candidateSamples).speedup
    }

    @discardableResult
    func record(_ kind: ScorerEventKind, sha256: String, active: String, origin: AdoptionOrigin, sandbox: Sandbox, evidence: GuardEvidence?,
                reason: String) throws -> ScorerEventRecord {
        try store.recordScorerEvent(ScorerEventRecord(
            kind: kind, sha256: sha256, activeSHA256: active, runID: origin.runID, promotion: origin.promotion, file: origin.file, at: Date(),
            evolverVersion: Self.version, lockDigest: sandbox.lockDigest, evidence: evidence, reason: reason))
    }
}

extension AdoptionPolicy {
    /// As recorded in the run manifest.
    var name: String {
        switch self {
        case .guarded: "guarded"
        case .off: "off"
        case .approve: "approve"
        }
    }
}
