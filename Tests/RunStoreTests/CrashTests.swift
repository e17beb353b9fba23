import Foundation
import Testing
@testable import RunStore

/// `kill -9` of a committing process loses nothing it reported and leaves no gap or duplicate.
@Suite struct CrashTests {
    /// The hash `store-stress` gives candidate `index` (same formula as `hash(_:)`).
    func stressHash(_ index: Int) -> String { hash(index) }

    /// Checks everything recorded by `store-stress`; returns the candidate count.
    func verify(_ directory: URL, reported: Int, iteration: Int) throws -> Int {
        let store = try RunStore(directory: directory)
        let runs = try store.runs()
        guard let run = runs.first else {
            #expect(reported == 0, "iteration \(iteration): reported \(reported) but no run")
            return 0
        }
        #expect(runs.count == 1)
        let candidates = try store.candidates(run: run.id)
        let count = candidates.count
        #expect(count >= reported, "iteration \(iteration): reported \(reported) committed, found \(count)")
        #expect(candidates.map(\.index) == Array(0..<count), "iteration \(iteration): indices not contiguous")
        #expect(candidates.map(\.sha256) == (0..<count).map(stressHash), "iteration \(iteration): wrong or duplicated candidate")
        #expect(try store.knownHashes(run: run.id).count == count)
        #expect(run.candidateCount == count)
        if count > 0 {
            let checkpoint = try #require(try store.latestCheckpoint(run: run.id))
            #expect(checkpoint.candidateCount == count, "checkpoint and candidates are committed together")
            #expect(checkpoint.state == Data(String(count).utf8))
        }
        let promotions = try store.promotions(run: run.id)
        #expect(promotions.map(\.number) == Array(1..<promotions.count + 1))
        for promotion in promotions {
            #expect(candidates.indices.contains(promotion.candidateIndex))
            #expect(promotion.sha256 == stressHash(promotion.candidateIndex))
        }
        for index in Set([0, count / 2, count - 1]) where count > 0 {
            #expect(try store.source(stressHash(index)) == "int k\(index);")
        }
        return count
    }

    @Test func killNineLosesNothingReported() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var generator = SystemRandomNumberGenerator()
        var recorded = 0
        var kills = 0
        for iteration in 0..<12 {
            let child = try StressProcess(mode: "commit", directory: dir.store)
            // Every fourth round kills during start-up (open, migrate, create run); others after some commits.
            let lines = iteration % 4 == 0 ? 0 : Int.random(in: 1...8, using: &generator)
            var reported: Int?
            for _ in 0..<lines {
                guard let line = child.readLine() else { break }
                let value = try #require(Int(line), "unexpected output \(line)")
                if reported == nil {
                    #expect(value > recorded, "iteration \(iteration): resumed at \(value), \(recorded) were recorded")
                }
                reported = value
            }
            if lines > 0 {
                try #require(reported != nil, "store-stress died early: \(child.stderr)")
            }
            usleep(UInt32.random(in: 0...30_000, using: &generator))
            if child.kill9() { kills += 1 }
            recorded = try verify(dir.store, reported: reported ?? recorded, iteration: iteration)
        }
        #expect(kills >= 10, "the child must be killed, not exit by itself")
        #expect(recorded > 0)

        // The store takes new commits after all those kills.
        let store = try RunStore(directory: dir.store)
        let run = try #require(try store.runs().first).id
        try store.commit(
            candidates: [sampleCandidate(run: run, index: recorded, sha: recorded)], promotions: [],
            checkpoint: Checkpoint(runID: run, candidateCount: recorded + 1, state: Data(String(recorded + 1).utf8)))
        #expect(try store.run(run).candidateCount == recorded + 1)
        #expect(try store.candidateIndex(run: run, sha256: hash(recorded)) == recorded)
    }
}
