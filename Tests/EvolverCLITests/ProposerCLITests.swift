import Foundation
import RunStore
import Testing
import TestSupport

/// End-to-end: runs that take a share of their offspring from an outside program — a folder of
/// hand-written kernels, and scripted proposers that are late, crash, reply garbage or propose
/// hostile kernels. The run survives every one, journals what happened, and replays offline.
@Suite(.serialized) struct ProposerCLITests {
    static let reference = TestPaths.packageRoot.appendingPathComponent("Sources/evolver-bench/reference-score.c")
    static let guardLine = "    if (n < 1 || m < 1) {"

    /// The hand-written reference kernel (about 20 times the seed's speed) with `sabotage` before its guard.
    static func fastKernel(_ sabotage: String = "") throws -> String {
        let text = try String(contentsOf: reference, encoding: .utf8)
        #expect(text.contains(guardLine))
        return text.replacingOccurrences(of: guardLine, with: sabotage + "\n" + guardLine)
    }

    /// A proposer script in `dir` that prints `reply` whatever it is asked.
    func script(_ dir: URL, _ name: String, _ body: String) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
        return url
    }

    /// A script printing the JSON reply with `sources`.
    func replying(_ dir: URL, _ name: String, sources: [String]) throws -> URL {
        let reply = try JSONSerialization.data(withJSONObject: ["sources": sources, "model": "scripted"])
        let file = dir.appendingPathComponent(name + ".json")
        try reply.write(to: file)
        return try script(dir, name, "cat > /dev/null\ncat '\(file.path)'")
    }

    func run(_ arguments: [String], store: URL) throws -> [String: Any] {
        let result = try CommandRunner.evolver(["run", "score", "--seed", "3", "--store", store.path, "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    func external(_ c: CandidateRecord) -> Bool { c.edits.first?.op == "external" }

    @Test func aFolderOfVariantsEvolvesJournalsAndReplaysWithTheProposerGone() throws {
        let tmp = try TempDirectory()
        let folder = tmp.url.appendingPathComponent("variants")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try String(contentsOf: Self.reference, encoding: .utf8).write(to: folder.appendingPathComponent("a-reference.c"), atomically: true, encoding: .utf8)
        try "int score(void) { return 0; }\n".write(to: folder.appendingPathComponent("b-no-parameters.c"), atomically: true, encoding: .utf8)
        try "#include <stdio.h>\n".write(to: folder.appendingPathComponent("c-include.c"), atomically: true, encoding: .utf8)
        let proposer = try script(tmp.url, "folder-proposer", "exec '\(TestPaths.evolver)' propose-from '\(folder.path)'")
        let store = tmp.url.appendingPathComponent("store")
        let summary = try run(["--candidates", "24", "--proposer", proposer.path, "--proposer-share", "0.5"], store: store)
        #expect((summary["promotions"] as? Int ?? 0) >= 1 && (summary["best_speedup"] as? Double ?? 0) > 5, "the reference kernel is promoted: \(summary)")

        let journal = try RunStore(directory: store)
        let proposals = try journal.proposals(run: "r0001")
        let first = try #require(proposals.first)
        #expect(first.status == "replied" && first.command == proposer.path && first.number == 1)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(first.request.utf8)) as? [String: Any])
        for key in ["sandbox", "prototype", "parent_source", "parent_speedup", "recent"] { #expect(request[key] != nil, "the request has \(key)") }
        #expect(request["sandbox"] as? String == "score" && (request["prototype"] as? String)?.contains("score(") == true)
        #expect(first.outcomes.count == 3)
        #expect(first.outcomes[2].candidate == nil && first.outcomes[2].note?.contains("'#include' is not supported") == true, "refused with the parser's message")
        let candidates = try journal.candidates(run: "r0001")
        let wrong = try #require(candidates.first { $0.index == first.outcomes[1].candidate })
        #expect(wrong.verdict == "rejected_source" && external(wrong))
        let promoted = try #require(journal.promotions(run: "r0001").first)
        #expect(external(candidates[promoted.candidateIndex]), "the promotion is the proposal")

        let show = try CommandRunner.evolver(["show", "r0001", "--store", store.path])
        #expect(show.status == 0 && show.stdout.contains("replace the whole kernel by source 0 of proposal 1 from `"), "\(show.stdout)")
        // The proposer and its folder are gone: a replay reads the journaled replies.
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.removeItem(at: proposer)
        let replay = try CommandRunner.evolver(["replay", "r0001", "--json", "--store", store.path])
        #expect(replay.status == 0, "replays identically offline: \(replay.stdout)\(replay.stderr)")
        #expect(try journal.proposals(run: "r0001") == proposals, "nothing was asked again")
    }

    @Test func misbehavingProposersAreRecordedAndTheRunGoesOn() throws {
        let tmp = try TempDirectory()
        let cases: [(name: String, body: String, status: String, detail: String)] = [
            ("late", "sleep 60", "timeout", "no reply within 1 s"),
            ("crash", "echo 'model quota exceeded' >&2; exit 3", "crashed", "exited with status 3: model quota exceeded"),
            ("prose", "echo 'Here is a faster kernel: int score(...)'", "garbage", "the reply is not JSON"),
            ("numbers", "echo '{\"sources\": [42]}'", "garbage", "sources[0] is not a string"),
            ("flood", "head -c 9000000 /dev/zero", "too_large", "exceeded 8 MB"),
        ]
        for c in cases {
            let store = tmp.url.appendingPathComponent("store-\(c.name)")
            let proposer = try script(tmp.url, c.name, c.body)
            let began = Date()
            let summary = try run(["--candidates", "10", "--proposer", proposer.path, "--proposer-share", "1", "--proposer-timeout", "1s"], store: store)
            #expect(summary["status"] as? String == "completed" && summary["candidates"] as? Int == 10, "\(c.name): \(summary)")
            #expect(Date().timeIntervalSince(began) < 60, "\(c.name): the run did not wait on the proposer")
            let proposals = try RunStore(directory: store).proposals(run: "r0001")
            #expect(!proposals.isEmpty && proposals.allSatisfy { $0.status == c.status && $0.detail.contains(c.detail) && $0.outcomes.isEmpty },
                    "\(c.name): \(proposals.map { "\($0.status): \($0.detail)" })")
            let replay = try CommandRunner.evolver(["replay", "r0001", "--json", "--store", store.path])
            #expect(replay.status == 0, "\(c.name) replays: \(replay.stdout)")
        }
    }

    @Test func hostileProposalsAreCaughtLikeAnyHostileKernel() throws {
        let tmp = try TempDirectory()
        let attacks: [(name: String, source: String)] = [
            // Writes nothing: the outputs it "returns" would be whatever was there before.
            ("prefilled", "int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)\n{\n    return 0;\n}\n"),
            // Forges the caller's frames: writes far above its own locals.
            ("frames", try Self.fastKernel("    long long probe[2];\n    long long *up = probe;\n    int k;\n    for (k = 0; k < 100000; k++) {\n        up[k] = 42;\n    }")),
            // Reaches outside its buffers for the harness's bookkeeping.
            ("outside", try Self.fastKernel("    out[-4] = 1;\n    out[9] = 1;")),
            // Fast, and right everywhere but on the suite's smallest inputs.
            ("tiny-wrong", try Self.fastKernel("    if (n == 1 && m == 1) {\n        out[0] = 2;\n        out[1] = 0;\n        out[2] = 0;\n        out[3] = 0;\n        return 0;\n    }")),
            // Fast, and keeps answers across calls keyed on its first samples (memorized inputs).
            ("memo", try Self.fastKernel("    static long long seen_a;\n    static long long seen_out[4];\n    static int seen;\n    if (seen && a[0] == seen_a) {\n        out[0] = seen_out[0];\n        out[1] = seen_out[1];\n        out[2] = seen_out[2];\n        out[3] = seen_out[3];\n        return 0;\n    }\n    seen = 1;\n    seen_a = a[0];")),
        ]
        let proposer = try replying(tmp.url, "hostile", sources: attacks.map(\.source))
        let store = tmp.url.appendingPathComponent("store")
        let summary = try run(["--candidates", "16", "--proposer", proposer.path, "--proposer-share", "1"], store: store)
        #expect(summary["status"] as? String == "completed", "\(summary)")
        let journal = try RunStore(directory: store)
        let proposal = try #require(try journal.proposals(run: "r0001").first)
        let candidates = try journal.candidates(run: "r0001")
        let promoted = Set(try journal.promotions(run: "r0001").map(\.candidateIndex))
        for (i, attack) in attacks.enumerated() {
            let outcome = proposal.outcomes[i]
            if attack.name == "memo" {
                // State between calls is outside the evolvable subset: refused before it is compiled.
                #expect(outcome.candidate == nil && outcome.note?.contains("may not keep state between calls") == true, "\(outcome)")
                continue
            }
            guard let index = outcome.candidate else {
                Issue.record("\(attack.name) was not evaluated: \(outcome.note ?? "")")
                continue
            }
            let c = candidates[index]
            #expect(!promoted.contains(index), "\(attack.name) was promoted")
            #expect(!["passed", "screened_out"].contains(c.verdict), "\(attack.name) was caught: \(c.verdict) \(c.detail)")
        }
        let replay = try CommandRunner.evolver(["replay", "r0001", "--json", "--store", store.path])
        #expect(replay.status == 0, "\(replay.stdout)")
    }

    @Test func proposerOptionsAreChecked() throws {
        let tmp = try TempDirectory()
        let store = tmp.url.appendingPathComponent("store").path
        for (args, says) in [(["--proposer-share", "0.5"], "need --proposer"), (["--proposer", "x", "--proposer-share", "0"], "--proposer-share"),
                             (["--proposer", " "], "needs a command"), (["--proposer", "x", "--proposer-timeout", "soon"], "proposer-timeout")] {
            let r = try CommandRunner.evolver(["run", "score", "--store", store] + args)
            #expect(r.status == 2 && r.stderr.contains(says), "\(args): \(r.stderr)")
        }
    }
}
