import Foundation
import Testing
import TestSupport

/// `evolver self`, `self adopt`, `self revert`, and how `run` treats the judge, as a user runs them.
@Suite(.serialized)
struct SelfCLITests {
    static let seed = try! String(contentsOf: TestPaths.sandboxes.appendingPathComponent("score/seed.c"), encoding: .utf8)

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func adoptRefuseRevertAndShow() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let fresh = try CommandRunner.evolver(["self", "--store", store])
        #expect(fresh.status == 0 && fresh.stdout.hasPrefix("judge: the seed scorer"), "\(fresh.stdout)\(fresh.stderr)")

        let wrong = try tmp.write(Self.seed.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = (n > 700) ? u2 + 1 : u2;"), to: "wrong.c")
        let refused = try CommandRunner.evolver(["self", "adopt", wrong.path, "--store", store])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.hasPrefix("refused ") && refused.stdout.split(separator: "\n").count == 1, "one line: \(refused.stdout)")
        let refusedJSON = try json(try CommandRunner.evolver(["self", "adopt", wrong.path, "--store", store, "--json"]).stdout)
        #expect(refusedJSON["adopted"] as? Bool == false && (refusedJSON["reason"] as? String)?.isEmpty == false)

        let good = try tmp.write(Self.seed.replacingOccurrences(of: "u2 = 0;", with: "u2 = 0; /* the same */"), to: "good.c")
        let adopted = try CommandRunner.evolver(["self", "adopt", good.path, "--store", store])
        #expect(adopted.status == 0 && adopted.stdout.hasPrefix("adopted "), "\(adopted.stdout)\(adopted.stderr)")
        let shown = try json(try CommandRunner.evolver(["self", "--json", "--store", store]).stdout)
        let active = try #require(shown["active"] as? [String: Any])
        #expect(active["is_seed"] as? Bool == false && (active["origin"] as? String)?.hasPrefix("file ") == true)
        #expect((active["evidence"] as? [String: Any])?["differential_total"] as? Int ?? 0 >= 1000)
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.map { $0["kind"] as? String } == ["refused", "refused", "adopted"])

        let text = try CommandRunner.evolver(["self", "--store", store]).stdout
        #expect(text.contains("guard: suite 251/251") && text.contains("refused") && text.contains("speed:"), "\(text)")

        let reverted = try CommandRunner.evolver(["self", "revert", "--store", store])
        #expect(reverted.status == 0, "\(reverted.stderr)")
        let after = try json(try CommandRunner.evolver(["self", "--json", "--store", store]).stdout)
        #expect((after["active"] as? [String: Any])?["is_seed"] as? Bool == true)
        let unknown = try CommandRunner.evolver(["self", "revert", "0123abcd", "--store", store])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: ") && unknown.stderr.contains("was ever adopted"), "\(unknown.stderr)")
        #expect(try CommandRunner.evolver(["self", "adopt", "/nonexistent/kernel.c", "--store", store]).status == 2)
        #expect(try CommandRunner.evolver(["self", "adopt", "--store", store]).status == 2, "missing file argument")
    }

    @Test func runFlagsForTheJudge() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let both = try CommandRunner.evolver(["run", "score", "--no-adopt", "--approve", "--candidates", "4", "--store", store])
        #expect(both.status == 2 && both.stderr.contains("--no-adopt"))
        #expect(try CommandRunner.evolver(["run", "score", "--yes", "--candidates", "4", "--store", store]).status == 2)

        // Without a terminal, --approve declines every adoption (and says so in the history).
        let run = try CommandRunner.evolver(["run", "score", "--approve", "--candidates", "64", "--seed", "3", "--store", store, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let promotions = try json(run.stdout)["promotions"] as? Int ?? 0
        let history = try json(try CommandRunner.evolver(["self", "--json", "--store", store]).stdout)["history"] as? [[String: Any]] ?? []
        #expect(history.count == promotions, "one decision per promotion of the judge's sandbox")
        #expect(history.allSatisfy { $0["kind"] as? String == "refused" && ($0["reason"] as? String)?.contains("without a terminal") == true })
        let replay = try CommandRunner.evolver(["replay", "r0001", "--store", store])
        #expect(replay.status == 0, "\(replay.stdout)")
    }

    @Test func aScoreRunAdoptsThroughTheGuardAndReplaysExactly() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        let run = try CommandRunner.evolver(["run", "score", "--candidates", "96", "--seed", "3", "--store", store, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let promotions = try json(run.stdout)["promotions"] as? Int ?? 0
        let history = try json(try CommandRunner.evolver(["self", "--json", "--store", store]).stdout)["history"] as? [[String: Any]] ?? []
        #expect(history.count == promotions, "every promotion was offered to the guard")
        for (k, event) in history.enumerated() {
            #expect(event["run_id"] as? String == "r0001" && event["promotion"] as? Int == k + 1)
            #expect(["adopted", "refused"].contains(event["kind"] as? String ?? ""))
        }
        let replay = try CommandRunner.evolver(["replay", "r0001", "--store", store, "--json"])
        #expect(replay.status == 0, "the same scorers in the same order, adoptions included: \(replay.stdout)")
        // --no-adopt: promotions happen, the judge stays.
        let kept = try CommandRunner.evolver(["run", "score", "--candidates", "96", "--seed", "3", "--no-adopt", "--store", store, "--json"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let after = try json(try CommandRunner.evolver(["self", "--json", "--store", store]).stdout)["history"] as? [[String: Any]] ?? []
        #expect(after.count == history.count, "--no-adopt offers nothing")
    }
}
