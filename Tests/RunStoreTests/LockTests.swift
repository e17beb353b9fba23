import Foundation
import GRDB
import Testing
@testable import RunStore

/// A write lock held elsewhere makes writes fail with `locked` after the busy timeout, not hang.
@Suite struct LockTests {
    @Test func lockHeldByAnotherProcessMakesWritesFailWithLocked() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let holder = try StressProcess(mode: "hold-lock", directory: dir.store)
        defer { holder.kill9() }
        try #require(holder.readLine() == "locked", "hold-lock helper failed: \(holder.stderr)")

        let start = Date()
        #expect(errorCase { _ = try store.createRun(manifest: sampleManifest()) } == "locked")
        let waited = Date().timeIntervalSince(start)
        #expect(waited >= 1, "the busy timeout was not waited for")
        #expect(waited < 30)
        #expect(errorCase { _ = try RunStore(directory: dir.store).putSource("x", sha256: hash(1)) } == "locked")
        #expect(try store.runs().isEmpty, "reads still work while another process writes")

        #expect(holder.kill9())
        #expect(try store.createRun(manifest: sampleManifest()).id == "r0001")
    }

    @Test func exclusiveTransactionInAnotherThreadMakesOpeningAFreshStoreFail() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.store, withIntermediateDirectories: true)
        let other = try DatabaseQueue(path: dir.database.path)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "CREATE TABLE scratch (x)")
                locked.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            done.signal()
        }
        try #require(locked.wait(timeout: .now() + 60) == .success)
        let start = Date()
        #expect(errorCase { _ = try RunStore(directory: dir.store) } == "locked")
        #expect(Date().timeIntervalSince(start) >= 1)
        release.signal()
        try #require(done.wait(timeout: .now() + 60) == .success)
        let store = try RunStore(directory: dir.store)
        #expect(try store.createRun(manifest: sampleManifest()).id == "r0001")
    }
}
