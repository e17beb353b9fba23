import Foundation
import KernelMutation
import KernelSyntax

/// The evolution loop: plan a generation of offspring, evaluate them in parallel (staged, sandboxed),
/// decide in offspring order with the active scoring kernel, journal the generation durably, then
/// act on it (new incumbent, population, and — in the `score` sandbox — a new scoring kernel).
///
/// All randomness comes from the state's SplitMix64; evaluation order and timing never influence a
/// decision, so a run is reproducible from its seed and recorded samples.
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
    private var scoring: ScoringKernel
    private var planner: OffspringPlanner
    private let staged: StagedEvaluation
    private let differential: DifferentialTest
    private let clock: () -> Double
    private let shouldStop: () -> Bool
    private let progress: (Progress) -> Void
    private var passing = 0

    /// - Parameters:
    ///   - scoringSource: the active scoring kernel's source (the `score` sandbox's best promoted kernel, or its seed).
    ///   - recordedSamples: replay feeds recorded benchmark samples instead of measuring.
    /// - Throws: `EvolverError` when the seed does not parse or a worker cannot start.
    public init(sandbox: Sandbox, options: EvolutionOptions, journal: RunJournal, workerPath: String, scoringSource: String,
                clock: @escaping () -> Double, shouldStop: @escaping () -> Bool = { false },
                progress: @escaping (Progress) -> Void = { _ in }, recordedSamples: SampleProvider? = nil) throws {
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
        scoring = try ScoringKernel(source: scoringSource)
        planner = OffspringPlanner(seedUnit: seedUnit, seedSHA256: seedSHA256, operators: options.operators)
        staged = StagedEvaluation(runSeed: options.seed, cheapCases: StagedEvaluation.cheapest(sandbox, count: options.cheapCases),
                                  screen: options.screen, gate: QuietGate(), recordedSamples: recordedSamples)
        differential = DifferentialTest(sandbox: sandbox, seedSource: seedSource, inputs: options.differentialInputs)
        self.clock = clock
        self.shouldStop = shouldStop
        self.progress = progress
    }

    /// The state a new run starts from.
    public func initialState(scoringSource: String) -> SearchState {
        SearchState.initial(seed: options.seed, seedSHA256: seedSHA256, scoringSource: scoringSource)
    }

    /// Runs generations until a budget is spent, the search is exhausted, or `shouldStop` says so.
    /// - Parameters:
    ///   - known: every source hash the run has evaluated (never evaluated again).
    ///   - elapsedBefore: seconds already spent (a resumed run keeps its time budget).
    public func run(from start: SearchState, known: Set<String>, elapsedBefore: Double = 0) throws -> (state: SearchState, ending: Ending) {
        var state = start
        var known = known
        known.insert(seedSHA256)
        passing = state.passing
        if state.scoringKernelSHA256 != scoring.sourceSHA256 { scoring = try ScoringKernel(source: state.scoringKernelSource) }
        let began = clock()
        func elapsed() -> Double { elapsedBefore + clock() - began }
        while true {
            if shouldStop() { return (state, .interrupted) }
            if let t = options.timeLimit, elapsed() >= t { return (state, .completed) }
            if let g = options.generationLimit, state.generation >= g { return (state, .completed) }
            var count = options.offspringPerGeneration
            if let limit = options.candidateLimit { count = min(count, limit - state.candidateCount) }
            guard count > 0 else { return (state, .completed) }
            var next = state
            let offspring = planner.plan(count: count, state: &next, known: &known, tournamentSize: options.tournamentSize)
            guard !offspring.isEmpty else { return (state, .completed) }
            let incumbentSource = try source(of: state.incumbent)
            let results = evaluate(offspring, incumbentSource: incumbentSource)
            if shouldStop() { return (state, .interrupted) }
            let record = try decide(offspring, results, incumbentSource: incumbentSource, state: &next)
            try journal.record(record)
            state = record.state
            progress(Progress(elapsed: elapsed(), generation: state.generation, candidates: state.candidateCount, passing: state.passing,
                              promotions: state.promotions, bestSpeedup: state.incumbentSpeedupVsSeed))
        }
    }

    /// Normalized source of a population member.
    public func source(of member: SearchState.Member) throws -> String {
        member.sha256 == seedSHA256 ? seedSource : CPrinter.print(try planner.unit(of: member))
    }

    private func evaluate(_ offspring: [Offspring], incumbentSource: String) -> [StagedEvaluation.Result] {
        let slots = ResultSlots<StagedEvaluation.Result>(count: offspring.count)
        let staged = self.staged, pool = self.pool, scoring = self.scoring
        DispatchQueue.concurrentPerform(iterations: offspring.count) { i in
            let result: StagedEvaluation.Result
            do {
                result = try pool.with { try staged.evaluate(offspring[i], incumbentSource: incumbentSource, scoring: scoring, with: $0) }
            } catch {
                result = StagedEvaluation.Result(verdict: .internalError, detail: "\(error.localizedDescription)", stage: "cheap", compileNs: 0)
            }
            slots.set(i, result)
        }
        return slots.values.map { $0! }
    }

    private var lastConfirmation: (incumbent: [Int64], candidate: [Int64])?

    /// Before a promotion, a second benchmark in fresh children with the kernels' order swapped must
    /// agree. Its samples follow the first benchmark's in the journal, so replay re-takes the decision.
    private func confirm(_ o: Offspring, incumbentSource: String, recorded r: StagedEvaluation.Result) throws -> SampleComparison? {
        let n = sandbox.manifest.benchmark.samples
        let samples: (incumbent: [Int64], candidate: [Int64])
        if r.incumbentSamples.count > n {
            samples = (Array(r.incumbentSamples.dropFirst(n)), Array(r.candidateSamples.dropFirst(n)))
        } else if staged.recordedSamples != nil {
            return nil
        } else {
            let seed = BenchmarkSeed.derive(runSeed: options.seed, candidate: o.index, purpose: .confirmation)
            let bench = try decisionEvaluator.benchmark(incumbent: incumbentSource, candidate: o.source, inputSeed: seed, candidateFirst: true)
            guard bench.verdict == .passed else {
                // Not confirmed (the candidate failed the second benchmark): a comparison that never promotes.
                return SampleComparison(n: 1, m: 1, twiceU: 0, twiceMedianIncumbent: 2, twiceMedianCandidate: 2, twiceShift: 0)
            }
            samples = (bench.incumbentSamples, bench.candidateSamples)
        }
        lastConfirmation = samples
        return try scoring.compare(incumbent: samples.incumbent, candidate: samples.candidate)
    }

    private func decide(_ offspring: [Offspring], _ results: [StagedEvaluation.Result], incumbentSource: String, state next: inout SearchState) throws -> GenerationRecord {
        var outcomes: [CandidateOutcome] = []
        var promotion: PromotionOutcome?
        var promoted: (member: SearchState.Member, comparison: SampleComparison, source: String)?
        var newcomers: [SearchState.Member] = []
        for (o, r) in zip(offspring, results) {
            lastConfirmation = nil
            var outcome = CandidateOutcome(
                index: o.index, generation: next.generation, sha256: o.sha256, parentSHA256: o.parentSHA256, edits: o.edits,
                source: o.source, compileNs: r.compileNs, verdict: r.verdict, detail: r.detail, stage: r.stage,
                scoringKernelSHA256: next.scoringKernelSHA256, incumbentSHA256: next.incumbent.sha256,
                incumbentSamples: r.screenIncumbent + r.incumbentSamples, candidateSamples: r.screenCandidate + r.candidateSamples,
                comparison: nil, decision: .rejected)
            // The journaled samples: the screen's, the deciding benchmark's, then the confirmation's.
            func recordSamples(confirmation: (incumbent: [Int64], candidate: [Int64])?) {
                outcome.incumbentSamples = r.screenIncumbent + r.incumbentSamples + (confirmation?.incumbent ?? [])
                outcome.candidateSamples = r.screenCandidate + r.candidateSamples + (confirmation?.candidate ?? [])
            }
            if r.verdict == .screenedOut {
                outcome.comparison = r.screenComparison
                outcome.decision = .notFaster
                // Neutral variants stay in the population as stepping stones (estimated by the
                // screen); whatever descends from them is validated in full before any promotion.
                if let c = r.screenComparison {
                    newcomers.append(SearchState.Member(sha256: o.sha256, edits: o.edits, fitness: next.incumbentSpeedupVsSeed * c.speedup))
                }
            } else if r.verdict == .passed {
                passing += 1
                let n = sandbox.manifest.benchmark.samples
                let c = try scoring.compare(incumbent: Array(r.incumbentSamples.prefix(n)), candidate: Array(r.candidateSamples.prefix(n)))
                outcome.comparison = c
                outcome.stage = "decided"
                let member = SearchState.Member(sha256: o.sha256, edits: o.edits, fitness: next.incumbentSpeedupVsSeed * c.speedup)
                newcomers.append(member)
                if !options.rule.promotes(c) {
                    outcome.decision = .notFaster
                } else if promoted != nil {
                    outcome.decision = .superseded
                } else if let confirmation = try confirm(o, incumbentSource: incumbentSource, recorded: r),
                          !options.rule.promotes(confirmation) {
                    // A second, independent benchmark (fresh children, kernel order swapped) disagrees: noise.
                    outcome.decision = .notFaster
                    outcome.detail = String(format: "not confirmed: the confirmation benchmark measured %.3fx (gain %+.2f%%, p = %.2g)",
                                            confirmation.speedup, confirmation.relativeGain * 100, confirmation.pValue)
                    recordSamples(confirmation: lastConfirmation)
                } else if let why = try differential.disagreement(o.source, candidateIndex: o.index, runSeed: options.seed, evaluator: decisionEvaluator) {
                    outcome.decision = .differentialMismatch
                    outcome.verdict = .wrongOutput
                    outcome.detail = why
                    recordSamples(confirmation: lastConfirmation)
                    newcomers.removeLast()
                } else {
                    outcome.decision = .promoted
                    recordSamples(confirmation: lastConfirmation)
                    promoted = (member, c, o.source)
                    promotion = PromotionOutcome(
                        number: next.promotions + 1, candidateIndex: o.index, sha256: o.sha256,
                        speedupVsSeed: next.incumbentSpeedupVsSeed * c.speedup, speedupVsPrevious: c.speedup, pValue: c.pValue, gain: c.relativeGain)
                }
            }
            outcomes.append(outcome)
        }
        next.passing = passing
        next.candidateCount += offspring.count
        next.generation += 1
        if let promoted {
            next.incumbent = promoted.member
            next.incumbentSpeedupVsSeed = promoted.member.fitness
            next.promotions += 1
            if sandbox.name == "score" {
                // The evolver rewires its own scoring: from the next generation on, comparisons run on the promoted kernel.
                scoring = try ScoringKernel(source: promoted.source)
                next.scoringKernelSHA256 = scoring.sourceSHA256
                next.scoringKernelSource = promoted.source
            }
        }
        next.population = Population.survivors(next.population, newcomers: newcomers, incumbent: next.incumbent, size: options.populationSize)
        return GenerationRecord(candidates: outcomes, promotion: promotion, state: next)
    }
}
