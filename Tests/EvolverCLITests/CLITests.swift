import Foundation
import Testing
import TestSupport

/// End-to-end: the built `evolver` binary, its output and its exit codes.
@Suite(.serialized)
struct CLITests {
    @Test func checkSeedPassesWithAFullReport() throws {
        let r = try CommandRunner.evolver(["check", "score"])
        #expect(r.status == 0, "\(r.stderr)")
        for field in ["verdict      passed", "validation   251/251", "benchmark", "speedup", "compile"] {
            #expect(r.stdout.contains(field), "missing \(field) in\n\(r.stdout)")
        }
    }

    @Test func checkJSONHasTheContractKeys() throws {
        let r = try CommandRunner.evolver(["check", "smith-waterman", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["sandbox", "kernel_sha256", "verdict", "detail", "validation", "benchmark"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["verdict"] as? String == "passed")
        let validation = try #require(object["validation"] as? [String: Any])
        #expect(validation["passed"] as? Int == validation["total"] as? Int)
        let bench = try #require(object["benchmark"] as? [String: Any])
        for key in ["median_ns", "seed_median_ns", "speedup", "significant"] { #expect(bench[key] != nil, "\(key)") }
        #expect((object["kernel_sha256"] as? String)?.count == 64)
    }

    @Test func rejectedKernelExitsOneWithExpectedVersusActual() throws {
        let tmp = try TempDirectory()
        let seed = try String(contentsOf: TestPaths.sandboxes.appendingPathComponent("score/seed.c"), encoding: .utf8)
        let wrong = try tmp.write(seed.replacingOccurrences(of: "x[(k - 1) / 2] + x[k / 2]", with: "x[k / 2] + x[k / 2]"), to: "wrong.c")
        let r = try CommandRunner.evolver(["check", "score", "--kernel", wrong.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("verdict      wrong_output"))
        #expect(r.stdout.contains("  expected") && r.stdout.contains("  actual"))
        let json = try CommandRunner.evolver(["check", "score", "--kernel", wrong.path, "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["benchmark"] is NSNull)
        #expect(object["verdict"] as? String == "wrong_output")
    }

    @Test func compileErrorShowsDiagnosticsWithLineNumbers() throws {
        let tmp = try TempDirectory()
        let file = try tmp.write("int score(const long long *a, int n,\n  const long long *b, int m, long long *s, long long *out) {\n  return oops;\n}\n", to: "bad.c")
        let r = try CommandRunner.evolver(["check", "score", "--kernel", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("compile_error"))
        #expect(r.stdout.contains("kernel.c:3:"))
    }

    @Test func configurationErrorsExitTwoWithOneLine() throws {
        let unknown = try CommandRunner.evolver(["check", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown sandbox 'nope'"))
        #expect(unknown.stdout.isEmpty)

        let missing = try CommandRunner.evolver(["check", "score", "--kernel", "/nonexistent/kernel.c"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read /nonexistent/kernel.c\n")

        let usage = try CommandRunner.evolver(["check"])
        #expect(usage.status == 2)
        let badFlag = try CommandRunner.evolver(["sandboxes", "--frobnicate"])
        #expect(badFlag.status == 2)
    }

    @Test func brokenLockIsRefusedNamingTheFileAndRelockRepairsIt() throws {
        let tmp = try TempDirectory()
        let root = try tmp.copyOfSandboxes()
        let seed = root.appendingPathComponent("smith-waterman/seed.c")
        try (try String(contentsOf: seed, encoding: .utf8) + "\n/* edited */\n").write(to: seed, atomically: true, encoding: .utf8)
        let check = try CommandRunner.evolver(["check", "smith-waterman", "--sandboxes", root.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("seed.c does not match lock.json"))

        let list = try CommandRunner.evolver(["sandboxes", "--json", "--sandboxes", root.path])
        #expect(list.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let sw = try #require(entries.first { $0["name"] as? String == "smith-waterman" })
        #expect(sw["lock"] as? String == "mismatch")
        #expect(sw["mismatched_file"] as? String == "seed.c")
        #expect(entries.first { $0["name"] as? String == "score" }?["lock"] as? String == "locked")

        let lock = try CommandRunner.evolver(["sandbox", "lock", "smith-waterman", "--sandboxes", root.path])
        #expect(lock.status == 0)
        let again = try CommandRunner.evolver(["sandboxes", "--sandboxes", root.path])
        #expect(again.stdout.contains("smith-waterman") && !again.stdout.contains("MISMATCH"))
    }

    @Test func sandboxesListsBothWithLockStatus() throws {
        let r = try CommandRunner.evolver(["sandboxes"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("score") && r.stdout.contains("smith-waterman") && r.stdout.contains("locked"))
    }

    @Test func recordRewritesIdenticalExpectedOutputs() throws {
        let tmp = try TempDirectory()
        let root = try tmp.copyOfSandboxes()
        let expected = root.appendingPathComponent("score/suite/expected.jsonl")
        let before = try Data(contentsOf: expected)
        try FileManager.default.removeItem(at: expected)
        let r = try CommandRunner.evolver(["sandbox", "record", "score", "--sandboxes", root.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: expected) == before)
        #expect(try CommandRunner.evolver(["sandboxes", "--sandboxes", root.path]).stdout.contains("locked"))
    }
}
