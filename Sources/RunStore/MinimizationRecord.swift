import Foundation
import GRDB

/// One minimization of a promotion's edit list: every subset of its edits that was tested (with
/// the measurements each keep/drop decision rests on), the edits kept, each kept edit's measured
/// contribution, and the minimized kernel's candidate. Journaled so a replay re-derives it from
/// the same measurements.
public struct MinimizationRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// One subset of the promotion's edits, built and judged against the promoted kernel.
    public struct Test: Codable, Sendable, Equatable {
        /// Positions in `edits` of the edits it keeps, ascending.
        public var kept: [Int]
        /// The kernel they make (nil: they did not all apply without the others).
        public var sha256: String?
        /// `passed`, `did_not_apply`, `same_kernel`, `same_code`, or how the kernel failed.
        public var verdict: String
        public var detail: String
        /// Benchmarks of the subset's kernel (incumbent) against the promoted kernel (candidate).
        public var benchmarks: [BenchmarkEvidence]
        /// What the promotion rule was given for each benchmark.
        public var comparisons: [[String: Double]]
        /// Whether the subset keeps what matters: valid, and the promoted kernel not judged faster.
        public var accepted: Bool

        public init(kept: [Int], sha256: String?, verdict: String, detail: String, benchmarks: [BenchmarkEvidence] = [],
                    comparisons: [[String: Double]] = [], accepted: Bool) {
            self.kept = kept
            self.sha256 = sha256
            self.verdict = verdict
            self.detail = detail
            self.benchmarks = benchmarks
            self.comparisons = comparisons
            self.accepted = accepted
        }
    }

    /// A kept edit taken out again: what the minimized kernel loses without it.
    public struct Ablation: Codable, Sendable, Equatable {
        /// Its position in `edits`.
        public var edit: Int
        /// The kernel without it (nil: the other kept edits did not apply without it).
        public var sha256: String?
        /// `passed`, `did_not_apply`, or how the kernel without it failed.
        public var verdict: String
        public var detail: String
        /// The kernel without it (incumbent) against the minimized kernel (candidate).
        public var benchmark: BenchmarkEvidence?
        /// Its comparison: `speedup` is the edit's contribution.
        public var comparison: [String: Double]?
        /// Whether the contribution is significant at the rule's alpha.
        public var significant: Bool

        public init(edit: Int, sha256: String?, verdict: String, detail: String, benchmark: BenchmarkEvidence? = nil,
                    comparison: [String: Double]? = nil, significant: Bool) {
            self.edit = edit
            self.sha256 = sha256
            self.verdict = verdict
            self.detail = detail
            self.benchmark = benchmark
            self.comparison = comparison
            self.significant = significant
        }
    }

    public var runID: String
    /// 1-based, gap-free per run.
    public var number: Int
    /// The promotion minimized.
    public var promotion: Int
    /// The seed of its benchmark inputs and validation orders.
    public var seed: Int64
    /// The scoring kernel that compared its samples.
    public var scoringKernelSHA256: String
    /// The promoted kernel.
    public var promotedSHA256: String
    /// The promotion's edit list from the seed, as recorded.
    public var edits: [EditRecord]
    /// Positions in `edits` of those kept, ascending.
    public var kept: [Int]
    /// Every subset tested, in order.
    public var tests: [Test]
    /// Each kept edit taken out again, in the order of `kept`.
    public var ablations: [Ablation]
    /// The minimized kernel's candidate (nil: nothing could be removed).
    public var candidateIndex: Int?
    /// The promotion's speedup over the seed, as recorded.
    public var speedupBefore: Double
    /// The minimized kernel's speed over the promoted kernel's (1 when nothing was removed).
    public var speedupKept: Double
    /// `minimized`, or `unchanged` (every edit matters, or no minimized kernel passed every stage).
    public var verdict: String
    public var detail: String
    public var at: Date

    public init(runID: String, number: Int, promotion: Int, seed: Int64, scoringKernelSHA256: String, promotedSHA256: String, edits: [EditRecord],
                kept: [Int], tests: [Test], ablations: [Ablation], candidateIndex: Int?, speedupBefore: Double, speedupKept: Double,
                verdict: String, detail: String, at: Date) {
        self.runID = runID
        self.number = number
        self.promotion = promotion
        self.seed = seed
        self.scoringKernelSHA256 = scoringKernelSHA256
        self.promotedSHA256 = promotedSHA256
        self.edits = edits
        self.kept = kept
        self.tests = tests
        self.ablations = ablations
        self.candidateIndex = candidateIndex
        self.speedupBefore = speedupBefore
        self.speedupKept = speedupKept
        self.verdict = verdict
        self.detail = detail
        self.at = at
    }

    public static let databaseTableName = "minimization"
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { RowCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { RowCoding.decoder() }
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.millisecondsSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.millisecondsSince1970

    enum CodingKeys: String, CodingKey {
        case number, promotion, seed, edits, kept, tests, ablations, verdict, detail, at
        case runID = "run_id"
        case scoringKernelSHA256 = "scoring_kernel_sha256"
        case promotedSHA256 = "promoted_sha256"
        case candidateIndex = "candidate_index"
        case speedupBefore = "speedup_before"
        case speedupKept = "speedup_kept"
    }
}

extension RunStore {
    /// Records a minimization and its minimized kernel's candidate (at the run's next index) in one
    /// transaction, durable on return.
    /// - Throws: ``RunStoreError/rejected(_:)`` for a number or index out of sequence, or a
    ///   candidate that is not the one the record names.
    public func recordMinimization(_ record: MinimizationRecord, candidate: CandidateRecord?) throws {
        try Self.requireHash(record.promotedSHA256, "minimization \(record.runID)/\(record.number)")
        if let candidate { try Self.requireHash(candidate.sha256, "candidate \(candidate.runID)#\(candidate.index)") }
        try write("recording minimization \(record.number) of run \(record.runID)") { db in
            try Self.requireRun(db, record.runID)
            let expected = (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) FROM minimization WHERE run_id = ?", arguments: [record.runID]) ?? 0) + 1
            guard record.number == expected else {
                throw RunStoreError.rejected("minimization number \(record.number) of run \(record.runID): expected \(expected)")
            }
            guard record.candidateIndex == candidate?.index, candidate.map({ $0.runID == record.runID }) ?? true else {
                throw RunStoreError.rejected("minimization \(record.number) of run \(record.runID) names candidate \(record.candidateIndex.map(String.init) ?? "none") but records \(candidate.map { "\($0.index)" } ?? "none")")
            }
            if let candidate {
                let next = try Self.candidateCount(db, run: record.runID)
                guard candidate.index == next else {
                    throw RunStoreError.rejected("candidate index \(candidate.index) of run \(record.runID): expected \(next)")
                }
                try candidate.insert(db)
            }
            try record.insert(db)
        }
    }

    /// Every minimization of `run`, in order.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func minimizations(run: String) throws -> [MinimizationRecord] {
        try read("reading the minimizations of run \(run)") { db in
            try Self.requireRun(db, run)
            return try Self.decoding("minimizations of run \(run)") {
                try MinimizationRecord.filter(Column("run_id") == run).order(Column("number")).fetchAll(db)
            }
        }
    }
}
