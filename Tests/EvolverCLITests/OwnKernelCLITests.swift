import Foundation
import Testing
import TestSupport

/// A user's own kernel from scratch, as the README tells it: `sandbox new`, fill in the TODOs,
/// `sandbox cases`, `sandbox record`, `sandbox verify` against a Python reference, `check`, `run`.
@Suite(.serialized)
struct OwnKernelCLITests {
    let tmp: TempDirectory
    let sandboxes: URL

    init() throws {
        tmp = try TempDirectory("own-kernel")
        // Beside the shipped ones: the judge sandbox comes with them.
        sandboxes = try tmp.copyOfSandboxes()
    }

    func evolver(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.evolver(arguments + ["--sandboxes", sandboxes.path])
    }

    /// Replaces a scaffold file's TODO lines with what the user writes.
    func fill(_ name: String, _ file: String, _ replacements: [(String, String)]) throws {
        let url = sandboxes.appendingPathComponent(name).appendingPathComponent(file)
        var text = try String(contentsOf: url, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "\(file) lacks \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static let histSeed = """
    void hist(const unsigned char *v, int n, int *bins) {
        int i;
        for (i = 0; i < 16; i++) {
            bins[i] = 0;
        }
        for (i = 0; i < n; i++) {
            bins[v[i] & 15] += 1;
        }
    }
    """

    static let histReference = """
    import json, sys
    case = json.loads(sys.stdin.read())["args"]
    bins = [0] * 16
    for x in case["v"][:case["n"]]:
        bins[x & 15] += 1
    print(json.dumps({"return": 0, "outputs": {"bins": bins}}))
    """

    @Test func anIntegerKernelFromPrototypeToARun() throws {
        let new = try evolver(["sandbox", "new", "hist", "--prototype", "void hist(const unsigned char *v, int n, int *bins)"])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.contains("created sandbox 'hist'"))
        // Every other command refuses the placeholders, naming where they are.
        let early = try evolver(["sandbox", "cases", "hist"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("still a placeholder"), "\(early.stderr)")
        #expect(early.stderr.split(separator: "\n").count == 1)
        let listed = try evolver(["sandboxes"])
        #expect(listed.stdout.split(separator: "\n").contains { $0.hasPrefix("hist ") && $0.contains(" missing ") }, "\(listed.stdout)")
        #expect(listed.stdout.contains("  problem: manifest.json description: still a placeholder"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("?()"))
        try fill("hist", "harness.json", [
            (#""length": "TODO element count, e.g. n", "values": ["TODO lo", "TODO hi"]"#, #""length": "n", "values": [0, 255]"#),
            (#""range": ["TODO lo", "TODO hi"]"#, #""range": [0, 4096]"#),
            (#""length": "TODO element count, e.g. n""#, #""length": "16""#),
        ])
        try fill("hist", "manifest.json", [
            ("TODO one line: what the kernel computes", "16-bin histogram of the low nibbles of bytes"),
            (#""v": {"array": {"length": ["TODO lo", "TODO hi"], "values": ["TODO lo", "TODO hi"]}}"#, #""v": {"array": {"length": [2048, 4096], "zipf": {"values": [0, 255], "s": 1.1}}}"#),
            (#""n": {"int": ["TODO lo", "TODO hi"]}"#, #""n": {"length_of": "v"}"#),
        ])
        try Self.histSeed.write(to: sandboxes.appendingPathComponent("hist/seed.c"), atomically: true, encoding: .utf8)
        let cases = try evolver(["sandbox", "cases", "hist", "--count", "60", "--seed", "3"])
        #expect(cases.status == 0, "\(cases.stderr)")
        let record = try evolver(["sandbox", "record", "hist"])
        #expect(record.status == 0, "\(record.stderr)")
        try tmp.write(Self.histReference, to: "hist_reference.py")
        let reference = "python3 \(tmp.url.appendingPathComponent("hist_reference.py").path)"
        let verify = try evolver(["sandbox", "verify", "hist", "--reference", reference])
        #expect(verify.status == 0, "\(verify.stderr)")
        let count = try String(contentsOf: sandboxes.appendingPathComponent("hist/suite/cases.jsonl"), encoding: .utf8).split(separator: "\n").count
        #expect(count > 60 && verify.stdout.contains("verified \(count)/\(count) cases of 'hist'"), "\(verify.stdout)")
        // A reference that disagrees names the case and both answers.
        try tmp.write(Self.histReference.replacingOccurrences(of: "x & 15", with: "x % 15"), to: "wrong_reference.py")
        let wrong = try evolver(["sandbox", "verify", "hist", "--reference", "python3 \(tmp.url.appendingPathComponent("wrong_reference.py").path)"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("suite/expected.jsonl says bins["), "\(wrong.stderr)")
        let crash = try evolver(["sandbox", "verify", "hist", "--reference", "python3 -c 'import sys; sys.exit(3)'"])
        #expect(crash.status == 2 && crash.stderr.contains("exited with status 3"), "\(crash.stderr)")
        // A reference that leaves a process behind holding its stdout is answered when its shell
        // exits, and what it left is killed with it (waiting for the pipe to close would wait 600 s).
        let marker = "600.\(getpid() % 1000)"
        let witness = Process()
        witness.executableURL = URL(fileURLWithPath: "/bin/sleep")
        witness.arguments = [marker]
        try witness.run()
        #expect(Self.processes(withCommandLine: "/bin/sleep\0\(marker)").count == 1, "the check sees a sleep it started")
        witness.terminate()
        witness.waitUntilExit()
        let lingering = "sleep \(marker) & \(reference)"
        let began = Date()
        let left = try CommandRunner.run(TestPaths.evolver, ["sandbox", "verify", "hist", "--reference", lingering, "--sandboxes", sandboxes.path], timeout: 300)
        #expect(left.status == 0 && Date().timeIntervalSince(began) < 300, "\(left.stderr)")
        #expect(Self.processes(withCommandLine: "sleep\0\(marker)").isEmpty)
        let late = try evolver(["sandbox", "verify", "hist", "--reference", "sleep 30", "--timeout", "0.5"])
        #expect(late.status == 2 && late.stderr.contains("did not answer within 0.5 s"), "\(late.stderr)")
        let check = try evolver(["check", "hist", "--seed", "1"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let run = try evolver(["run", "hist", "--time", "15s", "--seed", "2", "--store", tmp.url.appendingPathComponent("store").path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((summary["candidates"] as? Int ?? 0) > 0)
    }

    /// The processes whose command line begins with `prefix` (arguments separated by NUL).
    static func processes(withCommandLine prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.filter { name in
            guard name.allSatisfy(\.isNumber), let line = FileHandle(forReadingAtPath: "/proc/\(name)/cmdline")?.readDataToEndOfFile() else { return false }
            return String(decoding: line, as: UTF8.self).hasPrefix(prefix)
        }
    }

    static let dotReference = """
    import json, sys
    a = json.loads(sys.stdin.read())["args"]
    s = 0.0
    for x, y in zip(a["a"][:a["n"]], a["b"][:a["n"]]):
        s += x * y
    print(json.dumps({"return": s, "outputs": {}}))
    """

    @Test func aFloatKernelWithATolerance() throws {
        #expect(try evolver(["sandbox", "new", "fdot", "--prototype", "double fdot(const float *a, const float *b, int n)"]).status == 0)
        let harness = sandboxes.appendingPathComponent("fdot/harness.json")
        var text = try String(contentsOf: harness, encoding: .utf8)
        text = text.replacingOccurrences(of: #""length": "TODO element count, e.g. n", "values": ["TODO lo", "TODO hi"]"#, with: #""length": "n", "values": [-4, 4]"#)
            .replacingOccurrences(of: #""range": ["TODO lo", "TODO hi"]"#, with: #""range": [0, 512]"#)
            .replacingOccurrences(of: "\n  ]\n}", with: "\n  ],\n  \"return_tolerance\": {\"rel\": 1e-9, \"abs\": 1e-12}\n}")
        try text.write(to: harness, atomically: true, encoding: .utf8)
        try fill("fdot", "manifest.json", [
            ("TODO one line: what the kernel computes", "dot product of two float vectors, accumulated in double"),
            (#""a": {"array": {"length": ["TODO lo", "TODO hi"], "values": ["TODO lo", "TODO hi"]}}"#, #""a": {"array": {"length": [256, 512], "values": [-4.0, 4.0]}}"#),
            (#""b": {"array": {"length": ["TODO lo", "TODO hi"], "values": ["TODO lo", "TODO hi"]}}"#, #""b": {"array": {"length": {"same_as": "a"}, "values": [-4.0, 4.0]}}"#),
            (#""n": {"int": ["TODO lo", "TODO hi"]}"#, #""n": {"length_of": "a"}"#),
        ])
        try "double fdot(const float *a, const float *b, int n) {\n    double s = 0;\n    int i;\n    for (i = 0; i < n; i++) {\n        s += (double)a[i] * b[i];\n    }\n    return s;\n}\n"
            .write(to: sandboxes.appendingPathComponent("fdot/seed.c"), atomically: true, encoding: .utf8)
        #expect(try evolver(["sandbox", "cases", "fdot", "--count", "40"]).status == 0)
        #expect(try evolver(["sandbox", "record", "fdot"]).status == 0)
        try tmp.write(Self.dotReference, to: "dot_reference.py")
        let verify = try evolver(["sandbox", "verify", "fdot", "--reference", "python3 \(tmp.url.appendingPathComponent("dot_reference.py").path)"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let check = try evolver(["check", "fdot", "--seed", "4", "--json"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let expected = try String(contentsOf: sandboxes.appendingPathComponent("fdot/suite/expected.jsonl"), encoding: .utf8)
        #expect(expected.contains(#""return":"#) && expected.contains("."), "real returns are recorded as numbers")
        // A kernel that accumulates in float is outside the stated tolerance on long inputs.
        let single = try tmp.write("double fdot(const float *a, const float *b, int n) {\n    float s = 0;\n    int i;\n    for (i = 0; i < n; i++) {\n        s += a[i] * b[i];\n    }\n    return s;\n}\n", to: "single.c")
        let rejected = try evolver(["check", "fdot", "--kernel", single.path, "--seed", "4"])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("wrong_output") && rejected.stdout.contains("(within abs 1e-12, rel 1e-09)"), "\(rejected.stdout)")
    }

    @Test func lockRefusesAHandEditedExpectedFileAndSandboxesNamesTheProblem() throws {
        let copy = sandboxes
        let expected = copy.appendingPathComponent("smith-waterman/suite/expected.jsonl")
        let original = try String(contentsOf: expected, encoding: .utf8)
        let firstLine = original.split(separator: "\n")[0]
        let edited = firstLine.replacingOccurrences(of: #""return":0"#, with: #""return":7"#)
        #expect(edited != firstLine)
        try original.replacingOccurrences(of: firstLine, with: edited).write(to: expected, atomically: true, encoding: .utf8)
        let lockFile = copy.appendingPathComponent("smith-waterman/lock.json")
        let lockBefore = try Data(contentsOf: lockFile)
        let lock = try CommandRunner.evolver(["sandbox", "lock", "smith-waterman", "--sandboxes", copy.path])
        #expect(lock.status == 1)
        #expect(lock.stderr.contains("the seed does not reproduce suite/expected.jsonl") && lock.stderr.contains("not locked"), "\(lock.stderr)")
        #expect(try Data(contentsOf: lockFile) == lockBefore)
        let list = try CommandRunner.evolver(["sandboxes", "--sandboxes", copy.path])
        #expect(list.status == 0)
        #expect(list.stdout.contains("smith-waterman  mismatch"), "\(list.stdout)")
        #expect(list.stdout.contains("suite/expected.jsonl differs from lock.json"))
        #expect(!list.stdout.contains("?()") && !list.stdout.contains("unreadable"))
        #expect(list.stdout.contains("Smith-Waterman"), "the description still shows")
        // Re-recording is the way back.
        #expect(try CommandRunner.evolver(["sandbox", "record", "smith-waterman", "--sandboxes", copy.path]).status == 0)
        #expect(try String(contentsOf: expected, encoding: .utf8) == original)
        let relisted = try CommandRunner.evolver(["sandboxes", "--sandboxes", copy.path])
        #expect(relisted.stdout.contains("smith-waterman  locked"), "\(relisted.stdout)")
    }

    @Test func theShippedFloatSandboxAgreesWithItsIndependentReference() throws {
        let verify = try CommandRunner.evolver(["sandbox", "verify", "heat", "--reference", "python3 ../../scripts/heat_reference.py"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("verified 164/164 cases of 'heat'"), "\(verify.stdout)")
    }

    @Test func floatReassociationIsOfferedOnlyWhereEveryOutputHasATolerance() throws {
        let store = tmp.url.appendingPathComponent("store").path
        let heat = try evolver(["run", "heat", "--candidates", "2", "--seed", "1", "--store", store])
        #expect(heat.status == 0, "\(heat.stderr)")
        #expect(heat.stderr.contains("floating-point re-association offered (split-float-accumulator): every output of heat has a tolerance"), "\(heat.stderr)")
        let score = try evolver(["run", "score", "--candidates", "2", "--seed", "1", "--operators", "split-float-accumulator", "--store", store])
        #expect(score.status == 2)
        #expect(score.stderr.contains("split-float-accumulator re-associates floating-point sums, and not every output of harness.json has a floating-point tolerance"), "\(score.stderr)")
    }
}
