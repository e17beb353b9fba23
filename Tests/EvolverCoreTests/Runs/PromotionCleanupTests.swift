import Foundation
import KernelSyntax
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// Export and diff show a promoted kernel cleaned of dead code, validated again and journaled.
struct PromotionCleanupTests {
    /// A store holding one run of `score` whose promotion 1 is `source`.
    func store(promoting source: String, in dir: TempDirectory) throws -> EvolutionService {
        let service = EvolutionService(store: try RunStore(directory: dir.url.appendingPathComponent("store")), catalog: Fixtures.catalog,
                                       workerPath: TestPaths.worker)
        let sandbox = try Fixtures.score()
        let run = try service.store.createRun(manifest: RunManifest(
            sandbox: "score", seed: 1, lockDigest: sandbox.lockDigest, lockFiles: [:], evolverVersion: EvolutionService.version,
            generator: "test", budget: [:], options: [:]))
        let seed = CPrinter.print(try CParser.parse(sandbox.seedSource))
        let seedSHA = Hashing.sha256Hex(seed), sha = Hashing.sha256Hex(source)
        try service.store.putSource(seed, sha256: seedSHA)
        try service.store.putSource(source, sha256: sha)
        let candidate = CandidateRecord(
            runID: run.id, index: 0, generation: 0, sha256: sha, parentSHA256: seedSHA, edits: [], compileNs: 1, verdict: "passed", detail: "",
            stage: .decided, scoringKernelSHA256: seedSHA, incumbentSHA256: seedSHA, evidence: CandidateEvidence(), comparison: nil, decision: "promoted")
        try service.store.commit(candidates: [candidate], promotions: [PromotionRecord(
            runID: run.id, number: 1, candidateIndex: 0, sha256: sha, speedupVsSeed: 1.1, speedupVsPrevious: 1.1, pValue: 0.001, gain: 0.1)], checkpoint: nil)
        return service
    }

    /// The seed of `score` with an unused helper and a statement without effect added.
    static func withDeadCode() throws -> String {
        var text = try Fixtures.score().seedSource
        text = "static int unused_helper(int x) {\n    return x * 2;\n}\n\n" + text
        let marker = "int score("
        let body = text.range(of: marker).flatMap { text[$0.upperBound...].range(of: "{") }!
        text.insert(contentsOf: "\n    n;\n", at: body.upperBound)
        return CPrinter.print(try CParser.parse(text))
    }

    @Test func exportRemovesDeadCodeValidatesAgainAndJournalsIt() throws {
        let dir = try TempDirectory()
        let dead = try Self.withDeadCode()
        let service = try store(promoting: dead, in: dir)
        let kernel = try service.cleanedSource("r0001", 1)
        #expect(kernel.cleaned)
        #expect(kernel.steps.contains("removed unused static helper `unused_helper`"), "\(kernel.steps)")
        #expect(kernel.steps.contains { $0.hasPrefix("removed statement without effect `n;`") }, "\(kernel.steps)")
        #expect(!kernel.source.contains("unused_helper") && !kernel.source.contains("    n;\n"))
        let record = try #require(try service.store.cleanup(run: "r0001", promotion: 1, sha256: Hashing.sha256Hex(dead), evolverVersion: EvolutionService.version))
        #expect(record.verdict == "passed" && record.steps.count == kernel.steps.count)
        #expect(try service.store.source(record.cleanedSHA256) == kernel.source)
        let export = try service.export("r0001", promotion: 1)
        #expect(export.contains(" * cleaned: removed unused static helper `unused_helper`"))
        #expect(export.contains("passed the suite and the differential test again"))
        #expect(try service.export("r0001", promotion: 1, raw: true).contains("unused_helper"))
        let diff = try service.diff("r0001", from: 0, to: 1, color: false)
        #expect(diff.contains("# cleaned (promotion 1): removed unused static helper `unused_helper`"))
        #expect(!diff.contains("+static int unused_helper"))
    }

    @Test func aPromotionWithoutDeadCodeIsShownAsPromoted() throws {
        let dir = try TempDirectory()
        let seed = CPrinter.print(try CParser.parse(try Fixtures.score().seedSource))
        let service = try store(promoting: seed, in: dir)
        let kernel = try service.cleanedSource("r0001", 1)
        #expect(!kernel.cleaned && kernel.steps.isEmpty && kernel.source == seed && kernel.refusal == nil)
    }

    @Test func equalStepsAreListedOnceWithTheirCount() {
        let steps = ["replaced copy `cse0` of `inv0` in `heat`", "removed unused static helper `cell`", "replaced copy `cse0` of `inv0` in `heat`"]
        #expect(EvolutionService.grouped(steps) == ["replaced copy `cse0` of `inv0` in `heat` (2 times)", "removed unused static helper `cell`"])
    }
}
