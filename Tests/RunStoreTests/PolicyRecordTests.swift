import Foundation
import Testing
@testable import RunStore

/// Run policies: recorded at a run's start, their tallies rewritten with each generation in the
/// same transaction as its candidates, read back per sandbox in run order.
@Suite struct PolicyRecordTests {
    func record(_ run: String, sandbox: String = "matmul", learned: [String: ArmTally] = [:]) -> RunPolicyRecord {
        RunPolicyRecord(runID: run, sandbox: sandbox, mode: "learned", credit: "extreme", learnedFrom: ["r0000"],
                        prior: ["unroll": ArmTally(attempts: 2, cheapPassed: 1, screenPassed: 1, promotions: 1, gain: 0.25, bestGain: 0.25, seconds: 0.5)],
                        learned: learned)
    }

    @Test func aPolicyRoundTripsAndItsTalliesCommitWithTheCandidates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        #expect(try store.policy(run: run) == nil)
        try store.putPolicy(record(run))
        #expect(try store.policy(run: run) == record(run))
        let tallies = ["unroll": ArmTally(attempts: 1, seconds: 0.1)]
        try store.commit(candidates: [sampleCandidate(run: run, index: 0)], promotions: [], checkpoint: nil, learned: (run, tallies))
        #expect(try store.policy(run: run)?.learned == tallies)
        #expect(try store.policy(run: run)?.prior == record(run).prior, "the prior is the run's start, never rewritten")

        // A batch that fails leaves the tallies as they were.
        #expect(throws: RunStoreError.self) {
            try store.commit(candidates: [sampleCandidate(run: run, index: 5)], promotions: [], checkpoint: nil,
                             learned: (run, ["unroll": ArmTally(attempts: 99)]))
        }
        #expect(try store.policy(run: run)?.learned == tallies)
    }

    @Test func talliesOfARunWithoutAPolicyAreRefusedWithTheirCandidates() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        #expect(throws: RunStoreError.self) {
            try store.commit(candidates: [sampleCandidate(run: run, index: 0)], promotions: [], checkpoint: nil, learned: (run, [:]))
        }
        #expect(try store.candidates(run: run).isEmpty)
    }

    @Test func policiesOfASandboxComeInRunOrder() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let runs = try (0..<3).map { _ in try store.createRun(manifest: sampleManifest()).id }
        let other = try store.createRun(manifest: sampleManifest()).id
        for run in runs.reversed() { try store.putPolicy(record(run)) }
        try store.putPolicy(record(other, sandbox: "score"))
        #expect(try store.policies(sandbox: "matmul").map(\.runID) == runs)
        #expect(try store.policies(sandbox: "score").map(\.runID) == [other])
        #expect(throws: RunStoreError.self) { try store.putPolicy(record("r9999")) }
    }
}
