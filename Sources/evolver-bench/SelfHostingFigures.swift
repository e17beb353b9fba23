import EvolverCore
import Foundation
import RunStore

/// The self-hosting figures of `make bench`: how much faster the adopted judge is, how long the
/// adoption guard takes on a store with thousands of journaled comparisons, what share of a corpus
/// of subtly wrong scorers it refuses, and what comparisons cost the run with each judge.
struct SelfHostingFigures {
    let evolution: EvolutionFigures
    /// The corpus of subtly wrong scorers (kept with the tests).
    let corpus: URL

    func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    mutating func add(to figures: inout BenchFigures, runSeconds: Double) throws {
        let (svc, summary) = try evolution.run("score", seed: 11, seconds: runSeconds)
        let status = try svc.judgeStatus()
        let judge = try svc.judgeSandbox()
        let adoptions = status.history.filter { $0.kind == .adopted }.count
        let runNote = "\(summary.candidates) candidates, \(summary.promotions) promotions, \(adoptions) adopted, \(Int(runSeconds)) s run"

        // 1. The adopted judge against the seed scorer, measured again in fresh children.
        if status.active.isSeed {
            figures.add("scoring_speedup_adopted", 1, goal: ">= 2", note: "nothing adopted: the seed judges (\(runNote))")
        } else {
            let adopted = try require(try svc.store.source(status.active.sha256))
            let evaluator = try KernelEvaluator(sandbox: judge, worker: WorkerProcess(executable: evolution.workerPath))
            let seedScorer = try ScoringKernel(scoreSandbox: judge)
            let a = try evaluator.benchmark(incumbent: judge.seedSource, candidate: adopted, inputSeed: 0x5E1F)
            let b = try evaluator.benchmark(incumbent: adopted, candidate: judge.seedSource, inputSeed: 0x5E2F)
            let s1 = try seedScorer.compare(incumbent: a.incumbentSamples, candidate: a.candidateSamples).speedup
            let s2 = try seedScorer.compare(incumbent: b.incumbentSamples, candidate: b.candidateSamples).speedup
            figures.add("scoring_speedup_adopted", (s1 / s2).squareRoot(), goal: ">= 2",
                        note: "judge \(status.active.sha256.prefix(12)) from \(status.active.origin); \(runNote)")
        }

        // 2. The guard's wall time on this store, for the adopted judge (or the seed) offered again.
        let offered = status.active.isSeed ? judge.seedSource : try require(try svc.store.source(status.active.sha256))
        let comparisons = try svc.store.recentEvidence(limit: 1 << 20).reduce(0) { $0 + $1.measuredBenchmarks.count }
        let outcome = try svc.offer(offered, origin: .file("bench"), inputSeed: 0x6A4D, clock: clock)
        let e = try require(outcome.event.evidence)
        figures.add("guard_seconds", e.seconds, goal: "<= 5",
                    note: "\(outcome.adopted ? "passed" : "refused"): suite \(e.suitePassed)/\(e.suiteTotal), contract inputs \(e.differentialPassed)/\(e.differentialTotal), journaled comparisons \(e.refereeAgreed)/\(e.refereePairs) of \(comparisons) in the store")

        // 3. The corpus of subtly wrong scorers, each offered to the guard on this store.
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".c") }.sorted()
        var refused = 0
        var adoptedNames: [String] = []
        for (k, name) in names.enumerated() {
            let source = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            let o = try svc.offer(source, origin: .file(name), inputSeed: 0x7000 + UInt64(k), clock: clock)
            if o.adopted {
                adoptedNames.append(name)
                try svc.revert(to: offered == judge.seedSource ? "seed" : status.active.sha256)
            } else {
                refused += 1
            }
        }
        figures.add("guard_refusals", names.isEmpty ? 0 : Double(refused) / Double(names.count), goal: "1.0",
                    note: "\(refused) of \(names.count) subtly wrong scorers refused" + (adoptedNames.isEmpty ? "" : "; adopted: \(adoptedNames.joined(separator: ", "))"))

        // 4. Comparison time per candidate in that run, by the judge that compared it.
        let seedSHA = Hashing.sha256Hex(judge.seedSource)
        let measured = try svc.store.candidates(run: summary.run).filter { $0.stage != .cheap && $0.compareNs > 0 }
        let bySeed = measured.filter { $0.scoringKernelSHA256 == seedSHA }, byAdopted = measured.filter { $0.scoringKernelSHA256 != seedSHA }
        func mean(_ c: [CandidateRecord]) -> Double { c.isEmpty ? 0 : Double(c.reduce(0) { $0 + $1.compareNs }) / Double(c.count) }
        if bySeed.isEmpty || byAdopted.isEmpty {
            figures.add("evolver_compare_cost_ratio", 1, goal: "report", note: "one judge only in the run (\(bySeed.count) candidates by the seed, \(byAdopted.count) by an adopted judge)")
        } else {
            figures.add("evolver_compare_cost_ratio", mean(byAdopted) / mean(bySeed), goal: "report",
                        note: String(format: "adopted judge %.1f µs vs seed %.1f µs per compared candidate (%d and %d candidates; decisive comparisons also run the seed as shadow)",
                                     mean(byAdopted) / 1e3, mean(bySeed) / 1e3, byAdopted.count, bySeed.count))
        }
    }
}

struct MissingValue: Error {}

/// The value, or an error (the figure cannot be measured).
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
