import Foundation
import KernelMutation
import KernelSyntax
import RunStore

/// The evolution loop: plan a generation of offspring, evaluate them in parallel (staged, sandboxed),
/// decide in offspring order with the judge, journal the generation durably, then act on it (new
/// incumbent, population, and — in the judge's own sandbox — an adoption of the promoted kernel as
/// the judge, through the adoption guard).
///
/// All randomness comes from the state's SplitMix64; evaluation order and timing never influence a
/// decision, so a run is reproducible from its seed and recorded evidence.
public final class EvolutionEngine {
    /// What a terminal status line shows.
    public struct Progress: Sendable {
        public var elapsed: Double
        public var generation: Int
        public var candidates: Int
        public var passing: Int
        public var promotions: Int
        public var bestSpeedup: Double
    }

    /// Why the loop ended.
    public enum Ending: String, Sendable {
        case completed, interrupted
    }

    public let sandbox: Sandbox
    public let options: EvolutionOptions
    /// The seed as normalized source (printer output).
    public let seedSource: String
    public let seedSHA256: String
    let seedUnit: TranslationUnit
    private let journal: RunJournal
    private let pool: EvaluatorPool
    private let decisionEvaluator: KernelEvaluator
    private let judge: Judge
    private let hooks: JudgeHooks
    private var planner: OffspringPlanner
    private let staged: StagedEvaluation
    private let differential: DifferentialTest
    private let clock: () -> Double
    private let shouldStop: () -> Bool
    private let progress: (Progress) -> Void
    private let integrity: () throws -> Void
    private let recordedGenerationSizes: [Int: Int]?
    private var passing = 0
    /// What earlier generations concluded, by machine code (nil: the run does not deduplicate).
    private var identity: CodeIdentity?
    /// The incumbent's median time per workload pass, from the journaled benchmarks (nil until measured).
    private var incumbentPassNs: Double?
    /// How offspring choose their operator (nil: the uniform draw of runs recorded before policies).
    public private(set) var policy: OperatorPolicy?
    /// The run's outside proposer (nil: none).
    private var proposer: ExternalProposer?

    /// - Parameters:
    ///   - judge: the scoring kernels samples are compared with (the active one and the seed's shadow).
    ///   - hooks: how adoptions are guarded and incidents recorded (the store), or checked (replay).
    ///   - recordedSamples: replay feeds recorded evidence instead of measuring.
    ///   - recordedTimeouts: replay takes timeouts (a timing matter) from the journal.
    ///   - recordedGenerationSizes: replay plans each generation as large as the journal recorded it.
    ///   - integrity: checked before every generation; what it throws stops the run.
    ///   - policyPrior: what earlier runs taught the run's policy (as recorded with the run).
    ///   - journaledProposals: the run's exchanges with its proposer so far (a resumed run goes on
    ///     after them; a replay answers every request from them and never calls the proposer).
    /// - Throws: `EvolverError` when the seed does not parse or a worker cannot start.
    public init(sandbox: Sandbox, options: EvolutionOptions, journal: RunJournal, workerPath: String, judge: Judge,
                policyPrior: [String: ArmTally] = [:], journaledProposals: [ProposalRecord] = [], hooks: JudgeHooks = .none,
                clock: @escaping () -> Double, shouldStop: @escaping () -> Bool = { false },
                progress: @escaping (Progress) -> Void = { _ in }, recordedSamples: SampleProvider? = nil,
                recordedTimeouts: TimeoutProvider? = nil, recordedGenerationSizes: [Int: Int]? = nil,
                integrity: @escaping () throws -> Void = {}) throws {
        self.sandbox = sandbox
        self.options = options
        self.journal = journal
        do {
            seedUnit = try CParser.parse(sandbox.seedSource, fileName: "seed.c")
        } catch {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "the seed is outside the evolvable C subset: \(error.localizedDescription)")
        }
        seedSource = CPrinter.print(seedUnit)
        seedSHA256 = Hashing.sha256Hex(seedSource)
        let evaluators = try (0..<max(1, options.jobs)).map { _ in try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath)) }
        pool = EvaluatorPool(evaluators)
        decisionEvaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        self.judge = judge
        self.hooks = hooks
        planner = OffspringPlanner(seedUnit: seedUnit, seedSHA256: seedSHA256, operators: options.operators, crossoverShare: options.crossoverShare ?? 0,
                                   facts: sandbox.harness.kernelFacts)
        staged = StagedEvaluation(runSeed: options.seed, cheapCases: StagedEvaluation.cheapest(sandbox, count: options.cheapCases),
                                  screen: options.screen, gate: QuietGate(), recordedSamples: recordedSamples, recordedTimeouts: recordedTimeouts,
                                  validateLast: options.validateLast == true)
        differential = DifferentialTest(sandbox: sandbox, seedSource: seedSource, inputs: options.differentialInputs)
        for record in journaledProposals { planner.register(record) }
        if let settings = options.proposer {
            let replaying = recordedSamples != nil
            let journaled = Dictionary(journaledProposals.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
            let process = ProposerProcess(command: settings.command, directory: URL(fileURLWithPath: settings.directory), timeoutSeconds: settings.timeoutSeconds)
            var external = ExternalProposer(command: settings.command, share: settings.share, sandbox: sandbox.name, prototype: sandbox.harness.prototype) { number, request in
                guard replaying else { return process.call(request) }
                guard let r = journaled[number] else {
                    return ProposerProcess.Call(status: "unavailable", detail: "proposal \(number) is not journaled", reply: Data(), elapsedMs: 0)
                }
                // A reply that was not a list of sources is read again from its raw bytes.
                return ProposerProcess.Call(status: r.status == "garbage" ? "replied" : r.status, detail: r.detail, reply: r.reply, elapsedMs: r.elapsedMs)
            }
            external.nextNumber = replaying ? 1 : (journaledProposals.map(\.number).max() ?? 0) + 1
            proposer = external
        }
        let arms = planner.operators.map(\.name)
        policy = options.policy.map {
            OperatorPolicy(settings: $0, operators: arms, crossoverShare: options.crossoverShare ?? 0, prior: policyPrior)
        }
        self.clock = clock
        self.shouldStop = shouldStop
        self.progress = progress
        self.integrity = integrity
        self.recordedGenerationSizes = recordedGenerationSizes
    }

    /// The state a new run starts from.
    public func initialState(scoringSource: String) -> SearchState {
        SearchState.initial(seed: options.seed, seedSHA256: seedSHA256, scoringSource: scoringSource)
    }

    /// Runs generations until a budget is spent, the search is exhausted, or `shouldStop` says so.
    /// - Parameters:
    ///   - known: every source hash the run has evaluated (never evaluated again).
    ///   - elapsedBefore: seconds already spent (a resumed run keeps its time budget).
    ///   - history: the candidates recorded before `start` (a resumed run), whose machine code later candidates may share.
    public func run(from start: SearchState, known: Set<String>, elapsedBefore: Double = 0, history: [CandidateRecord] = []) throws -> (state: SearchState, ending: Ending) {
        var state = start
        var known = known
        known.insert(seedSHA256)
        passing = state.passing
        if options.deduplicate == true {
            var table = CodeIdentity(seedSHA256: seedSHA256, seedImage: try seedImage())
            for r in history { table.record(r.conclusion, sha256: r.sha256, image: r.evidence.image) }
            identity = table
        }
        for r in history { policy?.record(ArmApplication(r)) }
        proposer?.recent = history.suffix(ExternalProposer.recentCount).map(Self.recent)
        if state.scoringKernelSHA256 != judge.activeSHA256 { judge.adopt(source: state.scoringKernelSource) }
        let began = clock()
        func elapsed() -> Double { elapsedBefore + clock() - began }
        while true {
            if shouldStop() { return (state, .interrupted) }
            try integrity()
            if let t = options.timeLimit, elapsed() >= t { return (state, .completed) }
            if let g = options.generationLimit, state.generation >= g { return (state, .completed) }
            if let target = options.targetSpeedup, state.incumbentSpeedupVsSeed >= target { return (state, .completed) }
            var count = options.offspringPerGeneration
            if let limit = options.candidateLimit { count = min(count, limit - state.candidateCount) }
            if let sizes = recordedGenerationSizes {
                count = min(count, sizes[state.generation] ?? 0)
            } else if let t = options.timeLimit {
                // Under a time budget a generation is only as large as the time left allows; the first
                // one, before anything was measured, one candidate per worker.
                let perCandidate = secondsPerCandidate(elapsed: elapsed() - elapsedBefore, state: state, since: start, before: elapsedBefore)
                count = min(count, perCandidate.map { max(1, Int((t - elapsed()) / $0)) } ?? max(1, options.jobs))
            }
            guard count > 0 else { return (state, .completed) }
            var next = state
            var offspring: [Offspring] = []
            var exchange: ProposalRecord?
            if let p = proposer {
                exchange = planner.proposals(count: count, from: p, state: &next, known: &known, tournamentSize: options.tournamentSize, into: &offspring)
                if exchange != nil { proposer?.nextNumber += 1 }
            }
            offspring += planner.plan(count: count - offspring.count, state: &next, known: &known, tournamentSize: options.tournamentSize, policy: policy,
                                      after: offspring.count)
            guard !offspring.isEmpty else { return (state, .completed) }
            let incumbentSource = try source(of: state.incumbent)
            let screenedBy = judge.activeSHA256
            let results = evaluate(offspring, incumbentSource: incumbentSource, incumbentSHA256: state.incumbent.sha256, incumbentPassNs: incumbentPassNs,
                                   pastDeadline: options.timeLimit.map { t in { elapsed() > t } } ?? { false })
            if shouldStop() { return (state, .interrupted) }
            // A generation that ran past the time budget is not recorded: the budget is a bound, not a target.
            if let t = options.timeLimit, elapsed() > t { return (state, .completed) }
            // A screen's incident: the seed judges this generation's decisions and everything after.
            var incidents = results.flatMap(\.incidents)
            if !incidents.isEmpty { judge.useSeed() }
            var record = try decide(offspring, results, incumbentSource: incumbentSource, screenedBy: screenedBy, state: &next, incidents: &incidents)
            let recordedAt = Int64((elapsed() * 1000).rounded())
            for i in record.candidates.indices { record.candidates[i].elapsedMs = recordedAt }
            if policy != nil {
                for c in record.candidates { policy?.record(ArmApplication(c)) }
                record.learned = policy?.own
            }
            record.proposals = exchange.map { [$0] } ?? []
            if let recent = proposer?.recent {
                proposer?.recent = Array((recent + record.candidates.map(Self.recent)).suffix(ExternalProposer.recentCount))
            }
            try journal.record(record)
            for c in record.candidates { identity?.record(c.conclusion, sha256: c.sha256, image: c.evidence.image) }
            incumbentPassNs = Self.incumbentPassNs(after: record, before: incumbentPassNs)
            state = record.state
            for incident in incidents { try hooks.incident(incident) }
            if let promotion = record.promotion, sandbox.manifest.judge == true, let promoted = record.candidates.first(where: { $0.index == promotion.candidateIndex }),
               try hooks.adopt(AdoptionRequest(source: promoted.source, sha256: promoted.sha256, candidateIndex: promotion.candidateIndex,
                                               promotion: promotion.number, secondsLeft: options.timeLimit.map { $0 - elapsed() })) {
                // The evolver rewires its own judge: from the next generation on, comparisons run on the adopted kernel.
                judge.adopt(source: promoted.source)
                state.scoringKernelSHA256 = promoted.sha256
                state.scoringKernelSource = promoted.source
                try journal.checkpoint(state)
            }
            progress(Progress(elapsed: elapsed(), generation: state.generation, candidates: state.candidateCount, passing: state.passing,
                              promotions: state.promotions, bestSpeedup: state.incumbentSpeedupVsSeed))
        }
    }

    /// How a decided candidate appears in a proposer's request.
    static func recent(_ c: CandidateOutcome) -> ProposalRequest.Recent {
        ProposalRequest.Recent(verdict: c.verdict.rawValue, detail: c.detail, speedup: c.comparison?.speedup)
    }

    static func recent(_ c: CandidateRecord) -> ProposalRequest.Recent {
        ProposalRequest.Recent(verdict: c.verdict, detail: c.detail, speedup: c.comparison?["speedup"])
    }

    /// The incumbent's time per pass after a generation: the promoted candidate's in its deciding
    /// benchmark, else (until known) the incumbent's in the generation's first measured benchmark.
    static func incumbentPassNs(after record: GenerationRecord, before: Double?) -> Double? {
        func median(_ samples: [Int64]) -> Double? { samples.isEmpty ? nil : Double(samples.sorted()[samples.count / 2]) }
        if let p = record.promotion, let c = record.candidates.first(where: { $0.index == p.candidateIndex }) {
            return c.evidence.deciding.flatMap { median($0.candidate) } ?? before
        }
        if let before { return before }
        return record.candidates.lazy.compactMap { $0.evidence.measuredBenchmarks.first.flatMap { median($0.incumbent) } }.first
    }

    /// The seed's machine-code image, from a validation of the cheap cases (nil if it did not compile).
    private func seedImage() throws -> String? {
        var rng = SplitMix64(seed: options.seed)
        return try decisionEvaluator.validate(seedSource, rng: &rng, subset: staged.cheapCases, callDeadlineMs: StagedEvaluation.cheapDeadlineMs,
                                              deadlineScale: staged.recordedSamples == nil ? 1 : StagedEvaluation.replayDeadlineScale).imageSHA256
    }

    /// Seconds one candidate has taken so far (this process's generations, else the run's history),
    /// or nil before anything was measured.
    private func secondsPerCandidate(elapsed: Double, state: SearchState, since start: SearchState, before: Double) -> Double? {
        let here = state.candidateCount - start.candidateCount
        if here > 0 { return elapsed / Double(here) }
        return state.candidateCount > 0 && before > 0 ? before / Double(state.candidateCount) : nil
    }

    /// Normalized source of a population member.
    public func source(of member: SearchState.Member) throws -> String {
        member.sha256 == seedSHA256 ? seedSource : CPrinter.print(try planner.unit(of: member))
    }

    /// Evaluates a generation's offspring in parallel; once `pastDeadline` says the time budget is
    /// spent, the candidates not yet started are skipped (the generation is then not recorded).
    private func evaluate(_ offspring: [Offspring], incumbentSource: String, incumbentSHA256: String, incumbentPassNs: Double?,
                          pastDeadline: @escaping () -> Bool) -> [StagedEvaluation.Result] {
        let slots = ResultSlots<StagedEvaluation.Result>(count: offspring.count)
        let staged = self.staged, pool = self.pool, judge = self.judge, identity = self.identity
        let late = UncheckedSendable(pastDeadline)
        DispatchQueue.concurrentPerform(iterations: offspring.count) { i in
            let result: StagedEvaluation.Result
            do {
                result = try pool.with { evaluator in
                    guard !late.value() else { throw EvolverError.workerFailed("skipped: the time budget is spent") }
                    return try staged.evaluate(offspring[i], incumbentSource: incumbentSource, incumbentSHA256: incumbentSHA256, identity: identity,
                                               incumbentPassNs: incumbentPassNs, judge: judge, with: evaluator)
                }
            } catch {
                result = StagedEvaluation.Result(verdict: .internalError, detail: "\(error.localizedDescription)", stage: .cheap, compileNs: 0)
            }
            slots.set(i, result)
        }
        return slots.values.map { $0! }
    }

    /// A second benchmark in fresh children with the kernels' order swapped (or the journaled one, in a replay).
    private func confirmation(of o: Offspring, incumbentSource: String) throws -> BenchmarkEvidence {
        if let recorded = staged.recordedSamples?(o.index)?.confirmation { return recorded }
        let seed = BenchmarkSeed.derive(runSeed: options.seed, candidate: o.index, purpose: .confirmation)
        return try decisionEvaluator.benchmark(incumbent: incumbentSource, candidate: o.source, inputSeed: seed, candidateFirst: true).evidence
    }

    /// The differential test against the seed on fresh inputs (validation: run live, in a replay too).
    private func differentialEvidence(of o: Offspring) throws -> DifferentialEvidence {
        let why = try differential.disagreement(o.source, candidateIndex: o.index, runSeed: options.seed, evaluator: decisionEvaluator)
        return DifferentialEvidence(inputs: options.differentialInputs, agreed: why == nil, detail: why)
    }

    /// Runs a stage of the decision, adding its time to the candidate's timing evidence (a replay
    /// keeps the journaled times).
    private func timed<T>(_ stage: WritableKeyPath<StageTiming, UInt64>, of outcome: inout CandidateOutcome, _ work: () throws -> T) rethrows -> T {
        guard staged.recordedSamples == nil else { return try work() }
        var ns: UInt64 = 0
        defer { outcome.evidence.timing = outcome.evidence.timing ?? StageTiming(); outcome.evidence.timing![keyPath: stage] &+= ns }
        return try StagedEvaluation.timed(&ns, work)
    }

    /// A decisive comparison, timed; an incident (the shadow disagreed) is collected for the history.
    private func decisive(_ bench: BenchmarkEvidence, outcome: inout CandidateOutcome, incidents: inout [Judge.Incident]) throws -> SampleComparison {
        let started = DispatchTime.now().uptimeNanoseconds
        let verdict = try judge.decisive(incumbent: bench.incumbent, candidate: bench.candidate)
        outcome.compareNs += DispatchTime.now().uptimeNanoseconds - started
        outcome.scoringKernelSHA256 = verdict.scorerSHA256
        if let incident = verdict.incident {
            incidents.append(incident)
            outcome.evidence.note(incident)
        }
        return verdict.comparison
    }

    /// - Parameter screenedBy: the judge the generation's speed screens compared with (the one
    ///   in use when it was evaluated); a decisive comparison names the judge that made it.
    private func decide(_ offspring: [Offspring], _ results: [StagedEvaluation.Result], incumbentSource: String, screenedBy: String,
                        state next: inout SearchState, incidents: inout [Judge.Incident]) throws -> GenerationRecord {
        var outcomes: [CandidateOutcome] = []
        var promotion: PromotionOutcome?
        var promoted: SearchState.Member?
        var newcomers: [SearchState.Member] = []
        for (o, r) in zip(offspring, results) {
            var outcome = CandidateOutcome(
                index: o.index, generation: next.generation, sha256: o.sha256, parentSHA256: o.parentSHA256, edits: o.edits,
                source: o.source, compileNs: r.compileNs, verdict: r.verdict, detail: r.detail, stage: r.stage,
                scoringKernelSHA256: screenedBy, incumbentSHA256: next.incumbent.sha256,
                evidence: r.evidence, comparison: nil, decision: .rejected, compareNs: r.compareNs, origin: o.origin)
            defer { outcomes.append(outcome) }
            if let reuse = r.reuse {
                // The same machine code as an earlier candidate: its verdict, nothing measured again.
                outcome.decision = reuse.decision
                outcome.comparison = reuse.comparison
                continue
            }
            if r.verdict == .screenedOut {
                outcome.comparison = r.screenComparison
                outcome.decision = .notFaster
                // Neutral variants stay in the population as stepping stones (estimated by the
                // screen); whatever descends from them is validated in full before any promotion.
                if let c = r.screenComparison {
                    newcomers.append(SearchState.Member(sha256: o.sha256, edits: o.edits, fitness: next.incumbentSpeedupVsSeed * c.speedup))
                }
                continue
            }
            guard r.verdict == .passed, let deciding = r.evidence.deciding else { continue }
            outcome.stage = .decided
            var judged = JudgedEvidence(deciding: try decisive(deciding, outcome: &outcome, incidents: &incidents),
                                        suite: options.validateLast == true ? nil : .passed)
            outcome.comparison = judged.deciding
            let member = SearchState.Member(sha256: o.sha256, edits: o.edits, fitness: next.incumbentSpeedupVsSeed * judged.deciding.speedup)
            while true {
                switch PromotionDecider.step(judged, rule: options.rule, promotedEarlier: promoted != nil) {
                case .needsSuite:
                    var rng = StagedEvaluation.lateSuiteRNG(runSeed: options.seed, index: o.index)
                    if let failure = try timed(\.suiteNs, of: &outcome, { try staged.suite(o, rng: &rng, with: decisionEvaluator) }) {
                        judged.suite = .failed(verdict: failure.verdict, detail: failure.detail)
                        outcome.verdict = failure.verdict
                        outcome.stage = .suite
                    } else {
                        judged.suite = .passed
                    }
                    continue
                case .needsConfirmation:
                    let bench = try timed(\.confirmationNs, of: &outcome) { try confirmation(of: o, incumbentSource: incumbentSource) }
                    outcome.evidence.confirmation = bench
                    judged.confirmation = try bench.failure.map { .failed(detail: "\($0.verdict): \($0.detail)") }
                        ?? .measured(decisive(bench, outcome: &outcome, incidents: &incidents))
                    continue
                case .needsDifferential:
                    let evidence = try timed(\.differentialNs, of: &outcome) { try differentialEvidence(of: o) }
                    outcome.evidence.differential = evidence
                    judged.differential = evidence
                    continue
                case .decided(let decision, let detail):
                    outcome.decision = decision
                    if let detail { outcome.detail = detail }
                }
                break
            }
            if judged.suite == .passed { passing += 1 }
            if judged.suite == nil {
                // Measured, never validated on the whole suite: a stepping stone, not a pass.
                outcome.verdict = .screenedOut
                let c = judged.deciding
                let measured = String(format: "the deciding benchmark measured %.3fx (gain %+.2f%%, p = %.2g)", c.speedup, c.relativeGain * 100, c.pValue)
                outcome.detail = outcome.decision == .superseded
                    ? "\(measured): faster, but another candidate of the generation was promoted first; the whole suite was not run"
                    : "\(measured): not faster; the whole suite was not run"
            }
            switch outcome.decision {
            case .rejected:
                continue
            case .differentialMismatch:
                outcome.verdict = .wrongOutput
            case .promoted:
                promoted = member
                newcomers.append(member)
                let c = judged.deciding
                promotion = PromotionOutcome(
                    number: next.promotions + 1, candidateIndex: o.index, sha256: o.sha256,
                    speedupVsSeed: member.fitness, speedupVsPrevious: c.speedup, pValue: c.pValue, gain: c.relativeGain)
            default:
                newcomers.append(member)
            }
        }
        next.passing = passing
        next.candidateCount += offspring.count
        next.generation += 1
        if let promoted {
            next.incumbent = promoted
            next.incumbentSpeedupVsSeed = promoted.fitness
            next.promotions += 1
        }
        if !incidents.isEmpty {
            // The shadow disagreed: the seed scorer judges from here on.
            next.scoringKernelSHA256 = judge.seed.sourceSHA256
            next.scoringKernelSource = judge.seed.source
        }
        next.population = Population.survivors(next.population, newcomers: newcomers, incumbent: next.incumbent, size: options.populationSize)
        return GenerationRecord(candidates: outcomes, promotion: promotion, state: next)
    }
}
