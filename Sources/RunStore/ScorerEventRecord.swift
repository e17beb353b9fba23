import Foundation
import GRDB

/// What happened to the evolver's judge.
public enum ScorerEventKind: String, Codable, Sendable, CaseIterable {
    /// A scoring kernel passed the adoption guard and became the judge.
    case adopted
    /// A scoring kernel failed the guard (or was declined); the judge stayed.
    case refused
    /// The user went back to an earlier judge (or the seed).
    case reverted
    /// The judge was found unfit while in use (its shadow disagreed, its source changed, its
    /// guard evidence no longer applies and the guard failed): the seed took over.
    case incident
}

/// What the adoption guard established about a scoring kernel, in the sandbox.
public struct GuardEvidence: Codable, Sendable, Equatable {
    /// Fixed suite cases passed, of the total.
    public var suitePassed: Int
    public var suiteTotal: Int
    /// Fresh contract-wide inputs (edge cases first) on which it matched the seed scorer, of the total.
    public var differentialPassed: Int
    public var differentialTotal: Int
    /// Journaled sample pairs on which it matched the seed scorer, of the pairs replayed.
    public var refereeAgreed: Int
    public var refereePairs: Int
    /// Seed of the fresh inputs.
    public var inputSeed: UInt64
    /// Its speed against the seed scorer on the judge's benchmark workload (nil when not measured).
    public var speedupVsSeed: Double?
    /// Wall time of the guard, in seconds.
    public var seconds: Double
    /// The first failure, in one line (nil when it passed).
    public var failure: String?

    public init(suitePassed: Int, suiteTotal: Int, differentialPassed: Int, differentialTotal: Int, refereeAgreed: Int,
                refereePairs: Int, inputSeed: UInt64, speedupVsSeed: Double?, seconds: Double, failure: String?) {
        self.suitePassed = suitePassed
        self.suiteTotal = suiteTotal
        self.differentialPassed = differentialPassed
        self.differentialTotal = differentialTotal
        self.refereeAgreed = refereeAgreed
        self.refereePairs = refereePairs
        self.inputSeed = inputSeed
        self.speedupVsSeed = speedupVsSeed
        self.seconds = seconds
        self.failure = failure
    }

    /// Whether every check passed.
    public var passed: Bool { failure == nil }

    enum CodingKeys: String, CodingKey {
        case seconds, failure
        case suitePassed = "suite_passed"
        case suiteTotal = "suite_total"
        case differentialPassed = "differential_passed"
        case differentialTotal = "differential_total"
        case refereeAgreed = "referee_agreed"
        case refereePairs = "referee_pairs"
        case inputSeed = "input_seed"
        case speedupVsSeed = "speedup_vs_seed"
    }
}

/// One event in the history of the evolver's judge. The active scoring kernel is the
/// `activeSHA256` of the latest event (the seed scorer when there is none).
public struct ScorerEventRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// 1-based order of the event (assigned by the store).
    public var seq: Int?
    public var kind: ScorerEventKind
    /// The scoring kernel the event is about (stored in `source`).
    public var sha256: String
    /// The judge after the event.
    public var activeSHA256: String
    /// Where the kernel came from: a run's promotion, or a file.
    public var runID: String?
    public var promotion: Int?
    public var file: String?
    public var at: Date
    public var evolverVersion: String
    /// Lock digest of the judge's sandbox when the event happened.
    public var lockDigest: String
    /// The guard's evidence (adoptions, refusals, and incidents that ran the guard).
    public var evidence: GuardEvidence?
    /// One line: why.
    public var reason: String

    public init(kind: ScorerEventKind, sha256: String, activeSHA256: String, runID: String? = nil, promotion: Int? = nil,
                file: String? = nil, at: Date, evolverVersion: String, lockDigest: String, evidence: GuardEvidence?, reason: String) {
        self.kind = kind
        self.sha256 = sha256
        self.activeSHA256 = activeSHA256
        self.runID = runID
        self.promotion = promotion
        self.file = file
        self.at = at
        self.evolverVersion = evolverVersion
        self.lockDigest = lockDigest
        self.evidence = evidence
        self.reason = reason
    }

    public static let databaseTableName = "scorer_event"

    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { RowCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { RowCoding.decoder() }
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.millisecondsSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.millisecondsSince1970

    enum CodingKeys: String, CodingKey {
        case seq, kind, sha256, promotion, file, evidence, reason
        case activeSHA256 = "active_sha256"
        case runID = "run_id"
        case at
        case evolverVersion = "evolver_version"
        case lockDigest = "lock_digest"
    }
}

extension RunStore {
    /// Appends an event to the judge's history (durable on return) and returns it with its `seq`.
    /// - Throws: ``RunStoreError/rejected(_:)`` for a malformed hash or a source that is not stored.
    @discardableResult
    public func recordScorerEvent(_ event: ScorerEventRecord) throws -> ScorerEventRecord {
        try Self.requireHash(event.sha256, "scorer event")
        try Self.requireHash(event.activeSHA256, "scorer event")
        return try write("recording a \(event.kind.rawValue) scorer event") { db in
            for hash in Set([event.sha256, event.activeSHA256])
            where try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE sha256 = ?", arguments: [hash]) == nil {
                throw RunStoreError.rejected("scorer event names source \(hash), which is not stored")
            }
            var saved = event
            try saved.insert(db)
            saved.seq = Int(db.lastInsertedRowID)
            return saved
        }
    }

    /// The judge's history, oldest first.
    public func scorerEvents() throws -> [ScorerEventRecord] {
        try read("reading the scorer history") { db in
            try Self.decoding("the scorer history") { try ScorerEventRecord.order(Column("seq")).fetchAll(db) }
        }
    }
}
