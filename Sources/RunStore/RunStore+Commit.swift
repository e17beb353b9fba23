import Foundation
import GRDB

extension RunStore {
    /// Records candidates, then promotions, then a checkpoint, in ONE transaction that is
    /// durable (fsynced) when this returns. If it throws, nothing of the batch is recorded.
    ///
    /// Invariants checked (``RunStoreError/rejected(_:)`` otherwise):
    /// - each candidate's `index` equals its run's candidate count so far, counting the
    ///   candidates before it in `candidates` (no duplicate, no gap);
    /// - each promotion's `number` is its run's promotion count so far plus 1, and it names a
    ///   recorded candidate (possibly from this batch) with the same `sha256`;
    /// - the checkpoint's `candidateCount` is between 0 and the run's count after the batch.
    ///   A checkpoint at an already checkpointed count replaces it.
    /// - Throws: ``RunStoreError/unknownRun(_:)`` for a record of a run that does not exist,
    ///   ``RunStoreError/locked(_:)`` when another process keeps the write lock.
    /// - Parameter learned: the run's own policy tallies after the batch, replacing those of its
    ///   policy record (which must exist) in the same transaction.
    /// - Parameter proposals: the generation's exchanges with the run's proposer, each at its run's
    ///   next number.
    public func commit(candidates: [CandidateRecord], promotions: [PromotionRecord], checkpoint: Checkpoint?,
                       learned: (run: String, tallies: [String: ArmTally])? = nil, proposals: [ProposalRecord] = []) throws {
        for candidate in candidates { try Self.requireHash(candidate.sha256, "candidate \(candidate.runID)#\(candidate.index)") }
        for promotion in promotions { try Self.requireHash(promotion.sha256, "promotion \(promotion.runID)/\(promotion.number)") }
        for c in candidates {
            for (name, value) in [("compile_ns", c.compileNs), ("compare_ns", c.compareNs)] where Int64(exactly: value) == nil {
                throw RunStoreError.rejected("candidate \(c.runID)#\(c.index): \(name) \(value) does not fit in 64-bit signed")
            }
        }

        try write("committing \(candidates.count) candidates, \(promotions.count) promotions") { db in
            var nextIndex: [String: Int] = [:]
            for candidate in candidates {
                let expected = try nextIndex[candidate.runID] ?? Self.candidateCount(db, run: candidate.runID)
                guard candidate.index == expected else {
                    throw RunStoreError.rejected(
                        "candidate index \(candidate.index) of run \(candidate.runID): expected \(expected)")
                }
                try candidate.insert(db)
                nextIndex[candidate.runID] = expected + 1
            }

            var nextNumber: [String: Int] = [:]
            for p in promotions {
                let expected = try nextNumber[p.runID] ?? Self.promotionCount(db, run: p.runID) + 1
                guard p.number == expected else {
                    throw RunStoreError.rejected("promotion number \(p.number) of run \(p.runID): expected \(expected)")
                }
                let promoted = try String.fetchOne(
                    db, sql: "SELECT sha256 FROM candidate WHERE run_id = ? AND idx = ?",
                    arguments: [p.runID, p.candidateIndex])
                guard promoted == p.sha256 else {
                    throw RunStoreError.rejected(promoted == nil
                        ? "promotion \(p.number) of run \(p.runID) names unrecorded candidate \(p.candidateIndex)"
                        : "promotion \(p.number) of run \(p.runID): sha256 differs from candidate \(p.candidateIndex)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO promotion (run_id, number, candidate_index, sha256, speedup_vs_seed,
                          speedup_vs_previous, p_value, gain) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [p.runID, p.number, p.candidateIndex, p.sha256, p.speedupVsSeed,
                                p.speedupVsPrevious, p.pValue, p.gain])
                nextNumber[p.runID] = expected + 1
            }

            if let checkpoint {
                let count = try Self.candidateCount(db, run: checkpoint.runID)
                guard (0...count).contains(checkpoint.candidateCount) else {
                    throw RunStoreError.rejected(
                        "checkpoint of run \(checkpoint.runID) at \(checkpoint.candidateCount) candidates; \(count) are recorded")
                }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO checkpoint (run_id, candidate_count, state) VALUES (?, ?, ?)",
                    arguments: [checkpoint.runID, checkpoint.candidateCount, checkpoint.state])
            }

            var nextProposal: [String: Int] = [:]
            for p in proposals {
                try Self.requireRun(db, p.runID)
                let expected = try nextProposal[p.runID]
                    ?? (Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) FROM proposal WHERE run_id = ?", arguments: [p.runID]) ?? 0) + 1
                guard p.number == expected else {
                    throw RunStoreError.rejected("proposal number \(p.number) of run \(p.runID): expected \(expected)")
                }
                try p.insert(db)
                nextProposal[p.runID] = expected + 1
            }

            if let learned {
                guard var policy = try RunPolicyRecord.filter(Column("run_id") == learned.run).fetchOne(db) else {
                    throw RunStoreError.rejected("run \(learned.run) has no policy record to update")
                }
                policy.learned = learned.tallies
                try policy.update(db)
            }
        }
    }

    /// Number of candidates of `run` (= next index, since indices are gap-free from 0).
    static func candidateCount(_ db: Database, run: String) throws -> Int {
        try requireRun(db, run)
        return try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(idx) + 1, 0) FROM candidate WHERE run_id = ?",
                                arguments: [run]) ?? 0
    }

    /// Number of promotions of `run` (= last number, since numbers are gap-free from 1).
    static func promotionCount(_ db: Database, run: String) throws -> Int {
        try requireRun(db, run)
        return try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) FROM promotion WHERE run_id = ?",
                                arguments: [run]) ?? 0
    }
}
