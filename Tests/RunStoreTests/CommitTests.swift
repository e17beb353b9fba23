import Foundation
import Testing
@testable import RunStore

/// Commit invariants: contiguity, atomicity, dedup lookup, ordering.
@Suite struct CommitTests {
    /// A store with one run holding candidates 0 and 1, promotion 1 (candidate 0) and a checkpoint at 2.
    func seededStore(_ dir: TempDir) throws -> (RunStore, String) {
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        try store.commit(
            candidates: [sampleCandidate(run: run, index: 0), sampleCandidate(run: run, index: 1)],
            promotions: [samplePromotion(run: run, number: 1, candidate: 0)],
            checkpoint: Checkpoint(runID: run, candidateCount: 2, state: Data("two".utf8)))
        return (store, run)
    }

    /// Everything recorded for `run`, to compare before and after a failed commit.
    func snapshot(_ store: RunStore, _ run: String) throws -> ([CandidateRecord], [PromotionRecord], Checkpoint?) {
        (try store.candidates(run: run), try store.promotions(run: run), try store.latestCheckpoint(run: run))
    }

    @Test func failingCommitsLeaveNothingOfTheirBatch() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, run) = try seededStore(dir)
        let before = try snapshot(store, run)
        let c2 = sampleCandidate(run: run, index: 2), c3 = sampleCandidate(run: run, index: 3)
        let good = Checkpoint(runID: run, candidateCount: 4, state: Data("four".utf8))
        let badBatches: [(String, [CandidateRecord], [PromotionRecord], Checkpoint?)] = [
            ("duplicate index after valid one", [c2, sampleCandidate(run: run, index: 1)], [], good),
            ("repeated index in batch", [c2, c2], [], nil),
            ("gap", [c3], [], nil),
            ("gap inside batch", [c2, sampleCandidate(run: run, index: 4)], [], nil),
            ("promotion number gap", [c2], [samplePromotion(run: run, number: 3, candidate: 2)], nil),
            ("promotion number reused", [c2], [samplePromotion(run: run, number: 1, candidate: 2)], nil),
            ("promotion of unrecorded candidate", [c2], [samplePromotion(run: run, number: 2, candidate: 3)], nil),
            ("promotion sha mismatch", [c2], [PromotionRecord(runID: run, number: 2, candidateIndex: 2, sha256: hash(500),
                                                               speedupVsSeed: 2, speedupVsPrevious: 1, pValue: 0, gain: 0)], nil),
            ("checkpoint ahead of candidates", [c2, c3], [], Checkpoint(runID: run, candidateCount: 5, state: Data())),
            ("malformed hash", [c2, CandidateRecord(runID: run, index: 3, generation: 0, sha256: "xyz", parentSHA256: "",
                edits: [], compileNs: 0, verdict: "", detail: "", stage: .cheap, scoringKernelSHA256: "", incumbentSHA256: "",
                evidence: CandidateEvidence(), comparison: nil, decision: "")], [], nil),
            ("compile time out of range", [c2, { var c = c3; c.compileNs = .max; return c }()], [], nil),
        ]
        for (name, candidates, promotions, checkpoint) in badBatches {
            let kind = errorCase { try store.commit(candidates: candidates, promotions: promotions, checkpoint: checkpoint) }
            #expect(kind == "rejected", "\(name)")
            #expect(try snapshot(store, run) == before, "\(name) left something behind")
        }
        let unknown = errorCase { try store.commit(candidates: [c2, sampleCandidate(run: "r0099", index: 0)], promotions: [], checkpoint: nil) }
        #expect(unknown == "unknownRun")
        #expect(try snapshot(store, run) == before)

        // The store still accepts the right batch afterwards.
        try store.commit(candidates: [c2, c3], promotions: [samplePromotion(run: run, number: 2, candidate: 2)], checkpoint: good)
        #expect(try store.candidates(run: run).map(\.index) == [0, 1, 2, 3])
        #expect(try store.promotions(run: run).map(\.number) == [1, 2])
        #expect(try store.latestCheckpoint(run: run) == good)
    }

    @Test func firstCandidateMustHaveIndexZero() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        #expect(errorCase { try store.commit(candidates: [sampleCandidate(run: run, index: 1)], promotions: [], checkpoint: nil) } == "rejected")
        #expect(errorCase { try store.commit(candidates: [], promotions: [samplePromotion(run: run, number: 0, candidate: 0)], checkpoint: nil) } == "rejected")
        #expect(try store.candidates(run: run).isEmpty)
        try store.commit(candidates: [sampleCandidate(run: run, index: 0)], promotions: [], checkpoint: nil)
        #expect(try store.run(run).candidateCount == 1)
    }

    @Test func dedupLookupIsPerRun() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, run) = try seededStore(dir)
        let other = try store.createRun(manifest: sampleManifest(seed: 1)).id
        // Candidate 2 of `run` re-evaluates the source of candidate 0.
        try store.commit(candidates: [sampleCandidate(run: run, index: 2, sha: 1)], promotions: [], checkpoint: nil)
        try store.commit(candidates: [sampleCandidate(run: other, index: 0, sha: 50)], promotions: [], checkpoint: nil)
        #expect(try store.candidateIndex(run: run, sha256: hash(1)) == 0)
        #expect(try store.candidateIndex(run: run, sha256: hash(2)) == 1)
        #expect(try store.candidateIndex(run: run, sha256: hash(50)) == nil)
        #expect(try store.candidateIndex(run: other, sha256: hash(50)) == 0)
        #expect(try store.candidateIndex(run: other, sha256: hash(1)) == nil)
        #expect(try store.knownHashes(run: run) == [hash(1), hash(2)])
        #expect(try store.knownHashes(run: other) == [hash(50)])
    }

    @Test func recordsComeBackInOrder() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let ids = try (0..<3).map { try store.createRun(manifest: sampleManifest(seed: UInt64($0))).id }
        #expect(ids == ["r0001", "r0002", "r0003"])
        let run = ids[1]
        for start in stride(from: 0, to: 12, by: 3) {  // four commits of three candidates each
            try store.commit(
                candidates: (start..<start + 3).map { sampleCandidate(run: run, index: $0) },
                promotions: [samplePromotion(run: run, number: start / 3 + 1, candidate: start + 1)],
                checkpoint: Checkpoint(runID: run, candidateCount: start + 3, state: Data([UInt8(start)])))
        }
        // A checkpoint at a count already checkpointed replaces it; a lower one does not become the latest.
        try store.commit(candidates: [], promotions: [], checkpoint: Checkpoint(runID: run, candidateCount: 12, state: Data("last".utf8)))
        try store.commit(candidates: [], promotions: [], checkpoint: Checkpoint(runID: run, candidateCount: 3, state: Data("old".utf8)))

        #expect(try store.runs().map(\.id) == ids)
        #expect(try store.runs().map(\.manifest.seed) == [0, 1, 2])
        #expect(try store.candidates(run: run).map(\.index) == Array(0..<12))
        #expect(try store.promotions(run: run).map(\.number) == [1, 2, 3, 4])
        #expect(try store.promotions(run: run).map(\.candidateIndex) == [1, 4, 7, 10])
        #expect(try store.latestCheckpoint(run: run) == Checkpoint(runID: run, candidateCount: 12, state: Data("last".utf8)))
        let counts = try store.runs().map { [$0.candidateCount, $0.promotionCount] }
        #expect(counts == [[0, 0], [12, 4], [0, 0]])
        #expect(try store.runs().map(\.bestSpeedup) == [1, 2, 1])
        #expect(try store.latestCheckpoint(run: ids[0]) == nil)
    }

    @Test func runIDsArePaddedToFourDigits() {
        #expect(RunStore.runID(1) == "r0001")
        #expect(RunStore.runID(9999) == "r9999")
        #expect(RunStore.runID(10000) == "r10000")
    }
}
