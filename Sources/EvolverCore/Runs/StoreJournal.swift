import Foundation
import RunStore

/// Writes each generation of a run to the store in one durable transaction: candidate sources
/// (content-addressed), candidate records, the promotion, and the checkpoint.
final class StoreJournal: RunJournal {
    let store: RunStore
    let runID: String

    init(store: RunStore, runID: String) {
        self.store = store
        self.runID = runID
    }

    func record(_ generation: GenerationRecord) throws {
        var sources: [String: String] = [:]
        for c in generation.candidates { sources[c.sha256] = c.source }
        sources[generation.state.scoringKernelSHA256] = generation.state.scoringKernelSource
        try store.putSources(sources)
        let state = try JSONEncoder().encode(generation.state)
        try store.commit(
            candidates: generation.candidates.map { $0.record(run: runID) },
            promotions: generation.promotion.map { [$0.record(run: runID)] } ?? [],
            checkpoint: Checkpoint(runID: runID, candidateCount: generation.state.candidateCount, state: state),
            learned: generation.learned.map { (runID, $0) },
            proposals: generation.proposals.map { var p = $0; p.runID = runID; return p })
    }

    func checkpoint(_ state: SearchState) throws {
        try store.putSource(state.scoringKernelSource, sha256: state.scoringKernelSHA256)
        try store.commit(candidates: [], promotions: [],
                         checkpoint: Checkpoint(runID: runID, candidateCount: state.candidateCount, state: try JSONEncoder().encode(state)))
    }
}
