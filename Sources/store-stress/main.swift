// store-stress: a helper for the crash and lock tests of RunStore.
//
//   store-stress commit DIR     commit batches of candidates to the first run of the store in
//                               DIR forever (creating the run if needed), resuming from its latest
//                               checkpoint; prints the candidate count after each durable commit.
//   store-stress hold-lock DIR  take the write lock of DIR/evolver.sqlite, print "locked",
//                               and keep it until killed.
import Foundation
import GRDB
import RunStore

/// The deterministic SHA-256-shaped hash of candidate `index` (tests recompute it).
func stressHash(_ index: Int) -> String {
    let hex = String(index, radix: 16)
    return String(repeating: "0", count: 64 - hex.count) + hex
}

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func commitForever(_ directory: URL) throws -> Never {
    let store = try RunStore(directory: directory)
    let manifest = RunManifest(
        sandbox: "stress", seed: 7, lockDigest: "", lockFiles: [:], evolverVersion: "stress",
        generator: "splitmix64", budget: [:], options: [:])
    let run = try store.runs().first ?? store.createRun(manifest: manifest)
    var count = try store.latestCheckpoint(run: run.id)?.candidateCount ?? 0
    var promotions = try store.promotions(run: run.id).count
    let recorded = try store.run(run.id).candidateCount
    guard count == recorded else { fatalError("checkpoint at \(count) but \(recorded) candidates recorded") }
    while true {
        let size = Int.random(in: 1...4)
        let candidates = (count..<count + size).map { (index: Int) -> CandidateRecord in
            let deciding = BenchmarkEvidence(incumbent: (0..<64).map { Int64($0 + index) }, candidate: (0..<64).map { Int64($0 * index) })
            return CandidateRecord(
                runID: run.id, index: index, generation: index / 10, sha256: stressHash(index),
                parentSHA256: stressHash(max(0, index - 1)), edits: [EditRecord(op: "swap", site: [index, 1], params: ["k": index])],
                compileNs: UInt64(index), verdict: "ok", detail: String(repeating: "x", count: 200), stage: .benchmark,
                scoringKernelSHA256: stressHash(0), incumbentSHA256: stressHash(0),
                evidence: CandidateEvidence(deciding: deciding),
                comparison: ["p_value": 0.5], decision: "not_faster")
        }
        try store.putSources(Dictionary(uniqueKeysWithValues: candidates.map { ($0.sha256, "int k\($0.index);") }))
        var batchPromotions: [PromotionRecord] = []
        if Bool.random() {
            promotions += 1
            let last = candidates[candidates.count - 1]
            batchPromotions.append(PromotionRecord(
                runID: run.id, number: promotions, candidateIndex: last.index, sha256: last.sha256,
                speedupVsSeed: 1 + Double(promotions) / 100, speedupVsPrevious: 1.01, pValue: 0.01, gain: 0.01))
        }
        count += size
        let checkpoint = Checkpoint(runID: run.id, candidateCount: count, state: Data(String(count).utf8))
        try store.commit(candidates: candidates, promotions: batchPromotions, checkpoint: checkpoint)
        say(String(count))
    }
}

func holdLock(_ directory: URL) throws -> Never {
    let queue = try DatabaseQueue(path: directory.appendingPathComponent("evolver.sqlite").path)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        say("locked")
        while true { sleep(60) }
    }
    fatalError("unreachable")
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: store-stress commit|hold-lock DIR\n".utf8))
    exit(2)
}
do {
    let directory = URL(fileURLWithPath: arguments[2])
    switch arguments[1] {
    case "commit": try commitForever(directory)
    case "hold-lock": try holdLock(directory)
    default:
        FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("store-stress: \(error.localizedDescription)\n".utf8))
    exit(1)
}
