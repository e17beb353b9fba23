import Foundation
import KernelMutation
import RunStore

/// What the run decided about a candidate.
public enum Decision: String, Codable, Sendable {
    /// Passed, significantly faster, agreed with the seed on fresh inputs: the new incumbent.
    case promoted
    /// Passed but the promotion rule did not judge it faster.
    case notFaster = "not_faster"
    /// Failed compilation, validation or the benchmark (see its verdict).
    case rejected
    /// Faster, but disagreed with the seed on fresh random inputs (overfitted the suite).
    case differentialMismatch = "differential_mismatch"
    /// Faster, but another candidate of the same generation was promoted first.
    case superseded
}

/// Everything recorded about one evaluated candidate.
public struct CandidateOutcome: Sendable, Equatable {
    public var index: Int
    public var generation: Int
    public var sha256: String
    public var parentSHA256: String
    public var edits: [Edit]
    public var source: String
    public var compileNs: UInt64
    public var verdict: Verdict
    public var detail: String
    /// The last stage reached.
    public var stage: EvaluationStage
    public var scoringKernelSHA256: String
    public var incumbentSHA256: String
    /// The measurements and checks the decision rests on, in named parts.
    public var evidence: CandidateEvidence
    public var comparison: SampleComparison?
    public var decision: Decision
    /// Time spent comparing its samples, in nanoseconds (a cost, never an input to a decision).
    public var compareNs: UInt64 = 0
    /// How it was made when not by one edit of its parent (a crossover).
    public var origin: CandidateOrigin? = nil
    /// The run's time when its generation was recorded, in milliseconds.
    public var elapsedMs: Int64? = nil
}

/// A promotion: the candidate that became the incumbent.
public struct PromotionOutcome: Sendable, Equatable {
    /// 1-based promotion number (0 is the seed).
    public var number: Int
    public var candidateIndex: Int
    public var sha256: String
    public var speedupVsSeed: Double
    public var speedupVsPrevious: Double
    public var pValue: Double
    public var gain: Double
}

/// One generation, committed durably before the search acts on it.
public struct GenerationRecord: Sendable {
    public var candidates: [CandidateOutcome]
    public var promotion: PromotionOutcome?
    /// The search state after the generation (the checkpoint).
    public var state: SearchState
    /// The run's own policy tallies after the generation (nil: the run has no policy).
    public var learned: [String: ArmTally]? = nil
    /// The generation's exchanges with the run's proposer.
    public var proposals: [ProposalRecord] = []
}

/// Where the engine writes what it decided (the store), or what checks it (replay).
public protocol RunJournal: AnyObject {
    /// Records one generation; must be durable when it returns.
    func record(_ generation: GenerationRecord) throws
    /// Records the state after the search acted on a generation beyond its record (a new judge),
    /// so a resumed run goes on from there; must be durable when it returns.
    func checkpoint(_ state: SearchState) throws
}

extension CandidateOutcome {
    /// What machine-code twins of this candidate may reuse.
    var conclusion: CodeIdentity.Conclusion {
        CodeIdentity.Conclusion(index: index, verdict: verdict, detail: detail, stage: stage, decision: decision,
                                incumbentSHA256: incumbentSHA256, comparison: comparison)
    }
}

extension CandidateRecord {
    /// What machine-code twins of this recorded candidate may reuse.
    var conclusion: CodeIdentity.Conclusion {
        CodeIdentity.Conclusion(index: index, verdict: Verdict(rawValue: verdict) ?? .internalError, detail: detail, stage: stage,
                                decision: Decision(rawValue: decision) ?? .rejected, incumbentSHA256: incumbentSHA256,
                                comparison: SampleComparison(record: comparison))
    }
}
