import Foundation
import RunStore

/// What `evolver replay` found (a contract: `run`, `identical`, `candidates_checked`, `first_divergence`).
public struct ReplayReport: Codable, Sendable, Equatable {
    /// The first candidate where replay and journal disagree.
    public struct Divergence: Codable, Sendable, Equatable {
        public var candidate: Int
        public var field: String
        public var recorded: String
        public var replayed: String
        /// The difference for a person, when the field alone does not say it (edits: the first that differs, described).
        public var explanation: String? = nil
    }

    /// A promotion timed again (`--remeasure`).
    public struct Remeasurement: Codable, Sendable, Equatable {
        public var promotion: Int
        public var candidate: Int
        public var recordedSpeedup: Double
        public var liveSpeedup: Double
        public var liveWouldPromote: Bool

        enum CodingKeys: String, CodingKey {
            case promotion, candidate
            case recordedSpeedup = "recorded_speedup"
            case liveSpeedup = "live_speedup"
            case liveWouldPromote = "live_would_promote"
        }
    }

    public var run: String
    public var identical: Bool
    public var candidatesChecked: Int
    public var firstDivergence: Divergence?
    public var remeasured: [Remeasurement]?

    enum CodingKeys: String, CodingKey {
        case run, identical, remeasured
        case candidatesChecked = "candidates_checked"
        case firstDivergence = "first_divergence"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(identical, forKey: .identical)
        try c.encode(candidatesChecked, forKey: .candidatesChecked)
        if let firstDivergence { try c.encode(firstDivergence, forKey: .firstDivergence) } else { try c.encodeNil(forKey: .firstDivergence) }
        if let remeasured { try c.encode(remeasured, forKey: .remeasured) }
    }
}

/// Compares each replayed generation with the journal and stops at the first difference.
final class ReplayJournal: RunJournal {
    struct Stop: Error {}
    let recorded: [CandidateRecord]
    let promotions: [PromotionRecord]
    /// The run's seed, to describe edits that differ.
    let base: EvolutionService.EditBase?
    var checked = 0
    var divergence: ReplayReport.Divergence?

    init(recorded: [CandidateRecord], promotions: [PromotionRecord], base: EvolutionService.EditBase? = nil) {
        self.recorded = recorded
        self.promotions = promotions
        self.base = base
    }

    func record(_ generation: GenerationRecord) throws {
        for c in generation.candidates {
            guard c.index < recorded.count else { return diverge(c.index, "candidate", "none", c.sha256) }
            let r = recorded[c.index]
            let fields: [(String, String, String)] = [
                ("sha256", r.sha256, c.sha256), ("parent", r.parentSHA256, c.parentSHA256),
                ("edits", r.edits.map { "\($0.op)@\($0.site)\($0.params.sorted { $0.key < $1.key })" }.joined(separator: " "),
                 c.edits.map(\.record).map { "\($0.op)@\($0.site)\($0.params.sorted { $0.key < $1.key })" }.joined(separator: " ")),
                ("verdict", r.verdict, c.verdict.rawValue), ("stage", r.stage.rawValue, c.stage.rawValue), ("decision", r.decision, c.decision.rawValue),
                ("scoring kernel", r.scoringKernelSHA256, c.scoringKernelSHA256),
                ("origin", Self.describe(r.origin), Self.describe(c.origin)),
                ("machine code", r.evidence.image ?? "none", c.evidence.image ?? "none"),
                ("same code as", r.evidence.sameCodeAs.map(String.init) ?? "none", c.evidence.sameCodeAs.map(String.init) ?? "none"),
                ("judge failures", Self.describe(r.evidence.judgeFailures), Self.describe(c.evidence.judgeFailures)),
            ]
            if let (field, want, got) = fields.first(where: { $0.1 != $0.2 }) {
                let explanation = field == "edits" ? explain(recorded: r.edits, replayed: c.edits.map(\.record)) : nil
                return diverge(c.index, field, want, got, explanation: explanation)
            }
            checked += 1
        }
        if let p = generation.promotion {
            let r = promotions.first { $0.number == p.number }
            if r?.sha256 != p.sha256 { return diverge(p.candidateIndex, "promotion \(p.number)", r?.sha256 ?? "none", p.sha256) }
        }
    }

    func checkpoint(_ state: SearchState) throws {}

    /// Which comparisons an adopted judge failed, and how (the verdict, not its wording).
    static func describe(_ failures: [JudgeFailure]?) -> String {
        guard let failures, !failures.isEmpty else { return "none" }
        return failures.map { "\($0.failure.prefix { $0 != ":" }) of \($0.scorerSHA256.prefix(12)) on comparison \($0.comparisonSHA256.prefix(12))" }
            .joined(separator: ", ")
    }

    static func describe(_ origin: CandidateOrigin?) -> String {
        guard let origin else { return "one edit of its parent" }
        return "\(origin.crossover) crossover with \(origin.otherParentSHA256), dropped \(origin.dropped.map { "\($0.op)@\($0.site)" })"
    }

    private func diverge(_ index: Int, _ field: String, _ recorded: String, _ replayed: String, explanation: String? = nil) {
        divergence = ReplayReport.Divergence(candidate: index, field: field, recorded: recorded, replayed: replayed, explanation: explanation)
    }

    /// The first edit where two edit lists differ, each described against the kernel it was applied to.
    func explain(recorded: [EditRecord], replayed: [EditRecord]) -> String? {
        guard let base else { return nil }
        let k = zip(recorded, replayed).prefix { $0 == $1 }.count
        func described(_ edits: [EditRecord]) -> String {
            k < edits.count ? base.trace(Array(edits[...k])).steps[k].description.text : "none (\(edits.count) edits)"
        }
        return "edit \(k + 1): recorded \(described(recorded)); replayed \(described(replayed))"
    }
}

extension EvolutionService {
    /// Re-derives every candidate of a run from the seed and journal: same source hashes, same
    /// verdicts (validated again, live), same decisions (from the recorded samples).
    /// - Parameter warn: one-line warnings from the start-up check of the judge (`remeasure` only).
    public func replay(_ id: String, remeasure: Bool, warn: (String) -> Void = { _ in }) throws -> ReplayReport {
        let run = try store.run(id)
        let sandbox = try catalog.load(run.manifest.sandbox)
        guard sandbox.isJudgedAsRecorded(lockDigest: run.manifest.lockDigest) else {
            throw EvolverError.invalidSandbox(sandbox: sandbox.name, reason: "its fixed files changed since run \(id); replay needs the same sandbox")
        }
        let all = try store.candidates(run: id)
        // Minimized kernels are the run's last candidates (a minimized run is not resumed): the
        // engine replays those before them, and each minimization is then derived again.
        let firstMinimized = try store.minimizations(run: id).compactMap(\.candidateIndex).min() ?? all.count
        let recorded = Array(all.prefix(firstMinimized))
        let promotions = try store.promotions(run: id)
        var options = try Self.options(of: run)
        let recordedOptions = options
        options.timeLimit = nil
        options.generationLimit = nil
        options.candidateLimit = recorded.count
        guard let scoringSHA = run.manifest.options["scoring_kernel_sha256"], let scoringSource = try store.source(scoringSHA) else {
            throw EvolverError.invalidRun("run \(id) does not record its scoring kernel")
        }
        let evidence = Dictionary(uniqueKeysWithValues: recorded.map { ($0.index, $0.evidence) })
        let timeouts = Dictionary(uniqueKeysWithValues: recorded.filter { $0.verdict == Verdict.timeout.rawValue && ($0.stage == .cheap || $0.stage == .suite) }
            .map { ($0.index, (stage: $0.stage, detail: $0.detail)) })
        let journal = ReplayJournal(recorded: recorded, promotions: promotions, base: try? editBase(run))
        // An adopted judge's late calls are taken from the journal, like the candidates' own.
        let judge = try Judge(seedOf: try judgeSandbox(), workerPath: workerPath, replaying: recorded.flatMap { $0.evidence.judgeFailures ?? [] })
        judge.adopt(source: scoringSource)
        let engine = try EvolutionEngine(
            sandbox: sandbox, options: options, journal: journal, workerPath: workerPath, judge: judge,
            policyPrior: try store.policy(run: id)?.prior ?? [:], journaledProposals: try store.proposals(run: id), hooks: try journaledAdoptions(run: id, recorded: recorded),
            clock: { 0 }, shouldStop: { journal.divergence != nil },
            recordedSamples: { index in evidence[index] ?? CandidateEvidence() },
            recordedTimeouts: { index in timeouts[index] },
            recordedGenerationSizes: Dictionary(grouping: recorded, by: \.generation).mapValues(\.count))
        let final = try engine.run(from: engine.initialState(scoringSource: scoringSource), known: [])
        if journal.divergence == nil, final.state.candidateCount != recorded.count {
            journal.divergence = .init(candidate: final.state.candidateCount, field: "candidate count", recorded: "\(recorded.count)", replayed: "\(final.state.candidateCount)")
        }
        var checked = journal.checked
        if journal.divergence == nil {
            journal.divergence = try replayMinimizations(run: run, sandbox: sandbox, options: recordedOptions, recorded: all, checked: &checked)
        }
        var report = ReplayReport(run: id, identical: journal.divergence == nil, candidatesChecked: checked, firstDivergence: journal.divergence)
        if remeasure {
            // Timing again judges again: with today's judge, checked at start-up like any command that judges.
            let judge = try activeJudge(warn: warn)
            report.remeasured = try remeasurements(sandbox: sandbox, recorded: recorded, promotions: promotions, rule: options.rule, runSeed: options.seed,
                                                   judge: judge)
        }
        return report
    }

    /// Adoptions as the run journaled them: a promotion of the judge sandbox was adopted when the
    /// history records its adoption (runs recorded before the history existed: when the candidates
    /// after it were judged by it). Incidents need no answer: the shadow finds a disagreement
    /// again, and the judge takes a late call from the candidate's journal (`Judge(replaying:)`).
    func journaledAdoptions(run id: String, recorded: [CandidateRecord]) throws -> JudgeHooks {
        let events = try store.scorerEvents().filter { $0.runID == id && $0.promotion != nil }
        return JudgeHooks(
            adopt: { request in
                let adopted: Bool
                if let event = events.first(where: { $0.promotion == request.promotion }) {
                    adopted = event.kind == .adopted
                } else {
                    let generation = recorded[request.candidateIndex].generation
                    adopted = recorded.first { $0.generation > generation }?.scoringKernelSHA256 == request.sha256
                }
                return adopted
            },
            incident: { _ in })
    }

    private func remeasurements(sandbox: Sandbox, recorded: [CandidateRecord], promotions: [PromotionRecord], rule: PromotionRule,
                                runSeed: UInt64, judge: Judge) throws -> [ReplayReport.Remeasurement] {
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: workerPath))
        return try promotions.map { p in
            let c = recorded[p.candidateIndex]
            guard let incumbent = try store.source(c.incumbentSHA256), let candidate = try store.source(c.sha256) else {
                throw EvolverError.invalidRun("sources of promotion \(p.number) are missing from the store")
            }
            let seed = BenchmarkSeed.derive(runSeed: runSeed, candidate: p.candidateIndex, purpose: .remeasure)
            let bench = try evaluator.benchmark(incumbent: incumbent, candidate: candidate, inputSeed: seed)
            guard bench.verdict == .passed else {
                return .init(promotion: p.number, candidate: p.candidateIndex, recordedSpeedup: p.speedupVsPrevious, liveSpeedup: 0, liveWouldPromote: false)
            }
            let judged = try judge.decisive(incumbent: bench.incumbentSamples, candidate: bench.candidateSamples)
            if let incident = judged.incident { try recordIncident(incident, runID: nil) }
            let comparison = judged.comparison
            return .init(promotion: p.number, candidate: p.candidateIndex, recordedSpeedup: p.speedupVsPrevious, liveSpeedup: comparison.speedup,
                         liveWouldPromote: rule.promotes(comparison))
        }
    }
}
