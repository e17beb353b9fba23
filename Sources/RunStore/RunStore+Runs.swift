import Foundation
import GRDB

extension RunStore {
    /// Runs with their derived counts; append `WHERE` / `ORDER BY`.
    static let runSelect = """
        SELECT r.*,
          (SELECT COUNT(*) FROM candidate c WHERE c.run_id = r.id) AS candidate_count,
          (SELECT COUNT(*) FROM promotion p WHERE p.run_id = r.id) AS promotion_count,
          COALESCE((SELECT MAX(speedup_vs_seed) FROM promotion p WHERE p.run_id = r.id), 1.0) AS best_speedup
        FROM run r
        """

    /// Records a new run with status `running` and returns it.
    ///
    /// Ids follow creation order: `r0001`, `r0002`, ...
    public func createRun(manifest: RunManifest) throws -> RunRecord {
        let manifestJSON = try RowCoding.json(manifest, "manifest")
        let createdMs = RowCoding.milliseconds(Date())
        return try write("creating a run") { db in
            let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM run") ?? 1
            let id = Self.runID(seq)
            try db.execute(
                sql: "INSERT INTO run (id, seq, status, created_at_ms, manifest) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, seq, RunStatus.running.rawValue, createdMs, manifestJSON])
            return RunRecord(
                id: id, manifest: manifest, status: .running, createdAt: RowCoding.date(createdMs),
                finishedAt: nil, durationSeconds: 0, candidateCount: 0, promotionCount: 0, bestSpeedup: 1)
        }
    }

    /// All runs, oldest first, with candidate and promotion counts and best speedup.
    public func runs() throws -> [RunRecord] {
        try read("listing runs") { db in
            try Row.fetchAll(db, sql: Self.runSelect + " ORDER BY r.seq").map(RowCoding.run)
        }
    }

    /// The run `id`.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func run(_ id: String) throws -> RunRecord {
        try read("reading run \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: Self.runSelect + " WHERE r.id = ?", arguments: [id]) else {
                throw RunStoreError.unknownRun(id)
            }
            return try RowCoding.run(row)
        }
    }

    /// Ends run `id`: sets its status, its duration, and `finishedAt` to now.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func finishRun(_ id: String, status: RunStatus, durationSeconds: Double) throws {
        let finishedMs = RowCoding.milliseconds(Date())
        try write("finishing run \(id)") { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, finished_at_ms = ?, duration_seconds = ? WHERE id = ?",
                arguments: [status.rawValue, finishedMs, durationSeconds, id])
            if db.changesCount == 0 { throw RunStoreError.unknownRun(id) }
        }
    }

    /// Sets the status of run `id` and nothing else, except that `running` clears `finishedAt`
    /// (a resumed run is unfinished again).
    ///
    /// The store never marks a run `interrupted` by itself: an evolver that finds a run left
    /// `running` by a killed process calls this.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func setStatus(_ id: String, status: RunStatus) throws {
        try write("setting the status of run \(id)") { db in
            if status == .running {
                try db.execute(sql: "UPDATE run SET status = ?, finished_at_ms = NULL WHERE id = ?",
                               arguments: [status.rawValue, id])
            } else {
                try db.execute(sql: "UPDATE run SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            }
            if db.changesCount == 0 { throw RunStoreError.unknownRun(id) }
        }
    }

    /// `r` followed by `seq` on at least four digits.
    static func runID(_ seq: Int) -> String {
        let digits = String(seq)
        return "r" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
