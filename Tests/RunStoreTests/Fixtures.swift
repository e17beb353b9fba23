import Foundation
import Testing
@testable import RunStore

/// A fresh folder under the system temp directory, removed by `remove()`.
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("runstore-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The store folder inside this temp folder.
    var store: URL { url.appendingPathComponent("store", isDirectory: true) }
    /// The database file of ``store``.
    var database: URL { store.appendingPathComponent("evolver.sqlite") }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A 64-hex-digit hash made from `n` (a stand-in for a SHA-256).
func hash(_ n: Int) -> String {
    let hex = String(n, radix: 16)
    return String(repeating: "0", count: 64 - hex.count) + hex
}

func sampleManifest(seed: UInt64 = 42) -> RunManifest {
    RunManifest(
        sandbox: "matmul", seed: seed, lockDigest: hash(999),
        lockFiles: ["kernel.c": hash(1000), "bench/input.bin": hash(1001)],
        evolverVersion: "0.3.1", generator: "splitmix64",
        budget: ["time_s": 60, "candidates": 500], options: ["mode": "fast", "note": "a \"quoted\" / text"])
}

func sampleCandidate(run: String, index: Int, sha: Int? = nil) -> CandidateRecord {
    CandidateRecord(
        runID: run, index: index, generation: index / 3, sha256: hash(sha ?? index + 1), parentSHA256: hash(index),
        edits: [EditRecord(op: "unroll", site: [1, 4, index], params: ["factor": 4, "n": -index]),
                EditRecord(op: "hoist", site: [], params: [:])],
        compileNs: 1_234_567 + UInt64(index), verdict: "ok", detail: "line 1\nline 2 ✓", stage: .decided,
        scoringKernelSHA256: hash(77), incumbentSHA256: hash(index),
        evidence: CandidateEvidence(
            screenRounds: [BenchmarkEvidence(incumbent: [5, 6], candidate: [7, 8]), .failed(verdict: "crashed", detail: "SIGSEGV ✓")],
            deciding: BenchmarkEvidence(incumbent: [100, 102, -3, Int64.max, Int64.min], candidate: [90, 91, 92]),
            confirmation: index % 2 == 0 ? BenchmarkEvidence(incumbent: [1], candidate: [2]) : nil,
            differential: index % 2 == 0 ? DifferentialEvidence(inputs: 64, agreed: false, detail: "differs on input 3") : nil),
        comparison: index % 2 == 0 ? ["u": 12, "p_value": 0.0123456789, "shift": -1.5e-9] : nil,
        decision: index % 2 == 0 ? "promoted" : "not_faster", compareNs: 4_000 + UInt64(index))
}

func samplePromotion(run: String, number: Int, candidate: Int) -> PromotionRecord {
    PromotionRecord(
        runID: run, number: number, candidateIndex: candidate, sha256: hash(candidate + 1),
        speedupVsSeed: 1 + Double(number) * 0.25, speedupVsPrevious: 1.1, pValue: 0.001, gain: 0.07)
}

extension RunStoreError {
    /// The case name, to check the kind of an error whatever its message.
    var caseName: String {
        switch self {
        case .newerSchema: "newerSchema"
        case .corrupted: "corrupted"
        case .locked: "locked"
        case .unknownRun: "unknownRun"
        case .unreadable: "unreadable"
        case .rejected: "rejected"
        }
    }
}

/// The case name of the `RunStoreError` thrown by `body`, or a description of what happened instead.
func errorCase(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch let error as RunStoreError {
        return error.caseName
    } catch {
        return "other error: \(error)"
    }
}
