import Foundation
import GRDB

/// A candidate is one row of the `candidate` table, read and written through GRDB's Codable
/// records: nested values (edits, comparison, evidence) are JSON text columns.
extension CandidateRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "candidate"

    public static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        RowCoding.encoder()
    }

    public static func databaseJSONDecoder(for column: String) -> JSONDecoder {
        RowCoding.decoder()
    }
}
