import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: `evolver run`, `runs`, `show`, `diff`, `export`, `replay` on a real store.
@Suite(.serialized)
struct RunCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func runThenInspectThenReplay() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let run = try CommandRunner.evolver(["run", "score", "--candidates", "24", "--seed", "11", "--jobs", "2", "--store", store, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try json(run.stdout) as? [String: Any])
        for key in ["run", "sandbox", "seed", "candidates", "promotions", "best_speedup", "duration_s", "status"] { #expect(summary[key] != nil, "\(key)") }
        #expect(summary["candidates"] as? Int == 24)
        #expect(summary["seed"] as? Int == 11)
        #expect(summary["status"] as? String == "completed")
        let id = try #require(summary["run"] as? String)

        let runs = try CommandRunner.evolver(["runs", "--json", "--store", store])
        #expect(runs.status == 0)
        let list = try #require(try json(runs.stdout) as? [[String: Any]])
        #expect(list.count == 1 && list[0]["run"] as? String == id)

        let show = try CommandRunner.evolver(["show", id, "--store", store])
        #expect(show.status == 0)
        #expect(show.stdout.contains("promotion 0  seed"))

        let diff = try CommandRunner.evolver(["diff", id, "--color", "never", "--store", store])
        #expect(diff.status == 0)
        #expect(diff.stdout.hasPrefix("# run \(id): promotion 0 -> promotion"))
        #expect(!diff.stdout.contains("\u{1B}["))

        let export = try CommandRunner.evolver(["export", id, "--store", store])
        #expect(export.status == 0)
        #expect(export.stdout.contains("evolver run \(id)") && export.stdout.contains("sandbox lock sha256"))
        let exported = try tmp.write(export.stdout, to: "best.c")
        let check = try CommandRunner.evolver(["check", "score", "--kernel", exported.path])
        #expect(check.status == 0, "the exported kernel must pass the suite: \(check.stdout)")

        let replay = try CommandRunner.evolver(["replay", id, "--json", "--store", store])
        #expect(replay.status == 0, "\(replay.stdout) \(replay.stderr)")
        let report = try #require(try json(replay.stdout) as? [String: Any])
        #expect(report["identical"] as? Bool == true)
        #expect(report["candidates_checked"] as? Int == 24)
        #expect(report["first_divergence"] is NSNull)
        #expect(report["run"] as? String == id)
    }

    @Test func badRunsAndStoresAreConfigurationErrors() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store")
        #expect(try CommandRunner.evolver(["runs", "--store", store.path]).status == 2)
        _ = try CommandRunner.evolver(["run", "score", "--candidates", "4", "--seed", "1", "--store", store.path])
        let unknown = try CommandRunner.evolver(["show", "r9999", "--store", store.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("error: ") && unknown.stderr.split(separator: "\n").count == 1)
        #expect(try CommandRunner.evolver(["run", "nope", "--store", store.path]).status == 2)
        #expect(try CommandRunner.evolver(["diff", "r0001", "7", "--store", store.path]).status == 2)
        #expect(try CommandRunner.evolver(["run", "--candidates", "0", "--store", store.path]).status == 2)

        // A corrupted store is refused and left as it is.
        let bad = tmp.url.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: bad.appendingPathComponent("evolver.sqlite"))
        let corrupted = try CommandRunner.evolver(["runs", "--store", bad.path])
        #expect(corrupted.status == 2)
        #expect(try Data(contentsOf: bad.appendingPathComponent("evolver.sqlite")) == garbage)
        #expect(try CommandRunner.evolver(["run", "score", "--candidates", "4", "--store", bad.path]).status == 2)
        #expect(try Data(contentsOf: bad.appendingPathComponent("evolver.sqlite")) == garbage)
    }

    @Test func interruptRecordsTheRunAndResumeContinuesWithoutDuplicates() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.evolver)
        process.arguments = ["run", "score", "--time", "120s", "--seed", "5", "--store", store, "--json"]
        process.currentDirectoryURL = TestPaths.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for a few recorded generations, then Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        var recorded = 0
        while Date() < deadline, recorded < 16 {
            usleep(300_000)
            let runs = try CommandRunner.evolver(["runs", "--json", "--store", store])
            recorded = ((try? JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])?.first?["candidates"] as? Int) ?? 0
        }
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(summary["status"] as? String == "interrupted")
        let before = summary["candidates"] as? Int ?? 0
        #expect(before >= 16)

        let resumed = try CommandRunner.evolver(["run", "--resume", "r0001", "--time", "20s", "--store", store, "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(after["status"] as? String == "completed")
        #expect((after["candidates"] as? Int ?? 0) > before)
        let replay = try CommandRunner.evolver(["replay", "r0001", "--json", "--store", store])
        #expect(replay.status == 0, "a resumed run replays identically: \(replay.stdout)")
    }

    @Test func killNineLosesNothingRecordedAndResumeEvaluatesNothingTwice() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.evolver)
        process.arguments = ["run", "score", "--time", "120s", "--seed", "9", "--store", store]
        process.currentDirectoryURL = TestPaths.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func recorded() -> Int {
            let runs = try? CommandRunner.evolver(["runs", "--json", "--store", store])
            return ((try? JSONSerialization.jsonObject(with: Data((runs?.stdout ?? "").utf8)) as? [[String: Any]])?.first?["candidates"] as? Int) ?? 0
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, recorded() < 8 { usleep(200_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = recorded()
        #expect(before >= 8)
        let resumed = try CommandRunner.evolver(["run", "--resume", "r0001", "--time", "20s", "--store", store, "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect((after["candidates"] as? Int ?? 0) > before)
        // Replay re-derives every recorded candidate in order: contiguous, each hash once, same decisions.
        let replay = try CommandRunner.evolver(["replay", "r0001", "--json", "--store", store])
        #expect(replay.status == 0, "\(replay.stdout)")
    }
}
