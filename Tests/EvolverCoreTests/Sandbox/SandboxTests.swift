import Foundation
import Testing
import TestSupport
@testable import EvolverCore

struct SandboxTests {
    @Test(arguments: ["score", "smith-waterman"])
    func shippedSandboxesLoadWithLargeLockedSuites(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        #expect(sandbox.cases.count >= 200)
        #expect(Set(sandbox.cases.map(\.id)).count == sandbox.cases.count)
        #expect(sandbox.expected?.count == sandbox.cases.count)
        #expect(try Fixtures.catalog.lockStatus(name) == .locked)
        #expect(sandbox.lockDigest.count == 64)
    }

    /// The suite cannot enshrine a bug: every recorded expected output equals the independent
    /// Swift reference's answer.
    @Test(arguments: ["score", "smith-waterman"])
    func expectedOutputsAgreeWithIndependentReference(_ name: String) throws {
        let sandbox = try Fixtures.catalog.load(name)
        for (c, expected) in zip(sandbox.cases, sandbox.expected!) {
            #expect(Fixtures.reference(sandbox, c) == expected, "case \(c.id)")
        }
    }

    @Test func suitesCoverTheEdges() throws {
        let score = try Fixtures.score()
        let sizes = score.cases.map { (Fixtures.int($0, "n"), Fixtures.int($0, "m")) }
        #expect(sizes.contains { $0.0 == 0 } && sizes.contains { $0.1 == 0 })
        #expect(sizes.contains { $0 == (1, 1) })
        #expect(sizes.contains { $0 == (1024, 1024) })
        let sw = try Fixtures.smithWaterman()
        #expect(sw.cases.contains { Fixtures.int($0, "n") == 0 && Fixtures.int($0, "m") == 0 })
        #expect(sw.cases.contains { Fixtures.int($0, "n") == 10000 || Fixtures.int($0, "m") == 10000 })
        #expect(sw.cases.contains { Fixtures.int($0, "k") == 20 })
        #expect(sw.expected!.contains { $0.ret == 0 } && sw.expected!.contains { $0.ret > 100 })
    }

    @Test func tamperedFixedFileIsRefusedByName() throws {
        let tmp = try TempDirectory()
        let root = try tmp.copyOfSandboxes()
        let catalog = SandboxCatalog(root: root)
        let cases = root.appendingPathComponent("score/suite/cases.jsonl")
        var text = try String(contentsOf: cases, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"n\":1,", with: "\"n\":1 ,")
        try text.write(to: cases, atomically: true, encoding: .utf8)
        #expect(throws: EvolverError.lockMismatch(sandbox: "score", file: "suite/cases.jsonl")) { try catalog.load("score") }
        #expect(try catalog.lockStatus("score") == .mismatch(file: "suite/cases.jsonl"))
        // A file added to the folder is a change too.
        try "x".write(to: root.appendingPathComponent("smith-waterman/extra.txt"), atomically: true, encoding: .utf8)
        #expect(throws: EvolverError.lockMismatch(sandbox: "smith-waterman", file: "extra.txt")) { try catalog.load("smith-waterman") }
        // Re-locking after a deliberate change makes it loadable again.
        try catalog.writeLock("smith-waterman")
        #expect(try catalog.lockStatus("smith-waterman") == .locked)
    }

    @Test func missingLockAndUnknownSandboxAreConfigurationErrors() throws {
        let tmp = try TempDirectory()
        let root = try tmp.copyOfSandboxes()
        try FileManager.default.removeItem(at: root.appendingPathComponent("score/lock.json"))
        let catalog = SandboxCatalog(root: root)
        #expect(throws: EvolverError.missingLock("score")) { try catalog.load("score") }
        #expect(throws: EvolverError.unknownSandbox("nope", known: ["heat", "score", "smith-waterman"])) { try catalog.load("nope") }
    }

    @Test func inconsistentCaseIsRejected() throws {
        let harness = try Fixtures.score().harness
        let bad = KernelCase(id: "bad", args: ["a": .array([1, 2]), "n": .int(3), "b": .array([1]), "m": .int(1)])
        #expect(throws: HarnessFailure.self) { try bad.bufferLengths(for: harness) }
        let outOfRange = KernelCase(id: "big", args: ["a": .array([1]), "n": .int(1), "b": .array([1]), "m": .int(2000)])
        #expect(throws: HarnessFailure.self) { try outOfRange.bufferLengths(for: harness) }
    }

    @Test func workloadIsDeterministicAndMatchesTheIssueSizes() throws {
        let sw = try Fixtures.smithWaterman()
        let w1 = try sw.workload(), w2 = try sw.workload()
        #expect(w1 == w2)
        let dna = w1.filter { $0.id.hasPrefix("dna") }, protein = w1.filter { $0.id.hasPrefix("protein") }
        #expect(!dna.isEmpty && !protein.isEmpty)
        #expect(dna.allSatisfy { (500...2000).contains(Fixtures.int($0, "n")) && Fixtures.int($0, "k") == 4 })
        #expect(protein.allSatisfy { (200...500).contains(Fixtures.int($0, "n")) && Fixtures.int($0, "k") == 20 })
        let other = try WorkloadGenerator.generate(sw.manifest.benchmark.workload, seed: 99, harness: sw.harness)
        #expect(other != w1)
    }

    @Test func jsonLinesRoundTripExpectedResults() throws {
        let results = [ExpectedResult(id: "a", ret: -1, outputs: ["out": nil]), ExpectedResult(id: "b", ret: 0, outputs: ["out": [1, 2, 3, 4]])]
        let data = try JSONLines.encode(results)
        #expect(String(decoding: data, as: UTF8.self).contains("\"out\":null"))
        #expect(try JSONLines.decode(ExpectedResult.self, from: data, file: "x") == results)
    }
}
