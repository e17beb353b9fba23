import Foundation
import GRDB
import Testing
@testable import RunStore

/// Opening a folder: WAL, schema version, refusing foreign, newer and damaged files untouched.
@Suite struct OpeningTests {
    @Test func newStoreIsWALWithFullSyncAndSchemaVersion() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        #expect(store.fileURL.lastPathComponent == "evolver.sqlite")
        #expect(try store.pragma("journal_mode") == "wal")
        #expect(try store.pragma("synchronous") == "2")  // FULL
        let raw = try DatabaseQueue(path: dir.database.path)
        #expect(try raw.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try raw.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") } == "7")
        let tables = try raw.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(tables == ["candidate", "checkpoint", "cleanup", "grdb_migrations", "meta", "minimization", "promotion", "proposal", "run", "run_policy", "scorer_event", "source", "sqlite_sequence"])
    }

    @Test func newerSchemaIsRefusedAndLeftByteIdentical() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try RunStore(directory: dir.store).createRun(manifest: sampleManifest())
        do {
            let raw = try DatabaseQueue(path: dir.database.path)
            try raw.write { try $0.execute(sql: "UPDATE meta SET value = '8' WHERE key = 'schema_version'") }
            try raw.close()
        }
        let before = try Data(contentsOf: dir.database)
        #expect(throws: RunStoreError.newerSchema(found: 8, supported: 7)) { try RunStore(directory: dir.store) }
        #expect(throws: RunStoreError.newerSchema(found: 8, supported: 7)) { try RunStore(directory: dir.store) }
        #expect(try Data(contentsOf: dir.database) == before)
    }

    @Test(arguments: [8192, 200, 5])
    func garbageFileIsRefusedAsCorruptedAndUnchanged(size: Int) throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.store, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: dir.database)
        #expect(errorCase { _ = try RunStore(directory: dir.store) } == "corrupted")
        #expect(try Data(contentsOf: dir.database) == garbage)
    }

    @Test func malformedDatabaseIsRefusedAsCorruptedAndUnchanged() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        do {
            let store = try RunStore(directory: dir.store)
            _ = try store.createRun(manifest: sampleManifest())
        }
        // Keep the valid 100-byte header, overwrite the rest of page 1 (the schema table's b-tree).
        var bytes = try Data(contentsOf: dir.database)
        try #require(bytes.count >= 4096)
        for offset in 100..<4096 { bytes[offset] = 0xA5 }
        try bytes.write(to: dir.database)
        #expect(errorCase { _ = try RunStore(directory: dir.store) } == "corrupted")
        #expect(try Data(contentsOf: dir.database) == bytes)
    }

    @Test func foreignSQLiteDatabaseIsRefusedAndUnchanged() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.store, withIntermediateDirectories: true)
        do {
            let raw = try DatabaseQueue(path: dir.database.path)
            try raw.write { try $0.execute(sql: "CREATE TABLE player (name TEXT); INSERT INTO player VALUES ('a')") }
            try raw.close()
        }
        let before = try Data(contentsOf: dir.database)
        #expect(errorCase { _ = try RunStore(directory: dir.store) } == "corrupted")
        #expect(try Data(contentsOf: dir.database) == before)
    }

    @Test func emptyFileBecomesAStore() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.store, withIntermediateDirectories: true)
        try Data().write(to: dir.database)
        let store = try RunStore(directory: dir.store)
        #expect(try store.createRun(manifest: sampleManifest()).id == "r0001")
    }

    @Test func folderThatIsAFileIsUnreadable() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Data("not a folder".utf8).write(to: dir.store)
        #expect(errorCase { _ = try RunStore(directory: dir.store) } == "unreadable")
        #expect(errorCase { _ = try RunStore(directory: dir.store.appendingPathComponent("sub")) } == "unreadable")
    }

    @Test func unknownRunIsReportedEverywhere() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        _ = try store.createRun(manifest: sampleManifest())
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.run("r0042") }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.finishRun("r0042", status: .completed, durationSeconds: 1) }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.setStatus("r0042", status: .interrupted) }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.candidates(run: "r0042") }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.candidate(run: "r0042", index: 0) }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.candidateIndex(run: "r0042", sha256: hash(1)) }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.knownHashes(run: "r0042") }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.promotions(run: "r0042") }
        #expect(throws: RunStoreError.unknownRun("r0042")) { try store.latestCheckpoint(run: "r0042") }
        #expect(throws: RunStoreError.unknownRun("r0042")) {
            try store.commit(candidates: [], promotions: [], checkpoint: Checkpoint(runID: "r0042", candidateCount: 0, state: Data()))
        }
        #expect(try store.runs().map(\.id) == ["r0001"])
    }

    @Test func statusChangesAreExplicit() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let id = try store.createRun(manifest: sampleManifest()).id
        try store.finishRun(id, status: .interrupted, durationSeconds: 4)
        #expect(try store.run(id).finishedAt != nil)
        try store.setStatus(id, status: .running)  // resumed
        #expect(try store.run(id).status == .running)
        #expect(try store.run(id).finishedAt == nil)
        #expect(try store.run(id).durationSeconds == 4)
        try store.setStatus(id, status: .interrupted)  // found running after a kill
        let reopened = try RunStore(directory: dir.store).run(id)
        #expect(reopened.status == .interrupted)
        #expect(reopened.finishedAt == nil)
    }

    @Test func errorsDescribeThemselves() {
        let errors: [RunStoreError] = [
            .newerSchema(found: 3, supported: 2), .corrupted("x"), .locked("x"), .unknownRun("r0009"), .unreadable("x"), .rejected("x"),
        ]
        let descriptions = errors.map { $0.localizedDescription }
        #expect(descriptions[0].contains("3") && descriptions[0].contains("newer evolver"))
        #expect(descriptions[3].contains("r0009"))
        #expect(Set(descriptions).count == errors.count)
    }
}
