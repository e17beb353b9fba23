import Foundation
import GRDB
import Testing
@testable import RunStore

@Suite struct RoundTripTests {
    @Test func runAndManifestRoundTrip() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let manifest = sampleManifest(seed: UInt64.max)
        let created = try RunStore(directory: dir.store).createRun(manifest: manifest)
        #expect(created.id == "r0001")
        #expect(created.status == .running)
        #expect(created.manifest == manifest)
        #expect(abs(created.createdAt.timeIntervalSinceNow) < 600)

        let reopened = try RunStore(directory: dir.store)
        #expect(try reopened.run(created.id) == created)
        #expect(try reopened.runs() == [created])

        try reopened.finishRun(created.id, status: .completed, durationSeconds: 12.5)
        let finished = try RunStore(directory: dir.store).run(created.id)
        #expect(finished.status == .completed)
        #expect(finished.durationSeconds == 12.5)
        #expect(finished.finishedAt != nil)
        #expect(finished.finishedAt! >= finished.createdAt)
        #expect(finished.manifest.seed == UInt64.max)
    }

    @Test func candidatesPromotionsCheckpointRoundTrip() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        var candidates = (0..<4).map { sampleCandidate(run: run, index: $0) }
        candidates[1].compileNs = UInt64(Int64.max)
        candidates[2].comparison = ["u": .infinity, "shift": -.infinity, "p_value": 1e-300]
        let promotions = [samplePromotion(run: run, number: 1, candidate: 0), samplePromotion(run: run, number: 2, candidate: 2)]
        let checkpoint = Checkpoint(runID: run, candidateCount: 4, state: Data([0, 255, 0, 10, 13]))
        try store.commit(candidates: candidates, promotions: promotions, checkpoint: checkpoint)

        let reopened = try RunStore(directory: dir.store)
        #expect(try reopened.candidates(run: run) == candidates)
        #expect(try reopened.candidate(run: run, index: 2) == candidates[2])
        #expect(try reopened.candidate(run: run, index: 4) == nil)
        #expect(try reopened.promotions(run: run) == promotions)
        #expect(try reopened.latestCheckpoint(run: run) == checkpoint)
        let record = try reopened.run(run)
        #expect(record.candidateCount == 4)
        #expect(record.promotionCount == 2)
        #expect(record.bestSpeedup == 1.5)
    }

    @Test func sourcesAreContentAddressed() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let text = "int main(void) { return 0; } // ünïcode\n"
        try store.putSource(text, sha256: hash(1))
        try store.putSource(text, sha256: hash(1))  // same again: no-op
        try store.putSources([hash(2): "a", hash(3): "b"])
        #expect(try store.source(hash(1)) == text)
        #expect(try store.source(hash(3)) == "b")
        #expect(try store.source(hash(9)) == nil)
        #expect(errorCase { try store.putSource("other", sha256: hash(1)) } == "rejected")
        #expect(errorCase { try store.putSource("x", sha256: "ABC") } == "rejected")
        #expect(errorCase { try store.putSources([hash(4): "new", hash(2): "clash"]) } == "rejected")
        #expect(try store.source(hash(4)) == nil, "a rejected batch of sources stores nothing")
        #expect(try RunStore(directory: dir.store).source(hash(1)) == text)
    }

    @Test func codableTypesUseSnakeCaseKeysAndRoundTrip() throws {
        let run = RunRecord(
            id: "r0001", manifest: sampleManifest(), status: .interrupted, createdAt: Date(timeIntervalSince1970: 1000),
            finishedAt: nil, durationSeconds: 3, candidateCount: 2, promotionCount: 1, bestSpeedup: 1.2)
        let candidate = sampleCandidate(run: "r0001", index: 0)
        let promotion = samplePromotion(run: "r0001", number: 1, candidate: 0)
        let checkpoint = Checkpoint(runID: "r0001", candidateCount: 1, state: Data("s".utf8))
        func roundTrip<T: Codable & Equatable>(_ value: T, keys: [String]) throws {
            let data = try JSONEncoder().encode(value)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in keys { #expect(object[key] != nil, "missing key \(key) in \(T.self)") }
            #expect(try JSONDecoder().decode(T.self, from: data) == value)
        }
        try roundTrip(run, keys: ["created_at", "duration_seconds", "candidate_count", "promotion_count", "best_speedup"])
        try roundTrip(run.manifest, keys: ["lock_digest", "lock_files", "evolver_version", "budget"])
        try roundTrip(candidate, keys: ["run_id", "parent_sha256", "compile_ns", "scoring_kernel_sha256",
                                        "incumbent_sha256", "evidence", "comparison", "compare_ns", "idx"])
        try roundTrip(candidate.evidence, keys: ["screen_rounds", "deciding", "confirmation", "differential"])
        try roundTrip(promotion, keys: ["run_id", "candidate_index", "speedup_vs_seed", "speedup_vs_previous", "p_value"])
        try roundTrip(checkpoint, keys: ["run_id", "candidate_count", "state"])
        try roundTrip(candidate.edits[0], keys: ["op", "site", "params"])
        let statuses: [RunStatus] = [.running, .completed, .interrupted]
        let statusJSON = try JSONEncoder().encode(statuses)
        #expect(String(decoding: statusJSON, as: UTF8.self) == #"["running","completed","interrupted"]"#)
        #expect(try JSONDecoder().decode([RunStatus].self, from: statusJSON) == statuses)
    }

    @Test func storedJSONColumnsAreReadable() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RunStore(directory: dir.store)
        let run = try store.createRun(manifest: sampleManifest()).id
        try store.commit(candidates: [sampleCandidate(run: run, index: 0)], promotions: [], checkpoint: nil)
        let raw = try DatabaseQueue(path: dir.database.path)
        let (edits, samples, manifest) = try raw.read { db in
            (try String.fetchOne(db, sql: "SELECT edits FROM candidate")!,
             try String.fetchOne(db, sql: "SELECT evidence FROM candidate")!,
             try String.fetchOne(db, sql: "SELECT manifest FROM run")!)
        }
        #expect(edits.hasPrefix(#"[{"op":"unroll","params":{"factor":4,"n":0},"site":[1,4,0]}"#))
        #expect(samples.contains(#""deciding":{"candidate":[90,91,92],"incumbent":[100,102,-3,9223372036854775807,-9223372036854775808]}"#), "\(samples)")
        #expect(manifest.contains(#""lock_digest":""#))
        #expect(manifest.contains(#""evolver_version":"0.3.1""#))
    }
}
