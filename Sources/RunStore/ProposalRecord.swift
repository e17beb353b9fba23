import Foundation
import GRDB

/// One exchange with a run's outside proposer: the request it was sent, its raw reply (or how it
/// failed), and what became of each source it proposed. Journaled with the generation it fed, so
/// a replay reads the reply instead of calling the proposer again.
public struct ProposalRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// What became of one proposed source.
    public struct Outcome: Codable, Sendable, Equatable {
        /// Position in the reply's `sources`.
        public var source: Int
        /// The normalized source's hash, when it parsed.
        public var sha256: String?
        /// The candidate it became (nil: refused, already known, or beyond the slots it was asked for).
        public var candidate: Int?
        /// Why it did not become a candidate, in one line.
        public var note: String?

        public init(source: Int, sha256: String?, candidate: Int?, note: String?) {
            self.source = source
            self.sha256 = sha256
            self.candidate = candidate
            self.note = note
        }
    }

    public var runID: String
    /// 1-based, gap-free per run, in the order the run asked.
    public var number: Int
    public var generation: Int
    /// The proposer's command line, as given.
    public var command: String
    /// The request, one JSON object as sent on stdin.
    public var request: String
    /// `replied`, `timeout`, `crashed`, `too_large`, `garbage` or `unavailable`.
    public var status: String
    /// One line on the status (the exit status and stderr's last line, the parse error, ...).
    public var detail: String
    /// The reply exactly as the proposer wrote it on stdout (possibly empty or not JSON).
    public var reply: Data
    /// Wall time of the call, in milliseconds.
    public var elapsedMs: Int64
    public var outcomes: [Outcome]

    public init(runID: String, number: Int, generation: Int, command: String, request: String, status: String, detail: String, reply: Data,
                elapsedMs: Int64, outcomes: [Outcome]) {
        self.runID = runID
        self.number = number
        self.generation = generation
        self.command = command
        self.request = request
        self.status = status
        self.detail = detail
        self.reply = reply
        self.elapsedMs = elapsedMs
        self.outcomes = outcomes
    }

    public static let databaseTableName = "proposal"
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { RowCoding.encoder() }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { RowCoding.decoder() }

    enum CodingKeys: String, CodingKey {
        case number, generation, command, request, status, detail, reply, outcomes
        case runID = "run_id"
        case elapsedMs = "elapsed_ms"
    }
}

extension RunStore {
    /// Every exchange of `run` with its proposer, in order.
    /// - Throws: ``RunStoreError/unknownRun(_:)``.
    public func proposals(run: String) throws -> [ProposalRecord] {
        try read("reading the proposals of run \(run)") { db in
            try Self.requireRun(db, run)
            return try Self.decoding("proposals of run \(run)") {
                try ProposalRecord.filter(Column("run_id") == run).order(Column("number")).fetchAll(db)
            }
        }
    }
}
