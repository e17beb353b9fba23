import Foundation

/// One edit applied to a kernel: an operator name, the site it applies to, and its parameters.
public struct EditRecord: Codable, Hashable, Sendable {
    /// Operator name, e.g. `"unroll"`.
    public var op: String
    /// Path of the edited node in the syntax tree.
    public var site: [Int]
    /// Integer parameters of the operator.
    public var params: [String: Int]

    /// Creates an edit record.
    public init(op: String, site: [Int], params: [String: Int]) {
        self.op = op
        self.site = site
        self.params = params
    }
}

/// Everything recorded about one evaluated candidate.
///
/// `index` is the 0-based evaluation order within the run; the store accepts a
/// candidate only at the next free index, so indices are unique and gap-free.
public struct CandidateRecord: Codable, Sendable, Equatable {
    /// Run the candidate belongs to.
    public var runID: String
    /// 0-based evaluation order within the run.
    public var index: Int
    /// Generation of the search the candidate was made in.
    public var generation: Int
    /// SHA-256 hex of the candidate source.
    public var sha256: String
    /// SHA-256 hex of the parent source.
    public var parentSHA256: String
    /// Full edit list from the seed.
    public var edits: [EditRecord]
    /// Compile time in nanoseconds (must fit in Int64).
    public var compileNs: UInt64
    /// Verdict of the evaluation stage that ended it.
    public var verdict: String
    /// Human-readable detail of the verdict.
    public var detail: String
    /// Last stage reached.
    public var stage: EvaluationStage
    /// SHA-256 hex of the scoring kernel used for the benchmark.
    public var scoringKernelSHA256: String
    /// SHA-256 hex of the incumbent it was compared against.
    public var incumbentSHA256: String
    /// What the decision rests on: each benchmark's samples (ns) and the differential test.
    public var evidence: CandidateEvidence
    /// Statistical comparison (u, medians, shift, p_value, ...), if one was made.
    public var comparison: [String: Double]?
    /// What the evolver decided: `"promoted"`, `"not_faster"`, `"rejected"`, ...
    public var decision: String
    /// Time the evolver spent comparing this candidate's samples with its scoring kernels, in
    /// nanoseconds (a cost, like `compileNs`; never an input to a decision).
    public var compareNs: UInt64
    /// How the candidate was made, when not by one edit of its parent (a crossover); nil otherwise.
    public var origin: CandidateOrigin?
    /// Milliseconds of the run's time (its budget's clock) when the candidate's generation was
    /// recorded; nil in runs recorded before it was.
    public var elapsedMs: Int64?

    /// Creates a candidate record.
    public init(
        runID: String, index: Int, generation: Int, sha256: String, parentSHA256: String,
        edits: [EditRecord], compileNs: UInt64, verdict: String, detail: String, stage: EvaluationStage,
        scoringKernelSHA256: String, incumbentSHA256: String, evidence: CandidateEvidence,
        comparison: [String: Double]?, decision: String, compareNs: UInt64 = 0, origin: CandidateOrigin? = nil, elapsedMs: Int64? = nil
    ) {
        self.runID = runID
        self.index = index
        self.generation = generation
        self.sha256 = sha256
        self.parentSHA256 = parentSHA256
        self.edits = edits
        self.compileNs = compileNs
        self.verdict = verdict
        self.detail = detail
        self.stage = stage
        self.scoringKernelSHA256 = scoringKernelSHA256
        self.incumbentSHA256 = incumbentSHA256
        self.evidence = evidence
        self.comparison = comparison
        self.decision = decision
        self.compareNs = compareNs
        self.origin = origin
        self.elapsedMs = elapsedMs
    }

    enum CodingKeys: String, CodingKey {
        case generation, sha256, edits, verdict, detail, stage, comparison, decision, evidence, origin
        case index = "idx"
        case runID = "run_id"
        case parentSHA256 = "parent_sha256"
        case compileNs = "compile_ns"
        case scoringKernelSHA256 = "scoring_kernel_sha256"
        case incumbentSHA256 = "incumbent_sha256"
        case compareNs = "compare_ns"
        case elapsedMs = "elapsed_ms"
    }
}
