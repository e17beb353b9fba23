import Foundation
import RunStore
import Testing
import TestSupport

/// End-to-end: what one run records about its operators is what the next `learned` run starts
/// from, what `evolver policy` shows, and what a replay folds again to draw exactly as the run did.
@Suite(.serialized) struct PolicyCLITests {
    /// A store holding one earlier `score` run whose tallies credit `loop-unroll` with a big gain.
    func storeTaughtUnroll(_ tmp: TempDirectory) throws -> URL {
        let url = tmp.url.appendingPathComponent("store")
        let store = try RunStore(directory: url)
        let run = try store.createRun(manifest: RunManifest(
            sandbox: "score", seed: 1, lockDigest: String(repeating: "0", count: 64), lockFiles: [:], evolverVersion: "test",
            generator: "splitmix64", budget: [:], options: [:]))
        try store.putPolicy(RunPolicyRecord(runID: run.id, sandbox: "score", mode: "fresh", credit: "extreme", learnedFrom: [], prior: [:], learned: [
            "loop-unroll": ArmTally(attempts: 40, cheapPassed: 40, screenPassed: 10, promotions: 3, gain: 0.9, bestGain: 0.5, seconds: 4),
            "statement-delete": ArmTally(attempts: 40, cheapPassed: 10, screenPassed: 0, promotions: 0, gain: 0, bestGain: 0, seconds: 2),
        ]))
        try store.finishRun(run.id, status: .completed, durationSeconds: 1)
        return url
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// The share of a run's candidates whose last edit is `op`.
    func share(of op: String, run: String, store url: URL) throws -> Double {
        let candidates = try RunStore(directory: url).candidates(run: run)
        return Double(candidates.filter { $0.origin == nil && $0.edits.last?.op == op }.count) / Double(max(1, candidates.count))
    }

    @Test func aLearnedRunStartsFromEarlierRunsAndReplaysExactly() throws {
        let tmp = try TempDirectory()
        let store = try storeTaughtUnroll(tmp)
        let shown = try CommandRunner.evolver(["policy", "score", "--json", "--store", store.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        let view = try json(shown.stdout)
        #expect(view["learned_from"] as? [String] == ["r0001"])
        let arms = try #require(view["arms"] as? [[String: Any]])
        let top = try #require(arms.first)
        #expect(top["arm"] as? String == "loop-unroll", "the credited operator is the most probable: \(arms.prefix(3))")
        #expect((top["selection_probability"] as? Double ?? 0) > 0.7)
        #expect(top["attempts"] as? Int == 40 && top["promotions"] as? Int == 3 && top["screen_pass_share"] as? Double == 0.25)
        let others = arms.dropFirst().compactMap { $0["selection_probability"] as? Double }
        #expect(others.allSatisfy { $0 > 0 }, "exploration: every arm can be drawn")
        let text = try CommandRunner.evolver(["policy", "--store", store.path])
        #expect(text.status == 0 && text.stdout.contains("learned from 1 runs: r0001") && text.stdout.contains("loop-unroll"), "\(text.stdout)")

        let learned = try CommandRunner.evolver(["run", "score", "--candidates", "40", "--seed", "4", "--store", store.path, "--json"])
        #expect(learned.status == 0, "\(learned.stderr)")
        let record = try #require(try RunStore(directory: store).policy(run: "r0002"))
        #expect(record.mode == "learned" && record.learnedFrom == ["r0001"])
        #expect(record.prior["loop-unroll"]?.promotions == 3, "the run records the prior it started from")
        #expect(record.learned.values.reduce(0) { $0 + $1.attempts } == 40, "and what its own 40 candidates showed")
        #expect(try share(of: "loop-unroll", run: "r0002", store: store) > 0.4, "the learned run follows the credit (uniform: under 0.04)")

        let uniform = try CommandRunner.evolver(["run", "score", "--candidates", "40", "--seed", "4", "--policy", "uniform", "--store", store.path, "--json"])
        #expect(uniform.status == 0, "\(uniform.stderr)")
        #expect(try share(of: "loop-unroll", run: "r0003", store: store) < 0.2)
        #expect(try RunStore(directory: store).policy(run: "r0003")?.learnedFrom == [], "uniform starts from nothing")

        for run in ["r0002", "r0003"] {
            let replay = try CommandRunner.evolver(["replay", run, "--json", "--store", store.path])
            #expect(replay.status == 0, "\(run) replays identically: \(replay.stdout)\(replay.stderr)")
        }
        let after = try json(try CommandRunner.evolver(["policy", "score", "--json", "--store", store.path]).stdout)
        #expect(after["learned_from"] as? [String] == ["r0001", "r0002", "r0003"])
        let unrolls = try #require((after["arms"] as? [[String: Any]])?.first { $0["arm"] as? String == "loop-unroll" })
        let journaled = try RunStore(directory: store).candidates(run: "r0002").count { $0.origin == nil && $0.edits.last?.op == "loop-unroll" }
            + RunStore(directory: store).candidates(run: "r0003").count { $0.origin == nil && $0.edits.last?.op == "loop-unroll" }
        #expect(unrolls["attempts"] as? Int == 40 + journaled, "the tallies are the journal's")
    }

    @Test func policyOptionsAreCheckedAndKeptByResume() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let bad = try CommandRunner.evolver(["run", "score", "--policy", "greedy", "--store", store])
        #expect(bad.status == 2 && bad.stderr.contains("greedy"), "\(bad.stderr)")
        let resumed = try CommandRunner.evolver(["run", "--resume", "r0001", "--policy", "fresh", "--store", store])
        #expect(resumed.status == 2 && resumed.stderr.contains("resumed run keeps"), "\(resumed.stderr)")
        let unknown = try CommandRunner.evolver(["policy", "nope", "--store", store])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: ") && unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        let target = try CommandRunner.evolver(["run", "score", "--until-speedup", "0.5", "--store", store])
        #expect(target.status == 2 && target.stderr.contains("--until-speedup"), "\(target.stderr)")
    }
}
