import Foundation
import KernelMutation
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// A real run on `score` with the search's newer parts on: grafting and the sort-to-selection
/// rewrite find the algorithmic gain, crossover offspring are recorded with their dropped edits,
/// machine-code twins take their verdicts from earlier candidates, the whole suite runs only for
/// candidates measured faster, and the replay reproduces every one of these.
@Suite(.serialized)
struct SearchFeaturesTests {
    @Test func aRunGraftsSelectsCrossesAndDeduplicatesAndReplaysIdentically() throws {
        let tmp = try TempDirectory()
        let catalog = SandboxCatalog(root: try tmp.copyOfSandboxes())
        let store = try RunStore(directory: tmp.url.appendingPathComponent("store"))
        let service = EvolutionService(store: store, catalog: catalog, workerPath: TestPaths.worker)
        var options = EvolutionOptions.defaults(seed: 5, jobs: 2)
        options.timeLimit = nil
        options.candidateLimit = 160
        options.crossoverShare = 0.3
        // Structure-changing edits and a few no-op rewrites that compile to the same code.
        options.operators = ["graft", "sort-to-selection", "compound-assign", "swap-independent", "constant-tweak", "statement-delete"]
        let summary = try service.start(sandbox: "score", options: options, adoption: .off, clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                                        shouldStop: { false }, progress: { _ in })
        #expect(summary.candidates == 160)
        let candidates = try store.candidates(run: summary.run)

        // The algorithmic path: a graft, then the selection, both promoted, well over 2x.
        let promoted = try store.promotions(run: summary.run).map { candidates[$0.candidateIndex] }
        let lastOps = promoted.map { $0.edits.last?.op ?? "" }
        #expect(lastOps.contains("graft") && promoted.contains { $0.edits.contains { $0.op == "sort-to-selection" } }, "\(lastOps)")
        #expect(summary.bestSpeedup > 2, "\(summary.bestSpeedup)")

        // Crossover offspring: both parents recorded, the edits that applied rebuild the child.
        let crossed = candidates.filter { $0.origin != nil }
        #expect(!crossed.isEmpty)
        for c in crossed {
            #expect(c.origin!.otherParentSHA256 != c.parentSHA256)
        }

        // Machine-code twins: each names an earlier candidate (or the seed) with the same image, and costs no benchmark.
        let twins = candidates.filter { $0.evidence.sameCodeAs != nil }
        #expect(!twins.isEmpty, "no-op rewrites (compound assignment, independent swaps) compile to the same code")
        for t in twins {
            let n = t.evidence.sameCodeAs!
            #expect(n < t.index)
            #expect(t.evidence.screenRounds.isEmpty && t.evidence.deciding == nil)
            #expect(t.detail.hasPrefix("same machine code as"))
            if n >= 0 { #expect(candidates[n].evidence.image == t.evidence.image) }
        }

        // Every promotion passed the whole suite and agrees with the seed on fresh inputs.
        let sandbox = try catalog.load("score")
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: TestPaths.worker))
        let fresh = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: 100)
        for p in try store.promotions(run: summary.run) {
            let source = try #require(try store.source(p.sha256))
            var rng = SplitMix64(seed: UInt64(p.number))
            #expect(try evaluator.validate(source, rng: &rng).verdict == .passed)
            #expect(try fresh.disagreement(source, candidateIndex: p.number, runSeed: 0xBEEF, evaluator: evaluator) == nil)
        }
        // Candidates measured not faster were never run on the whole suite: not recorded as passed.
        #expect(candidates.allSatisfy { $0.verdict != "passed" || $0.stage == .decided || $0.evidence.sameCodeAs != nil })

        let replay = try service.replay(summary.run, remeasure: false)
        #expect(replay.identical, "\(String(describing: replay.firstDivergence))")
        #expect(replay.candidatesChecked == 160)
    }
}
