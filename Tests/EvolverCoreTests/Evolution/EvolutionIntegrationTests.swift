import Foundation
import RunStore
import Testing
import TestSupport
@testable import EvolverCore

/// A whole run on a sandbox whose seed wastes time in removable loops: the run must find speedups,
/// and every promoted kernel must pass the suite and agree with the seed on fresh random inputs.
@Suite(.serialized)
struct EvolutionIntegrationTests {
    /// A copy of the Sandboxes folder whose `score` seed spins in four useless loops (deleting one
    /// is a gain of about a quarter, which noise from a loaded machine does not hide).
    static func slowSandboxes(in tmp: TempDirectory) throws -> SandboxCatalog {
        let root = try tmp.copyOfSandboxes()
        let catalog = SandboxCatalog(root: root)
        let seedURL = root.appendingPathComponent("score/seed.c")
        var seed = try String(contentsOf: seedURL, encoding: .utf8)
        let spin = (0..<4).map { _ in "    { volatile long long spin = 0; long long q; for (q = 0; q < 40000; q++) spin += q; }\n" }.joined()
        seed = seed.replacingOccurrences(of: "    if (n < 1 || m < 1) {", with: spin + "    if (n < 1 || m < 1) {")
        try seed.write(to: seedURL, atomically: true, encoding: .utf8)
        let sandbox = try catalog.load("score", verifyLock: false, expectedOutputs: .ignored)
        let expected = try ExpectedRecorder.record(sandbox: sandbox, worker: WorkerProcess(executable: TestPaths.worker))
        try JSONLines.encode(expected).write(to: root.appendingPathComponent("score/suite/expected.jsonl"))
        try catalog.writeLock("score")
        return catalog
    }

    @Test func runFindsSpeedupsAndEveryPromotionAgreesWithTheSeedOnFreshInputs() throws {
        let tmp = try TempDirectory()
        let catalog = try Self.slowSandboxes(in: tmp)
        let store = try RunStore(directory: tmp.url.appendingPathComponent("store"))
        let service = EvolutionService(store: store, catalog: catalog, workerPath: TestPaths.worker)
        var options = EvolutionOptions.defaults(seed: 2, jobs: 2)
        options.timeLimit = nil
        options.candidateLimit = 64
        // Deletions find the wasted loops quickly; the other operators are exercised elsewhere.
        options.operators = ["statement-delete", "loop-unroll", "swap-independent"]
        let summary = try service.start(sandbox: "score", options: options, clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                                        shouldStop: { false }, progress: { _ in })
        #expect(summary.candidates == 64)
        #expect(summary.promotions >= 1, "four removable loops should give at least one promotion")
        #expect(summary.bestSpeedup > 1)

        let sandbox = try catalog.load("score")
        let evaluator = try KernelEvaluator(sandbox: sandbox, worker: WorkerProcess(executable: TestPaths.worker))
        let fresh = DifferentialTest(sandbox: sandbox, seedSource: sandbox.seedSource, inputs: 120)
        for p in try store.promotions(run: summary.run) {
            let source = try #require(try store.source(p.sha256))
            var rng = SplitMix64(seed: UInt64(p.number))
            #expect(try evaluator.validate(source, rng: &rng).verdict == .passed)
            #expect(try fresh.disagreement(source, candidateIndex: p.number, runSeed: 0xF00D, evaluator: evaluator) == nil, "promotion \(p.number)")
        }
        // The lineage, diff and replay agree with the journal.
        #expect(try service.lineage(summary.run).count == summary.promotions + 1)
        #expect(try service.diff(summary.run, from: nil, to: nil, color: false).contains("+++ \(summary.run)/\(summary.promotions).c"))
        let replay = try service.replay(summary.run, remeasure: false)
        #expect(replay.identical, "\(String(describing: replay.firstDivergence))")
        #expect(replay.candidatesChecked == 64)
    }
}
