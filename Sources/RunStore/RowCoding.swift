import Foundation
import GRDB

/// JSON text columns and conversions between records and rows.
enum RowCoding {
    /// JSON text with sorted keys; infinities and NaN as strings (plain JSON has no such numbers).
    static func json<T: Encodable>(_ value: T, _ what: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw RunStoreError.rejected("cannot encode \(what) as JSON: \(error)")
        }
    }

    /// Decodes JSON text written by ``json(_:_:)``.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, _ what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw RunStoreError.corrupted("cannot decode \(what): \(error)")
        }
    }

    /// Milliseconds since 1970 for `date`, rounded.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `ms` milliseconds after 1970.
    static func date(_ ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// Column values of a candidate, in the order of ``candidateColumns``.
    static func arguments(_ c: CandidateRecord) throws -> StatementArguments {
        let what = "candidate \(c.runID)#\(c.index)"
        guard let compileNs = Int64(exactly: c.compileNs) else {
            throw RunStoreError.rejected("\(what): compile_ns \(c.compileNs) does not fit in 64-bit signed")
        }
        let edits = try json(c.edits, "\(what) edits")
        let incumbent = try json(c.incumbentSamples, "\(what) incumbent samples")
        let samples = try json(c.candidateSamples, "\(what) candidate samples")
        let comparison = try c.comparison.map { try json($0, "\(what) comparison") }
        return [
            c.runID, c.index, c.generation, c.sha256, c.parentSHA256, edits, compileNs,
            c.verdict, c.detail, c.stage, c.scoringKernelSHA256, c.incumbentSHA256,
            incumbent, samples, comparison, c.decision,
        ]
    }

    /// Candidate columns, comma-separated, matching ``arguments(_:)``.
    static let candidateColumns = """
        run_id, idx, generation, sha256, parent_sha256, edits, compile_ns, verdict, detail, stage, \
        scoring_kernel_sha256, incumbent_sha256, incumbent_samples, candidate_samples, comparison, decision
        """

    /// A candidate from a row selected with ``candidateColumns``.
    static func candidate(_ row: Row) throws -> CandidateRecord {
        let runID: String = row["run_id"]
        let index: Int = row["idx"]
        let what = "candidate \(runID)#\(index)"
        let compileNs: Int64 = row["compile_ns"]
        guard let unsignedNs = UInt64(exactly: compileNs) else {
            throw RunStoreError.corrupted("\(what): negative compile_ns \(compileNs)")
        }
        let comparisonText: String? = row["comparison"]
        return CandidateRecord(
            runID: runID, index: index, generation: row["generation"],
            sha256: row["sha256"], parentSHA256: row["parent_sha256"],
            edits: try decode([EditRecord].self, row["edits"], "\(what) edits"),
            compileNs: unsignedNs, verdict: row["verdict"], detail: row["detail"], stage: row["stage"],
            scoringKernelSHA256: row["scoring_kernel_sha256"], incumbentSHA256: row["incumbent_sha256"],
            incumbentSamples: try decode([Int64].self, row["incumbent_samples"], "\(what) incumbent samples"),
            candidateSamples: try decode([Int64].self, row["candidate_samples"], "\(what) candidate samples"),
            comparison: try comparisonText.map { try decode([String: Double].self, $0, "\(what) comparison") },
            decision: row["decision"])
    }

    /// A promotion from a `SELECT * FROM promotion` row.
    static func promotion(_ row: Row) -> PromotionRecord {
        PromotionRecord(
            runID: row["run_id"], number: row["number"], candidateIndex: row["candidate_index"],
            sha256: row["sha256"], speedupVsSeed: row["speedup_vs_seed"],
            speedupVsPrevious: row["speedup_vs_previous"], pValue: row["p_value"], gain: row["gain"])
    }

    /// A run from a row of ``RunStore/runSelect``.
    static func run(_ row: Row) throws -> RunRecord {
        let id: String = row["id"]
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else {
            throw RunStoreError.corrupted("run \(id): unknown status '\(statusText)'")
        }
        let finishedMs: Int64? = row["finished_at_ms"]
        return RunRecord(
            id: id, manifest: try decode(RunManifest.self, row["manifest"], "run \(id) manifest"),
            status: status, createdAt: date(row["created_at_ms"]), finishedAt: finishedMs.map(date),
            durationSeconds: row["duration_seconds"], candidateCount: row["candidate_count"],
            promotionCount: row["promotion_count"], bestSpeedup: row["best_speedup"])
    }
}
