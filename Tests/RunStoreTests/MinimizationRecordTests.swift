import Foundation
import Testing
@testable import RunStore

/// Minimizations: what is written comes back, numbers are gap-free, and a minimization and its
/// minimized kernel's candidate are recorded together or not at all.
@Suite struct MinimizationRecordTests {
    /// A store with one run holding candidates 0 and 1 and promotion 1 (candidate 0), whose kernel's source is stored.
    func seededStore(_ dir: TempDir) throws -> (RunStore, String) {
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        try store.commit(candidates: [sampleCandidate(run: run, index: 0), sampleCandidate(run: run, index: 1)],
                         promotions: [samplePromotion(run: run, number: 1, candidate: 0)], checkpoint: nil)
        try store.putSource("int score(void) { return 0; }\n", sha256: hash(1))
        return (store, run)
    }

    /// Minimization `number` of promotion 1, naming `candidate` as its minimized kernel's candidate.
    func sampleMinimization(run: String, number: Int, candidate: Int?) -> MinimizationRecord {
        let edits = [EditRecord(op: "loop-unroll", site: [3, 1], params: ["factor": 4]),
                     EditRecord(op: "statement-delete", site: [7], params: [:]),
                     EditRecord(op: "hoist", site: [2, 0, 5], params: ["n": -2])]
        let tests = [
            MinimizationRecord.Test(kept: [0], sha256: hash(40), verdict: "passed", detail: "not faster by the promotion rule",
                                    benchmarks: [BenchmarkEvidence(incumbent: [100, 101, Int64.max], candidate: [99, 102, 0]),
                                                 BenchmarkEvidence(incumbent: [7], candidate: [8])],
                                    comparisons: [["speedup": 1.01, "p_value": 0.5], ["speedup": 0.99, "gain": -1e-9]], accepted: true),
            MinimizationRecord.Test(kept: [1, 2], sha256: nil, verdict: "did_not_apply", detail: "edit 3 (hoist) no longer applies ✓", accepted: false),
            MinimizationRecord.Test(kept: [2], sha256: hash(41), verdict: "crashed", detail: "SIGSEGV",
                                    benchmarks: [.failed(verdict: "crashed", detail: "in the timed loop")], accepted: false),
        ]
        let ablations = [
            MinimizationRecord.Ablation(edit: 0, sha256: hash(42), verdict: "passed", detail: "1.250x faster with it",
                                        benchmark: BenchmarkEvidence(incumbent: [125, 126], candidate: [100, 101]),
                                        comparison: ["speedup": 1.25, "gain": 0.2, "p_value": 0.001], significant: true),
            MinimizationRecord.Ablation(edit: 2, sha256: nil, verdict: "did_not_apply", detail: "needed by edit 1", significant: false),
        ]
        return MinimizationRecord(
            runID: run, number: number, promotion: 1, seed: Int64.min + 3, scoringKernelSHA256: hash(77), promotedSHA256: hash(1), edits: edits,
            kept: [0, 2], tests: tests, ablations: ablations, candidateIndex: candidate, speedupBefore: 1.5, speedupKept: 0.987654321,
            verdict: candidate == nil ? "unchanged" : "minimized", detail: "2 of 3 edits kept \"quoted\"",
            at: Date(timeIntervalSince1970: 1_700_000_000.5))  // whole milliseconds: what the store keeps
    }

    /// The minimized kernel's candidate at `index`.
    func minimizedCandidate(run: String, index: Int) -> CandidateRecord {
        var c = sampleCandidate(run: run, index: index, sha: 500 + index)
        c.decision = "minimized"
        c.verdict = "passed"
        c.parentSHA256 = hash(1)
        return c
    }

    func snapshot(_ store: RunStore, _ run: String) throws -> ([CandidateRecord], [MinimizationRecord]) {
        (try store.candidates(run: run), try store.minimizations(run: run))
    }

    @Test func aMinimizationRoundTripsWithItsCandidate() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, run) = try seededStore(dir)
        #expect(try store.minimizations(run: run).isEmpty)
        let first = sampleMinimization(run: run, number: 1, candidate: 2), candidate = minimizedCandidate(run: run, index: 2)
        try store.recordMinimization(first, candidate: candidate)
        let unchanged = sampleMinimization(run: run, number: 2, candidate: nil)
        try store.recordMinimization(unchanged, candidate: nil)

        let reopened = try RunStore(directory: dir.store)
        #expect(try reopened.minimizations(run: run) == [first, unchanged])
        #expect(try reopened.candidate(run: run, index: 2) == candidate)
        #expect(try reopened.run(run).candidateCount == 3)
        let other = try reopened.createRun(manifest: sampleManifest(seed: 9)).id
        #expect(try reopened.minimizations(run: other).isEmpty, "minimizations are per run")
        #expect(errorCase { _ = try reopened.minimizations(run: "r0099") } == "unknownRun")
    }

    @Test func numbersAreGapFreePerRun() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, run) = try seededStore(dir)
        #expect(errorCase { try store.recordMinimization(sampleMinimization(run: run, number: 2, candidate: nil), candidate: nil) } == "rejected",
                "2 before 1")
        #expect(errorCase { try store.recordMinimization(sampleMinimization(run: run, number: 0, candidate: nil), candidate: nil) } == "rejected")
        #expect(try store.minimizations(run: run).isEmpty)
        try store.recordMinimization(sampleMinimization(run: run, number: 1, candidate: nil), candidate: nil)
        #expect(errorCase { try store.recordMinimization(sampleMinimization(run: run, number: 1, candidate: nil), candidate: nil) } == "rejected",
                "1 again")
        #expect(errorCase { try store.recordMinimization(sampleMinimization(run: run, number: 3, candidate: nil), candidate: nil) } == "rejected")
        try store.recordMinimization(sampleMinimization(run: run, number: 2, candidate: nil), candidate: nil)
        #expect(try store.minimizations(run: run).map(\.number) == [1, 2])
        // Another run counts from 1 again.
        let other = try store.createRun(manifest: sampleManifest(seed: 5)).id
        try store.commit(candidates: [sampleCandidate(run: other, index: 0)], promotions: [], checkpoint: nil)
        try store.recordMinimization(sampleMinimization(run: other, number: 1, candidate: nil), candidate: nil)
        #expect(try store.minimizations(run: other).map(\.number) == [1])
    }

    @Test func aRejectedMinimizationLeavesNeitherItsCandidateNorItsRecord() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, run) = try seededStore(dir)
        let before = try snapshot(store, run)
        var foreign = minimizedCandidate(run: run, index: 2)
        foreign.runID = "r0099"
        let bad: [(String, MinimizationRecord, CandidateRecord?, String)] = [
            ("candidate index taken", sampleMinimization(run: run, number: 1, candidate: 1), minimizedCandidate(run: run, index: 1), "rejected"),
            ("candidate index past the next", sampleMinimization(run: run, number: 1, candidate: 3), minimizedCandidate(run: run, index: 3), "rejected"),
            ("record names another candidate", sampleMinimization(run: run, number: 1, candidate: 3), minimizedCandidate(run: run, index: 2), "rejected"),
            ("record names a candidate not given", sampleMinimization(run: run, number: 1, candidate: 2), nil, "rejected"),
            ("candidate given but not named", sampleMinimization(run: run, number: 1, candidate: nil), minimizedCandidate(run: run, index: 2), "rejected"),
            ("candidate of another run", sampleMinimization(run: run, number: 1, candidate: 2), foreign, "rejected"),
            ("number out of sequence, candidate right", sampleMinimization(run: run, number: 2, candidate: 2), minimizedCandidate(run: run, index: 2), "rejected"),
            ("malformed promoted hash", { var m = sampleMinimization(run: run, number: 1, candidate: 2); m.promotedSHA256 = "abc"; return m }(),
             minimizedCandidate(run: run, index: 2), "rejected"),
            ("malformed candidate hash", sampleMinimization(run: run, number: 1, candidate: 2),
             { var c = minimizedCandidate(run: run, index: 2); c.sha256 = String(repeating: "G", count: 64); return c }(), "rejected"),
            ("unknown run", sampleMinimization(run: "r0099", number: 1, candidate: nil), nil, "unknownRun"),
        ]
        for (name, record, candidate, kind) in bad {
            #expect(errorCase { try store.recordMinimization(record, candidate: candidate) } == kind, "\(name)")
            #expect(try snapshot(store, run) == before, "\(name) left something behind")
        }
        // The right batch is still accepted afterwards.
        try store.recordMinimization(sampleMinimization(run: run, number: 1, candidate: 2), candidate: minimizedCandidate(run: run, index: 2))
        #expect(try store.candidates(run: run).map(\.index) == [0, 1, 2])
        #expect(try store.minimizations(run: run).map(\.candidateIndex) == [2])
        // The next ordinary candidate comes after the minimized one.
        #expect(errorCase { try store.commit(candidates: [sampleCandidate(run: run, index: 2)], promotions: [], checkpoint: nil) } == "rejected")
    }
}
