import Foundation
import RunStore

extension EvolutionService {
    /// What `evolver report` shows about run `id`, read from the store (the seed's hash from its sandbox).
    /// - Parameter probabilities: each arm's selection probability (default: the run's policy as
    ///   its journal leaves it, when it has one).
    /// - Throws: ``RunStoreError/unknownRun(_:)``, or an ``EvolverError`` when the run's sandbox cannot be loaded.
    public func reportInput(_ id: String, probabilities: [String: Double]? = nil) throws -> RunReportInput {
        let run = try store.run(id)
        let candidates = try store.candidates(run: id)
        let policy = try store.policy(run: id)
        let seed = try seedSHA256(run)
        let promotions = try store.promotions(run: id)
        var sources: [String: String] = [:]
        for sha in [seed] + promotions.map(\.sha256) where sources[sha] == nil {
            sources[sha] = try store.source(sha)
        }
        let learned = try probabilities == nil ? Self.policy(of: run, record: policy, candidates: candidates) : nil
        return RunReportInput(
            run: run, seedSHA256: seed, candidates: candidates, promotions: promotions, sources: sources,
            policy: policy, scorerEvents: try store.scorerEvents(),
            probabilities: probabilities ?? learned.map { Dictionary(uniqueKeysWithValues: zip($0.arms, $0.probabilities())) })
    }
}
