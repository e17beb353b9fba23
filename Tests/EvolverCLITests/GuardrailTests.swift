import Foundation
import Testing
import TestSupport

/// What a run can never do: exceed its budgets, or write (or go on after a change to) the
/// sandbox's fixed files, the harness or the lock.
@Suite(.serialized)
struct GuardrailTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every file of a folder with its bytes and modification time.
    func snapshot(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: folder.path)! {
            let url = folder.appendingPathComponent(path)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let modified = (try fm.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = "\(try Data(contentsOf: url).base64EncodedString()) \(modified)"
        }
        return result
    }

    @Test func aRunStaysWithinItsBudgets() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let began = Date()
        let timed = try CommandRunner.evolver(["run", "score", "--time", "4s", "--seed", "2", "--store", store, "--json"])
        let wall = Date().timeIntervalSince(began)
        #expect(timed.status == 0, "\(timed.stderr)")
        let summary = try json(timed.stdout)
        let duration = summary["duration_s"] as? Double ?? 99
        // About one candidate's evaluation past the budget (a deciding benchmark on a loaded machine: under 3 s).
        #expect(duration <= 4.0 + 3.0, "the recorded run took \(duration) s of a 4 s budget")
        #expect(wall <= 4.0 + 10, "the process took \(wall) s (start-up and the judge's check included)")
        let counted = try CommandRunner.evolver(["run", "score", "--candidates", "20", "--seed", "2", "--store", store, "--json"])
        #expect(try json(counted.stdout)["candidates"] as? Int == 20)
        let generations = try CommandRunner.evolver(["run", "score", "--generations", "2", "--jobs", "1", "--seed", "2", "--store", store, "--json"])
        #expect(try json(generations.stdout)["candidates"] as? Int ?? 99 <= 2 * 8, "two generations of at most 8 offspring with one worker")
    }

    @Test func aRunNeverWritesTheSandbox() throws {
        let tmp = try TempDirectory()
        let sandboxes = try tmp.copyOfSandboxes()
        let before = try snapshot(sandboxes)
        let run = try CommandRunner.evolver(["run", "score", "--candidates", "40", "--seed", "4", "--sandboxes", sandboxes.path,
                                             "--store", tmp.url.appendingPathComponent("store").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try snapshot(sandboxes) == before, "not one byte or time stamp of the sandboxes changed")
    }

    @Test(arguments: ["seed.c", "harness.json", "suite/expected.jsonl", "suite/cases.jsonl", "manifest.json", "lock.json"])
    func aTamperedSandboxRefusesToStart(_ file: String) throws {
        let tmp = try TempDirectory()
        let sandboxes = try tmp.copyOfSandboxes()
        let url = sandboxes.appendingPathComponent("smith-waterman").appendingPathComponent(file)
        if file == "lock.json" {
            // A lock that blesses a different seed.
            let text = try String(contentsOf: url, encoding: .utf8)
            let hash = try #require(text.range(of: #""seed.c" : ""#))
            let digit = text[hash.upperBound]
            try text.replacingCharacters(in: hash.upperBound...hash.upperBound, with: digit == "0" ? "1" : "0").write(to: url, atomically: true, encoding: .utf8)
        } else {
            var data = try Data(contentsOf: url)
            data.append(contentsOf: Array(" ".utf8))
            try data.write(to: url)
        }
        let run = try CommandRunner.evolver(["run", "smith-waterman", "--candidates", "8", "--sandboxes", sandboxes.path,
                                             "--store", tmp.url.appendingPathComponent("store").path])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "one line: \(run.stderr)")
        #expect(run.stderr.contains(file == "lock.json" ? "seed.c" : file), "names the file: \(run.stderr)")
        let runs = try CommandRunner.evolver(["runs", "--json", "--store", tmp.url.appendingPathComponent("store").path])
        #expect((try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [Any])?.isEmpty == true, "no run was created: \(runs.stdout)")
    }

    @Test func aFixedFileChangedDuringARunStopsItAndKeepsWhatWasRecorded() throws {
        let tmp = try TempDirectory()
        let sandboxes = try tmp.copyOfSandboxes()
        let store = tmp.url.appendingPathComponent("store").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.evolver)
        process.arguments = ["run", "score", "--time", "120s", "--seed", "6", "--sandboxes", sandboxes.path, "--store", store]
        process.currentDirectoryURL = TestPaths.packageRoot
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        func recorded() -> Int {
            let runs = try? CommandRunner.evolver(["runs", "--json", "--store", store])
            return ((try? JSONSerialization.jsonObject(with: Data((runs?.stdout ?? "").utf8)) as? [[String: Any]])?.first?["candidates"] as? Int) ?? 0
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, recorded() < 8 { usleep(200_000) }
        let cases = sandboxes.appendingPathComponent("score/suite/cases.jsonl")
        let original = try Data(contentsOf: cases)
        try (original + Data("\n".utf8)).write(to: cases)
        let stopBy = Date().addingTimeInterval(60)
        while process.isRunning, Date() < stopBy { usleep(100_000) }
        if process.isRunning { process.terminate() }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("error: ") && stderr.contains("suite/cases.jsonl"), "names the file: \(stderr)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(try CommandRunner.evolver(["runs", "--json", "--store", store]).stdout.utf8)) as? [[String: Any]])
        #expect(runs.first?["status"] as? String == "interrupted")
        let kept = runs.first?["candidates"] as? Int ?? 0
        #expect(kept >= 8, "what was recorded before the change is kept")
        // Once the file is back as locked, the recorded run replays exactly.
        try original.write(to: cases)
        let replay = try CommandRunner.evolver(["replay", "r0001", "--sandboxes", sandboxes.path, "--store", store])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
