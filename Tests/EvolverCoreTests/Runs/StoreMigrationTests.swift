import Foundation
import GRDB
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// A store recorded by the version before typed evidence (schema v1: flat sample arrays, a `score`
/// run that promoted and rewired its judge, a `smith-waterman` run judged by that promotion) opens,
/// migrates, and replays identically.
@Suite(.serialized)
struct StoreMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("store-before-evidence.sqlite")

    func migrated() throws -> (TempDirectory, EvolutionService) {
        let dir = try TempDirectory()
        let storeDir = dir.url.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: storeDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture, to: storeDir.appendingPathComponent("evolver.sqlite"))
        let service = EvolutionService(store: try RunStore(directory: storeDir), catalog: Fixtures.catalog, workerPath: TestPaths.worker)
        return (dir, service)
    }

    @Test func theFixtureIsAVersionOneStore() throws {
        let raw = try DatabaseQueue(path: Self.fixture.path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try raw.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'schema_version'") } == "1")
        #expect(try raw.read { try $0.columns(in: "candidate").map(\.name) }.contains("incumbent_samples"))
    }

    @Test func evidenceIsRebuiltInNamedParts() throws {
        let (dir, service) = try migrated()
        _ = dir
        let candidates = try service.store.candidates(run: "r0001")
        #expect(candidates.count == 60)
        let screen = try #require(try EvolutionService.options(of: try service.store.run("r0001")).screen)
        let benchmarkSamples = try Fixtures.score().manifest.benchmark.samples
        for c in candidates {
            let e = c.evidence
            #expect(e.screenRounds.allSatisfy { $0.failure != nil || ($0.incumbent.count == screen.samples && $0.candidate.count == screen.samples) })
            switch c.stage {
            case .cheap:
                #expect(e == CandidateEvidence())
            case .screen:
                #expect((1...screen.rounds).contains(e.screenRounds.count) && e.deciding == nil)
            case .decided:
                #expect(e.screenRounds.count == screen.rounds)
                #expect(e.deciding?.incumbent.count == benchmarkSamples && e.deciding?.candidate.count == benchmarkSamples)
                if c.decision == Decision.promoted.rawValue {
                    #expect(e.confirmation?.incumbent.count == benchmarkSamples)
                    #expect(e.differential?.agreed == true)
                }
            default:
                break
            }
        }
        #expect(candidates.contains { $0.decision == Decision.promoted.rawValue })
        #expect(candidates.contains { $0.stage == .screen })
    }

    @Test(arguments: ["r0001", "r0002"])
    func runsRecordedBeforeReplayIdentically(_ run: String) throws {
        let (dir, service) = try migrated()
        _ = dir
        let recorded = try service.store.run(run)
        let sandbox = try Fixtures.catalog.load(recorded.manifest.sandbox)
        if sandbox.name == "score" {
            #expect(recorded.manifest.lockDigest != sandbox.lockDigest, "recorded before the manifest declared the judge")
        }
        #expect(sandbox.isJudgedAsRecorded(lockDigest: recorded.manifest.lockDigest))
        let report = try service.replay(run, remeasure: false)
        #expect(report.identical, "\(String(describing: report.firstDivergence))")
        #expect(report.candidatesChecked == recorded.candidateCount)
    }
}
