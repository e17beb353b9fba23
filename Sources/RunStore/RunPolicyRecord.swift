import Foundation
import GRDB

/// What a run's candidates showed about one arm of the operator-selection policy (an operator,
/// or crossover): a pure tally of the run's journal, kept beside it so later runs on the same
/// sandbox can start from it.
public struct ArmTally: Codable, Sendable, Equatable {
    /// Candidates the arm made.
    public var attempts: Int
    /// Of them, candidates that passed the cheapest suite cases (compiled and were right on them).
    public var cheapPassed: Int
    /// Of them, candidates that passed the speed screen (or reached a deciding benchmark).
    public var screenPassed: Int
    /// Of them, candidates promoted.
    public var promotions: Int
    /// Sum of the validated gains credited to the arm: ln(speedup over the incumbent) of every
    /// candidate that was measured faster, passed every check, and was promoted or superseded.
    public var gain: Double
    /// The largest single credited gain.
    public var bestGain: Double
    /// Evaluation time its candidates cost, in seconds.
    public var seconds: Double

    public init(attempts: Int = 0, cheapPassed: Int = 0, screenPassed: Int = 0, promotions: Int = 0, gain: Double = 0, bestGain: Double = 0,
                seconds: Double = 0) {
        self.attempts = attempts
        self.cheapPassed = cheapPassed
        self.screenPassed = screenPassed
        self.promotions = promotions
        self.gain = gain
        self.bestGain = bestGain
        self.seconds = seconds
    }

    /// Both tallies together.
    public static func + (a: ArmTally, b: ArmTally) -> ArmTally {
        ArmTally(attempts: a.attempts + b.attempts, cheapPassed: a.cheapPassed + b.cheapPassed, screenPassed: a.screenPassed + b.screenPassed,
                 promotions: a.promotions + b.promotions, gain: a.gain + b.gain, bestGain: max(a.bestGain, b.bestGain), seconds: a.seconds + b.seconds)
    }

    enum CodingKeys: String, CodingKey {
        case attempts, promotions, gain, seconds
        case cheapPassed = "cheap_passed"
        case screenPassed = "screen_passed"
        case bestGain = "best_gain"
    }
}

/// A run's operator-selection policy: how it chose (`mode`, `credit`), what it started from (the
/// tallies of earlier runs on its sandbox, and which runs), and what its own candidates taught
/// (its tallies, rewritten with every generation in the same transaction as the candidates).
public struct RunPolicyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var runID: String
    public var sandbox: String
    /// `learned`, `fresh` or `uniform`.
    public var mode: String
    /// The credit scheme, e.g. `extreme`.
    public var credit: String
    /// The runs the prior was learned from, oldest first.
    public var learnedFrom: [String]
    /// The prior the run started from, per arm.
    public var prior: [String: ArmTally]
    /// What the run's own candidates showed, per arm.
    public var learned: [String: ArmTally]

    public init(runID: String, sandbox: String, mode: String, credit: String, learnedFrom: [String], prior: [String: ArmTally],
                learned: [String: ArmTally]) {
        self.runID = runID
        self.sandbox = sandbox
        self.mode = mode
        self.credit = credit
        self.learnedFrom = learnedFrom
        self.prior = prior
        self.learned = learned
    }

    public static let databaseTableName = "run_policy"
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { RowCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { RowCoding.decoder() }

    enum CodingKeys: String, CodingKey {
        case sandbox, mode, credit, prior, learned
        case runID = "run_id"
        case learnedFrom = "learned_from"
    }
}

extension RunStore {
    /// The policy record of `run`, or nil when the run has none (recorded before policies existed).
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func policy(run: String) throws -> RunPolicyRecord? {
        try read("reading the policy of run \(run)") { db in
            try Self.requireRun(db, run)
            return try Self.decoding("the policy of run \(run)") {
                try RunPolicyRecord.filter(Column("run_id") == run).fetchOne(db)
            }
        }
    }

    /// Every run's policy record on `sandbox`, in run creation order.
    public func policies(sandbox: String) throws -> [RunPolicyRecord] {
        try read("reading the policies of sandbox \(sandbox)") { db in
            try Self.decoding("the policies of sandbox \(sandbox)") {
                try RunPolicyRecord.fetchAll(db, sql: """
                    SELECT run_policy.* FROM run_policy JOIN run ON run.id = run_policy.run_id
                    WHERE run_policy.sandbox = ? ORDER BY run.seq
                    """, arguments: [sandbox])
            }
        }
    }

    /// Records a run's policy (its start), replacing an earlier record of the run; durable on return.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func putPolicy(_ policy: RunPolicyRecord) throws {
        try write("recording the policy of run \(policy.runID)") { db in
            try Self.requireRun(db, policy.runID)
            try policy.save(db)
        }
    }
}
