import Foundation
import GRDB

/// Opening a store folder safely: checks that never write come first, then the
/// read-write connection is configured and migrated.
enum StoreOpening {
    /// Name of the database file inside a store folder.
    static let fileName = "evolver.sqlite"

    /// Creates `directory` if needed and returns the URL of its database file.
    static func prepareDirectory(_ directory: URL) throws -> URL {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError.unreadable("cannot create folder \(directory.path): \(error.localizedDescription)")
        }
        return directory.appendingPathComponent(fileName)
    }

    /// Refuses, without writing anything, a file that is not an SQLite database, is not an
    /// evolver store, or was written by a newer schema. A missing or empty file passes.
    static func preflight(_ file: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw RunStoreError.unreadable("\(file.path) is a folder") }
        let header = try readHeader(file)
        if header.isEmpty { return }
        let magic = Data("SQLite format 3\0".utf8)
        guard header.count == 100, header.prefix(magic.count) == magic else {
            throw RunStoreError.corrupted("\(file.path) is not an SQLite database")
        }
        func recordedVersion(readonly: Bool) throws -> Int? {
            var configuration = Configuration()
            configuration.readonly = readonly
            configuration.busyMode = .timeout(RunStore.busyTimeout)
            let reader = try DatabaseQueue(path: file.path, configuration: configuration)
            defer { try? reader.close() }
            return try reader.read(schemaVersion)
        }
        let found = try RunStoreError.mapping("reading \(file.path)") { () -> Int? in
            do {
                return try recordedVersion(readonly: true)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
                // A process killed mid-commit left a write-ahead log that must be recovered first,
                // which a read-only connection cannot do; recovery replays only committed pages.
                return try recordedVersion(readonly: false)
            }
        }
        if let found, found > Schema.version {
            throw RunStoreError.newerSchema(found: found, supported: Schema.version)
        }
    }

    /// Opens `file` read-write with WAL and `synchronous = FULL`, migrates it, and checks
    /// the schema version again (a newer evolver may have migrated it in between).
    static func openWritable(_ file: URL) throws -> DatabaseQueue {
        try RunStoreError.mapping("opening \(file.path)") {
            var configuration = Configuration()
            configuration.busyMode = .timeout(RunStore.busyTimeout)
            configuration.prepareDatabase { db in
                // Per connection: fsync the WAL on every commit so a returned commit survives power loss.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            let queue = try DatabaseQueue(path: file.path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else {
                    throw RunStoreError.unreadable("cannot switch \(file.path) to WAL (journal_mode is \(mode ?? "unknown"))")
                }
            }
            try Schema.migrator.migrate(queue)
            let found = try queue.read(schemaVersion) ?? 0
            guard found == Schema.version else {
                throw found > Schema.version
                    ? RunStoreError.newerSchema(found: found, supported: Schema.version)
                    : RunStoreError.corrupted("schema_version is \(found) after migration")
            }
            return queue
        }
    }

    /// The recorded schema version; nil for a database without tables of its own.
    static func schemaVersion(_ db: Database) throws -> Int? {
        guard try db.tableExists("meta") else {
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
            if tables.isEmpty { return nil }
            throw RunStoreError.corrupted("not an evolver store: no meta table but tables \(tables.sorted())")
        }
        let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'")
        guard let text, let version = Int(text) else {
            throw RunStoreError.corrupted("meta.schema_version is \(text.map { "'\($0)'" } ?? "missing")")
        }
        return version
    }

    /// The first 100 bytes (the SQLite header) of `file`, or fewer if it is shorter.
    private static func readHeader(_ file: URL) throws -> Data {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            return try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw RunStoreError.unreadable("cannot read \(file.path): \(error.localizedDescription)")
        }
    }
}
