import Foundation
import RunStore

extension EvolutionService {
    /// What `evolver report` shows about run `id`, read from the store (the seed's hash from its sandbox).
    /// - Parameter probabilities: each arm's selection probability, when the caller knows them.
    /// - Throws: ``RunStoreError/unknownRun(_:)``, or an ``EvolverError`` when the run's sandbox cannot be loaded.
    public func reportInput(_ id: String, probabilities: [String: Double]? = nil) throws -> RunReportInput {
        let run = try store.run(id)
        let seed = try seedSHA256(run)
        let promotions = try store.promotions(run: id)
        var sources: [String: String] = [:]
        for sha in [seed] + promotions.map(\.sha256) where sources[sha] == nil {
            sources[sha] = try store.source(sha)
        }
        return RunReportInput(
            run: run, seedSHA256: seed, candidates: try store.candidates(run: id), promotions: promotions, sources: sources,
            policy: try store.policy(run: id), scorerEvents: try store.scorerEvents(), probabilities: probabilities)
    }
}
