import Foundation
import GRDB

extension RunStore {
    /// All candidates of `run`, in index order.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func candidates(run: String) throws -> [CandidateRecord] {
        try read("reading candidates of run \(run)") { db in
            try Self.requireRun(db, run)
            return try Self.decoding("candidates of run \(run)") {
                try CandidateRecord.filter(Column("run_id") == run).order(Column("idx")).fetchAll(db)
            }
        }
    }

    /// Candidate `index` of `run`, or nil if it is not recorded.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func candidate(run: String, index: Int) throws -> CandidateRecord? {
        try read("reading candidate \(run)#\(index)") { db in
            try Self.requireRun(db, run)
            return try Self.decoding("candidate \(run)#\(index)") {
                try CandidateRecord.filter(Column("run_id") == run && Column("idx") == index).fetchOne(db)
            }
        }
    }

    /// Runs a fetch, reporting a row that does not decode (a hand-edited or damaged store) as corrupted.
    static func decoding<T>(_ what: String, _ fetch: () throws -> T) throws -> T {
        do {
            return try fetch()
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw RunStoreError.corrupted("cannot decode \(what): \(error)")
        }
    }

    /// The evidence of the `limit` most recently recorded candidates that reached a benchmark, newest first.
    public func recentEvidence(limit: Int) throws -> [CandidateEvidence] {
        try read("reading recent evidence") { db in
            try Self.decoding("recent evidence") {
                try String.fetchAll(db, sql: "SELECT evidence FROM candidate WHERE stage <> 'cheap' ORDER BY rowid DESC LIMIT ?",
                                    arguments: [limit])
                    .map { try RowCoding.decode(CandidateEvidence.self, $0, "candidate evidence") }
            }
        }
    }

    /// The lowest index at which `run` evaluated the source `sha256`, or nil (dedup lookup).
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func candidateIndex(run: String, sha256: String) throws -> Int? {
        try read("looking up \(sha256) in run \(run)") { db in
            try Self.requireRun(db, run)
            return try Int.fetchOne(
                db, sql: "SELECT MIN(idx) FROM candidate WHERE run_id = ? AND sha256 = ?", arguments: [run, sha256])
        }
    }

    /// SHA-256 of every source `run` has evaluated (to skip them when resuming).
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func knownHashes(run: String) throws -> Set<String> {
        try read("reading hashes of run \(run)") { db in
            try Self.requireRun(db, run)
            return Set(try String.fetchAll(db, sql: "SELECT sha256 FROM candidate WHERE run_id = ?", arguments: [run]))
        }
    }

    /// All promotions of `run`, by number.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func promotions(run: String) throws -> [PromotionRecord] {
        try read("reading promotions of run \(run)") { db in
            try Self.requireRun(db, run)
            return try Row.fetchAll(db, sql: "SELECT * FROM promotion WHERE run_id = ? ORDER BY number", arguments: [run])
                .map(RowCoding.promotion)
        }
    }

    /// The checkpoint of `run` with the highest candidate count, or nil.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func latestCheckpoint(run: String) throws -> Checkpoint? {
        try read("reading the checkpoint of run \(run)") { db in
            try Self.requireRun(db, run)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM checkpoint WHERE run_id = ? ORDER BY candidate_count DESC LIMIT 1",
                arguments: [run])
            else { return nil }
            return Checkpoint(runID: row["run_id"], candidateCount: row["candidate_count"], state: row["state"])
        }
    }
}
