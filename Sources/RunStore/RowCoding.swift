import Foundation
import GRDB

/// JSON text columns and conversions between records and rows.
enum RowCoding {
    /// JSON text with sorted keys; infinities and NaN as strings (plain JSON has no such numbers).
    static func json<T: Encodable>(_ value: T, _ what: String) throws -> String {
        do {
            return String(decoding: try encoder().encode(value), as: UTF8.self)
        } catch {
            throw RunStoreError.rejected("cannot encode \(what) as JSON: \(error)")
        }
    }

    /// Decodes JSON text written by ``json(_:_:)``.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, _ what: String) throws -> T {
        do {
            return try decoder().decode(type, from: Data(text.utf8))
        } catch {
            throw RunStoreError.corrupted("cannot decode \(what): \(error)")
        }
    }

    /// The encoder of every JSON column: sorted keys; infinities and NaN as strings.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// The decoder matching ``encoder()``.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// Milliseconds since 1970 for `date`, rounded.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `ms` milliseconds after 1970.
    static func date(_ ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
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
