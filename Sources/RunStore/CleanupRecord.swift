import Foundation
import GRDB

/// A promoted kernel cleaned for export and diff: what was removed, and the verdict of
/// validating the cleaned kernel again (an export uses it only when that passed).
public struct CleanupRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// One thing the clean-up removed or replaced.
    public struct Step: Codable, Sendable, Equatable {
        public var kind: String
        public var description: String

        public init(kind: String, description: String) {
            self.kind = kind
            self.description = description
        }
    }

    public var runID: String
    public var promotion: Int
    /// The promoted kernel (stored in `source`).
    public var sha256: String
    /// The cleaned kernel (stored in `source`; equal to `sha256` when nothing was removed).
    public var cleanedSHA256: String
    public var steps: [Step]
    /// `passed`, or the verdict of the cleaned kernel's failed validation.
    public var verdict: String
    public var detail: String
    public var evolverVersion: String
    public var at: Date

    public init(runID: String, promotion: Int, sha256: String, cleanedSHA256: String, steps: [Step], verdict: String, detail: String,
                evolverVersion: String, at: Date) {
        self.runID = runID
        self.promotion = promotion
        self.sha256 = sha256
        self.cleanedSHA256 = cleanedSHA256
        self.steps = steps
        self.verdict = verdict
        self.detail = detail
        self.evolverVersion = evolverVersion
        self.at = at
    }

    public static let databaseTableName = "cleanup"
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { RowCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { RowCoding.decoder() }
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.millisecondsSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.millisecondsSince1970

    enum CodingKeys: String, CodingKey {
        case promotion, sha256, steps, verdict, detail, at
        case runID = "run_id"
        case cleanedSHA256 = "cleaned_sha256"
        case evolverVersion = "evolver_version"
    }
}

extension RunStore {
    /// Records a clean-up (durable on return), replacing an earlier one of the same kernel and version.
    /// - Throws: ``RunStoreError/rejected(_:)`` for an unknown run or a source that is not stored.
    public func recordCleanup(_ record: CleanupRecord) throws {
        try Self.requireHash(record.sha256, "cleanup")
        try Self.requireHash(record.cleanedSHA256, "cleanup")
        try write("recording the clean-up of promotion \(record.promotion) of run \(record.runID)") { db in
            try Self.requireRun(db, record.runID)
            for hash in Set([record.sha256, record.cleanedSHA256])
            where try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE sha256 = ?", arguments: [hash]) == nil {
                throw RunStoreError.rejected("cleanup names source \(hash), which is not stored")
            }
            try record.save(db)
        }
    }

    /// The clean-up recorded for a promoted kernel by an evolver version, if any.
    public func cleanup(run: String, promotion: Int, sha256: String, evolverVersion: String) throws -> CleanupRecord? {
        try read("reading the clean-up of promotion \(promotion) of run \(run)") { db in
            try CleanupRecord
                .filter(Column("run_id") == run && Column("promotion") == promotion && Column("sha256") == sha256 && Column("evolver_version") == evolverVersion)
                .fetchOne(db)
        }
    }
}
