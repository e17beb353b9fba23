import EvolverCore
import Foundation
import RunStore

/// A made-up run for the report's tests: candidates with verdicts, times and stage timings, a
/// few promotions with their sources, a policy record and the judge's history, each part
/// switchable off to look like a run recorded by an older evolver.
struct RunReportFixture {
    var candidateCount = 60
    var recordTimes = true
    var recordTiming = true
    var recordPolicy = true
    var probabilities: [String: Double]? = ["loop-unroll": 0.5, "crossover": 0.25, "cse": 0.25]
    /// Candidate indices that are promoted, in order.
    var promoted = [7, 23, 41]
    var hostile = ""
    static let verdicts = ["passed", "screened_out", "wrong_output", "compile_error", "timeout", "crashed"]
    static let seedSHA = String(repeating: "a", count: 64)

    static func sha(_ i: Int) -> String { String(format: "%064x", i + 1) }

    func source(_ step: Int) -> String {
        var lines = ["int score(const long long *a, int n) {", "    long long s = 0;"]
        for k in 0..<step { lines.append("    s += a[\(k)]; /* step \(k) */") }
        if step > 0 { lines.append("    /* \(hostile) */") }
        return (lines + ["    return 0;", "}"]).joined(separator: "\n")
    }

    /// Each candidate extends the edits of the latest promotion before it by one edit.
    func candidates() -> [CandidateRecord] {
        var base: [EditRecord] = []
        return (0..<candidateCount).map { i in
            let step = promoted.firstIndex(of: i).map { $0 + 1 }
            let edits = base + [EditRecord(op: i % 3 == 0 ? "cse" : "loop-unroll", site: [1, i], params: i % 3 == 0 ? [:] : ["factor": 2])]
            let parent = i == 41 ? Self.sha(30) : promoted.last { $0 < i }.map(Self.sha) ?? Self.seedSHA
            if step != nil { base = edits }
            let timing = StageTiming(cheapNs: UInt64(1_000_000 + i), screenNs: UInt64(2_000_000 * (i % 4)), suiteNs: UInt64(300_000 * (i % 2)),
                                     benchmarkNs: step == nil ? 0 : 40_000_000, confirmationNs: step == nil ? 0 : 20_000_000,
                                     differentialNs: step == nil ? 0 : 5_000_000)
            return CandidateRecord(
                runID: "r0001", index: i, generation: i / 8, sha256: Self.sha(i), parentSHA256: parent, edits: edits, compileNs: UInt64(200_000 + 10 * i),
                verdict: step == nil ? Self.verdicts[i % Self.verdicts.count] : "passed",
                detail: i == 2 ? "case 3: expected out[0] = 1, got 2 \(hostile)" : "", stage: .cheap, scoringKernelSHA256: Self.seedSHA,
                incumbentSHA256: Self.seedSHA, evidence: CandidateEvidence(timing: recordTiming ? timing : nil), comparison: nil,
                decision: step == nil ? "rejected" : "promoted", compareNs: UInt64(50_000 + i),
                origin: i == 41 ? CandidateOrigin(crossover: "one_point", otherParentSHA256: Self.sha(12), dropped: [EditRecord(op: "cse", site: [2], params: [:])]) : nil,
                elapsedMs: recordTimes ? Int64(250 * (i / 8 + 1)) : nil)
        }
    }

    func promotions() -> [PromotionRecord] {
        var speedup = 1.0
        return promoted.enumerated().map { k, i in
            let previous = speedup
            speedup *= 1.25 + 0.1 * Double(k)
            return PromotionRecord(runID: "r0001", number: k + 1, candidateIndex: i, sha256: Self.sha(i), speedupVsSeed: speedup,
                                   speedupVsPrevious: speedup / previous, pValue: 0.001, gain: log(speedup / previous))
        }
    }

    func policy() -> RunPolicyRecord {
        RunPolicyRecord(
            runID: "r0001", sandbox: "score", mode: "learned", credit: "extreme", learnedFrom: ["r0000"], prior: [:],
            learned: [
                "loop-unroll\(hostile)": ArmTally(attempts: 30, cheapPassed: 20, screenPassed: 5, promotions: 2, gain: 0.4, bestGain: 0.3, seconds: 3),
                "cse": ArmTally(attempts: 20, cheapPassed: 10, screenPassed: 2, promotions: 0, gain: 0, bestGain: 0, seconds: 1.5),
                "crossover": ArmTally(attempts: 10, cheapPassed: 9, screenPassed: 4, promotions: 1, gain: 0.2, bestGain: 0.2, seconds: 2),
            ])
    }

    func input() -> RunReportInput {
        let manifest = RunManifest(sandbox: "score", seed: 3, lockDigest: "d", lockFiles: [:], evolverVersion: "0.4.0", generator: "splitmix64",
                                   budget: ["time_s": 20], options: ["scoring_kernel": "judge seed", "scoring_kernel_sha256": Self.seedSHA])
        let promotions = promotions()
        let run = RunRecord(id: "r0001", manifest: manifest, status: .completed, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
                            finishedAt: Date(timeIntervalSince1970: 1_700_000_020), durationSeconds: 20, candidateCount: candidateCount,
                            promotionCount: promotions.count, bestSpeedup: promotions.last?.speedupVsSeed ?? 1)
        var sources = [Self.seedSHA: source(0)]
        for (k, p) in promotions.enumerated() { sources[p.sha256] = source(k + 1) }
        let events = [
            ScorerEventRecord(kind: .adopted, sha256: Self.sha(7), activeSHA256: Self.sha(7), runID: "r0001", promotion: 1, at: Date(timeIntervalSince1970: 1_700_000_010),
                              evolverVersion: "0.4.0", lockDigest: "d", evidence: nil, reason: "passed the guard \(hostile)"),
            ScorerEventRecord(kind: .reverted, sha256: Self.seedSHA, activeSHA256: Self.seedSHA, file: "x.c", at: Date(timeIntervalSince1970: 1_700_000_030),
                              evolverVersion: "0.4.0", lockDigest: "d", evidence: nil, reason: "by hand"),
        ].enumerated().map { i, e in
            var e = e
            e.seq = i + 1
            return e
        }
        return RunReportInput(run: run, seedSHA256: Self.seedSHA, candidates: candidates(), promotions: promotions, sources: sources,
                              policy: recordPolicy ? policy() : nil, scorerEvents: events, probabilities: probabilities)
    }
}
