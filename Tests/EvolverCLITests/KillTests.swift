import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A killed evolver leaves no process behind: its worker and the worker's sandboxed child die with it.
@Suite(.serialized)
struct KillTests {
    @Test func sigkillOfTheEvolverTakesDownWorkerAndChild() throws {
        let tmp = try TempDirectory()
        let loop = try tmp.write(
            "int score(const long long *a, int n, const long long *b, int m, long long *s, long long *out) { for (;;) {} }\n",
            to: "loop.c")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.evolver)
        process.arguments = ["check", "score", "--kernel", loop.path]
        process.currentDirectoryURL = TestPaths.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let evolver = process.processIdentifier

        // Wait until the worker (child of the evolver) has a sandboxed child running the loop.
        var tree: [ProcessTable.Entry] = []
        let start = Date()
        while Date().timeIntervalSince(start) < 10 {
            tree = ProcessTable.descendants(of: evolver)
            if tree.count >= 2 { break }
            usleep(10_000)
        }
        #expect(tree.count >= 2, "expected worker and sandboxed child, saw \(tree)")
        #expect(tree.contains { $0.command.hasPrefix("evolver-worker") })

        kill(evolver, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // Orphans would be re-parented elsewhere; look them up by pid.
        let pids = Set(tree.map(\.pid))
        var alive: [ProcessTable.Entry] = []
        let deadline = Date().addingTimeInterval(5)
        repeat {
            alive = ProcessTable.all().filter { pids.contains($0.pid) && $0.state != "Z" }
            if alive.isEmpty { break }
            usleep(20_000)
        } while Date() < deadline
        #expect(alive.isEmpty, "left behind: \(alive)")
    }
}
