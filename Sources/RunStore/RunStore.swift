import Foundation
import GRDB

/// The record of every run of the evolver, in one SQLite file `evolver.sqlite`.
///
/// The store never decides anything: it records and reads back. Every write is one
/// `BEGIN IMMEDIATE` transaction on a WAL database with `synchronous = FULL`, so it is
/// durable when the call returns and a `kill -9` loses only what was not yet committed.
///
/// Thread safety: `RunStore` is `Sendable`. Its only state is immutable (`let`) and its
/// single GRDB `DatabaseQueue` serializes every access, so calls from several threads
/// are safe (they run one after another). Several processes may open the same folder:
/// SQLite's file locks serialize their writes, and a writer that waits longer than
/// ``busyTimeout`` gets ``RunStoreError/locked(_:)``.
public final class RunStore: Sendable {
    /// Seconds a write waits for another connection's write lock before failing with `locked`.
    public static let busyTimeout: TimeInterval = 2

    /// The schema version this code reads and writes.
    public static let schemaVersion = Schema.version

    /// The database file, `directory/evolver.sqlite`.
    public let fileURL: URL

    let queue: DatabaseQueue

    /// Opens (creating it if needed) the store in `directory`.
    ///
    /// A store written by a newer evolver (``RunStoreError/newerSchema(found:supported:)``)
    /// or a file that is not an evolver store (``RunStoreError/corrupted(_:)``) is refused
    /// after read-only checks, without being modified.
    /// - Throws: ``RunStoreError``.
    public init(directory: URL) throws {
        let file = try StoreOpening.prepareDirectory(directory)
        try StoreOpening.preflight(file)
        fileURL = file
        queue = try StoreOpening.openWritable(file)
    }

    /// Copies the whole store, consistently, into a new store in `directory` (which must not hold one).
    /// - Throws: ``RunStoreError``.
    public func copy(to directory: URL) throws {
        let file = try StoreOpening.prepareDirectory(directory)
        guard !FileManager.default.fileExists(atPath: file.path) else { throw RunStoreError.rejected("\(file.path) already holds a store") }
        do {
            try queue.backup(to: try DatabaseQueue(path: file.path))
        } catch let error as DatabaseError {
            throw RunStoreError.rejected("cannot copy the store to \(directory.path): \(error.message ?? "\(error)")")
        }
    }

    // MARK: Sources

    /// Stores `text` under its SHA-256 hex digest `sha256`, computed by the caller.
    ///
    /// Storing the same text again is a no-op.
    /// - Throws: ``RunStoreError/rejected(_:)`` when `sha256` is not 64 lowercase hex digits
    ///   or is already stored with a different text.
    public func putSource(_ text: String, sha256: String) throws {
        try putSources([sha256: text])
    }

    /// Stores several sources (SHA-256 hex to text) in one durable transaction; all or none.
    /// - Throws: like ``putSource(_:sha256:)``.
    public func putSources(_ sources: [String: String]) throws {
        for sha256 in sources.keys { try Self.requireHash(sha256, "source") }
        try write("storing \(sources.count) sources") { db in
            for (sha256, text) in sources {
                try db.execute(sql: "INSERT OR IGNORE INTO source (sha256, text) VALUES (?, ?)", arguments: [sha256, text])
                if db.changesCount == 0,
                   try String.fetchOne(db, sql: "SELECT text FROM source WHERE sha256 = ?", arguments: [sha256]) != text {
                    throw RunStoreError.rejected("source \(sha256) is already stored with a different text")
                }
            }
        }
    }

    /// The source stored under `sha256`, or nil.
    public func source(_ sha256: String) throws -> String? {
        try read("reading source \(sha256)") { db in
            try String.fetchOne(db, sql: "SELECT text FROM source WHERE sha256 = ?", arguments: [sha256])
        }
    }

    // MARK: Access helpers

    /// Runs `body` in one immediate (write-locking) transaction; rolls back if it throws.
    func write<T>(_ doing: @autoclosure () -> String, _ body: (Database) throws -> T) throws -> T {
        try RunStoreError.mapping(doing()) {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot).
    func read<T>(_ doing: @autoclosure () -> String, _ body: (Database) throws -> T) throws -> T {
        try RunStoreError.mapping(doing()) {
            try queue.read(body)
        }
    }

    /// Throws `unknownRun` unless run `id` exists.
    static func requireRun(_ db: Database, _ id: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [id]) != nil else {
            throw RunStoreError.unknownRun(id)
        }
    }

    /// Throws `rejected` unless `hash` is 64 lowercase hexadecimal digits.
    static func requireHash(_ hash: String, _ what: String) throws {
        let valid = hash.utf8.count == 64 && hash.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        guard valid else { throw RunStoreError.rejected("\(what) hash '\(hash)' is not 64 lowercase hex digits") }
    }

    /// Value of a connection pragma such as `journal_mode` or `synchronous` (for tests and diagnostics).
    func pragma(_ name: String) throws -> String? {
        try RunStoreError.mapping("reading pragma \(name)") {
            try queue.inDatabase { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
        }
    }
}
