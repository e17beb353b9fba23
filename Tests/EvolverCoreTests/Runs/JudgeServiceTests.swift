import Foundation
import GRDB
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// The judge's history in a real store: adoption through the guard, revert, and the start-up check
/// of the active judge (its source, its evidence's version and lock).
@Suite(.serialized)
struct JudgeServiceTests {
    /// The seed scorer with a harmless change: a different kernel that agrees everywhere.
    static let equivalent = try! Fixtures.score().seedSource.replacingOccurrences(of: "u2 = 0;", with: "u2 = 0; /* equivalent */")

    final class Warnings: @unchecked Sendable { var lines: [String] = [] }

    func service(_ dir: TempDirectory) throws -> EvolutionService {
        EvolutionService(store: try RunStore(directory: dir.url.appendingPathComponent("store")), catalog: Fixtures.catalog, workerPath: TestPaths.worker)
    }

    func raw(_ service: EvolutionService) throws -> DatabaseQueue { try DatabaseQueue(path: service.store.fileURL.path) }

    @Test func adoptionRevertAndHistory() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        let seedSHA = Hashing.sha256Hex(try Fixtures.score().seedSource)
        #expect(try service.activeScorerSHA256() == seedSHA)
        let adopted = try service.offer(Self.equivalent, origin: .file("equivalent.c"), inputSeed: 1)
        #expect(adopted.adopted, "\(adopted.reason)")
        #expect(try service.activeScorerSHA256() == Hashing.sha256Hex(Self.equivalent))
        let wrong = try Fixtures.score().seedSource.replacingOccurrences(of: "out[0] = u2;", with: "out[0] = u2 + 1;")
        let refused = try service.offer(wrong, origin: .file("wrong.c"), inputSeed: 1)
        #expect(!refused.adopted && refused.reason.hasPrefix("fails the fixed suite"))
        #expect(try service.activeScorerSHA256() == Hashing.sha256Hex(Self.equivalent), "a refusal keeps the judge")
        try service.revert(to: "seed")
        #expect(try service.activeScorerSHA256() == seedSHA)
        try service.revert(to: String(Hashing.sha256Hex(Self.equivalent).prefix(10)))
        #expect(try service.activeScorerSHA256() == Hashing.sha256Hex(Self.equivalent))
        #expect(throws: EvolverError.self) { try service.revert(to: Hashing.sha256Hex(wrong)) }
        let status = try service.judgeStatus()
        #expect(status.history.map(\.kind) == [.adopted, .refused, .reverted, .reverted])
        #expect(status.active.origin == "file equivalent.c" && status.active.evidence?.passed == true)
        #expect(status.history[1].evidence?.failure != nil && status.history[1].file == "wrong.c")
    }

    @Test func aJudgeWhoseSourceChangedFallsBackToTheSeed() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        #expect(try service.offer(Self.equivalent, origin: .file("equivalent.c"), inputSeed: 2).adopted)
        try raw(service).write { db in
            try db.execute(sql: "UPDATE source SET text = text || ' ' WHERE sha256 = ?", arguments: [Hashing.sha256Hex(Self.equivalent)])
        }
        let warnings = Warnings()
        let judge = try service.activeJudge { warnings.lines.append($0) }
        #expect(judge.isSeed)
        #expect(warnings.lines.count == 1 && warnings.lines[0].contains("no longer hashes to its adopted hash"), "\(warnings.lines)")
        let last = try #require(try service.store.scorerEvents().last)
        #expect(last.kind == .incident && last.activeSHA256 == judge.seed.sourceSHA256)
    }

    @Test func evidenceForAnotherVersionRunsTheGuardAgain() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        #expect(try service.offer(Self.equivalent, origin: .file("equivalent.c"), inputSeed: 3).adopted)
        try raw(service).write { try $0.execute(sql: "UPDATE scorer_event SET evolver_version = '0.0.1'") }
        let warnings = Warnings()
        let judge = try service.activeJudge { warnings.lines.append($0) }
        #expect(!judge.isSeed && judge.activeSHA256 == Hashing.sha256Hex(Self.equivalent), "\(warnings.lines)")
        let events = try service.store.scorerEvents()
        #expect(events.count == 2 && events[1].kind == .adopted && events[1].reason.contains("evolver 0.0.1"))
        #expect(warnings.lines.isEmpty)
        // Checked again now, the fresh evidence applies: no third guard run.
        _ = try service.activeJudge { warnings.lines.append($0) }
        #expect(try service.store.scorerEvents().count == 2)
    }

    /// A judge adopted before a comparison it would decide differently was journaled fails the
    /// guard when it runs again (another lock), and the seed takes over.
    @Test func aJudgeThatFailsTheGuardRunAgainFallsBack() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        let wrongLater = try Fixtures.score().seedSource.replacingOccurrences(
            of: "out[0] = u2;", with: "out[0] = (n == 13 && m == 11 && a[0] == 123457) ? u2 + 2 : u2;")
        #expect(try service.offer(wrongLater, origin: .file("later.c"), inputSeed: 4).adopted)
        let run = try service.store.createRun(manifest: RunManifest(sandbox: "score", seed: 1, lockDigest: "", lockFiles: [:], evolverVersion: "test",
                                                                    generator: "splitmix64", budget: [:], options: [:]))
        let pair = BenchmarkEvidence(incumbent: [123457] + (1...12).map { 123457 + $0 }, candidate: (1...11).map { 120000 + $0 })
        let sha = Hashing.sha256Hex("candidate")
        try service.store.putSource("candidate", sha256: sha)
        try service.store.commit(candidates: [CandidateRecord(
            runID: run.id, index: 0, generation: 0, sha256: sha, parentSHA256: sha, edits: [], compileNs: 0, verdict: "passed", detail: "",
            stage: .decided, scoringKernelSHA256: sha, incumbentSHA256: sha, evidence: CandidateEvidence(deciding: pair), comparison: nil,
            decision: "not_faster")], promotions: [], checkpoint: nil)
        try raw(service).write { try $0.execute(sql: "UPDATE scorer_event SET lock_digest = 'other'") }
        let warnings = Warnings()
        let judge = try service.activeJudge { warnings.lines.append($0) }
        #expect(judge.isSeed)
        #expect(warnings.lines.first?.contains("failed the adoption guard run again") == true, "\(warnings.lines)")
        let kinds = try service.store.scorerEvents().map(\.kind)
        #expect(kinds == [.adopted, .incident], "the failed guard run is the incident: \(kinds)")
        let incident = try #require(try service.store.scorerEvents().last)
        #expect(incident.reason.hasPrefix("guard run again: its guard evidence is for evolver") && incident.reason.contains("would have judged a past comparison differently"))
    }

    @Test func aKernelThatHadAnIncidentCannotBeRevertedTo() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        #expect(try service.offer(Self.equivalent, origin: .file("equivalent.c"), inputSeed: 5).adopted)
        let seed = try ScoringKernel(scoreSandbox: try Fixtures.score())
        let c = try seed.compare(incumbent: [1, 2, 3], candidate: [4, 5, 6])
        try service.recordIncident(Judge.Incident(scorerSHA256: Hashing.sha256Hex(Self.equivalent), incumbent: [1, 2, 3], candidate: [4, 5, 6],
                                                  active: nil, seed: c, failure: "timeout"), runID: nil)
        #expect(try service.activeScorerSHA256() == seed.sourceSHA256)
        #expect(throws: EvolverError.self) { try service.revert(to: String(Hashing.sha256Hex(Self.equivalent).prefix(8))) }
    }

    @Test func resumeRefusesWhenTheJudgeChangedSinceTheCheckpoint() throws {
        let dir = try TempDirectory()
        let service = try service(dir)
        var options = EvolutionOptions.defaults(seed: 3, jobs: 2)
        options.timeLimit = nil
        options.candidateLimit = 16
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let summary = try service.start(sandbox: "score", options: options, adoption: .off, clock: clock, shouldStop: { false }, progress: { _ in })
        #expect(try service.offer(Self.equivalent, origin: .file("equivalent.c"), inputSeed: 6).adopted)
        do {
            _ = try service.resume(summary.run, extraTime: 2, clock: clock, shouldStop: { false }, progress: { _ in })
            Issue.record("a run judged by the seed must not go on under another judge")
        } catch let error as EvolverError {
            #expect(error.localizedDescription.contains("but the judge is now"), "\(error.localizedDescription)")
        }
        try service.revert(to: "seed")
        _ = try service.resume(summary.run, extraTime: 2, clock: clock, shouldStop: { false }, progress: { _ in })
    }
}
