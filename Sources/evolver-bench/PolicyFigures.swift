import EvolverCore
import Foundation
import RunStore

/// The meta-learning figures of `make bench`: how many candidates a run needs to reach a target
/// speedup with the policy earlier runs taught, against the uniform draw, median over seeds.
struct PolicyFigures {
    let evolution: EvolutionFigures

    /// One comparison's result: candidates each evaluation seed needed (nil: not reached within the cap).
    struct Comparison {
        var uniform: [Int?] = []
        var learned: [CreditScheme: [Int?]] = [:]
        var caps: [Int] = []
        var learnedFrom: [String] = []
    }

    /// Candidates a run evaluated until the promotion that reached `target` (nil if none did).
    func candidatesToReach(_ target: Double, _ svc: EvolutionService, _ summary: RunSummary) throws -> Int? {
        try svc.store.promotions(run: summary.run).first { $0.speedupVsSeed >= target }.map { $0.candidateIndex + 1 }
    }

    /// Trains a store with `training` runs (each learning from the ones before), then runs every
    /// evaluation seed once uniform (in a fresh store) and once per credit scheme (in a copy of the
    /// trained store), each until `target` or `capSeconds`.
    func compare(_ sandbox: String, target: Double, trainingSeeds: [UInt64], trainingSeconds: Double, seeds: [UInt64], capSeconds: Double) throws -> Comparison {
        let trained = try evolution.service(sandbox)
        var result = Comparison()
        for seed in trainingSeeds {
            var options = EvolutionOptions.defaults(seed: seed, jobs: 2)
            options.timeLimit = trainingSeconds
            let s = try trained.start(sandbox: sandbox, options: options, clock: evolution.clock, shouldStop: { false }, progress: { _ in })
            result.learnedFrom.append(s.run)
        }
        for seed in seeds {
            func run(_ svc: EvolutionService, _ policy: PolicySettings) throws -> (Int?, Int) {
                var options = EvolutionOptions.defaults(seed: seed, jobs: 2)
                options.timeLimit = capSeconds
                options.targetSpeedup = target
                options.policy = policy
                let s = try svc.start(sandbox: sandbox, options: options, clock: evolution.clock, shouldStop: { false }, progress: { _ in })
                return (try candidatesToReach(target, svc, s), s.candidates)
            }
            let (uniform, cap) = try run(try evolution.service(sandbox), PolicySettings(mode: .uniform))
            result.uniform.append(uniform)
            result.caps.append(cap)
            for credit in CreditScheme.allCases {
                let copy = evolution.scratch.appendingPathComponent("store-\(sandbox)-trained-\(seed)-\(credit.rawValue)")
                try trained.store.copy(to: copy)
                let svc = EvolutionService(store: try RunStore(directory: copy), catalog: evolution.catalog, workerPath: evolution.workerPath)
                result.learned[credit, default: []].append(try run(svc, PolicySettings(mode: .learned, credit: credit)).0)
            }
        }
        return result
    }

    /// Adds `figure` (uniform / learned with the standard credit, medians) and a note with every seed's counts.
    func add(_ figure: String, goal: String, _ c: Comparison, target: Double, to figures: inout BenchFigures) {
        // A run that never reached the target counts as the candidates it evaluated (at least that many were needed).
        func counts(_ xs: [Int?]) -> [Double] { zip(xs, c.caps).map { Double($0 ?? $1) } }
        func describe(_ xs: [Int?]) -> String { xs.map { $0.map(String.init) ?? "not reached" }.joined(separator: ", ") }
        let uniform = median(counts(c.uniform))
        let ratios = CreditScheme.allCases.map { credit in (credit, uniform / max(1, median(counts(c.learned[credit] ?? [])))) }
        let chosen = ratios.first { $0.0 == .standard }?.1 ?? 0
        let note = String(format: "candidates to %.1fx, median over %d seeds: uniform %.0f (%@)", target, c.uniform.count, uniform, describe(c.uniform))
            + ratios.map { credit, ratio in
                String(format: "; learned, %@ credit: %.0f (%@), gain %.2f", credit.rawValue, median(counts(c.learned[credit] ?? [])),
                       describe(c.learned[credit] ?? []), ratio)
            }.joined()
            + "; learned from \(c.learnedFrom.count) earlier runs on other seeds"
        figures.add(figure, chosen, goal: goal, note: note)
    }
}
