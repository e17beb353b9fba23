import KernelMutation
import Testing
@testable import EvolverCore

/// A replay that diverges on a candidate's edits says, in words, which edit differs.
struct ReplayDivergenceTests {
    @Test func aDivergenceOnEditsDescribesTheFirstThatDiffers() throws {
        let (seed, branch, load, _) = try LineageDescriptionTests.edits()
        let journal = ReplayJournal(recorded: [], promotions: [], base: EvolutionService.EditBase(seed: seed, facts: LineageDescriptionTests.facts))
        let branchText = LineageDescriptionTests.branchText, loadText = LineageDescriptionTests.loadText
        #expect(journal.explain(recorded: [branch.record], replayed: [load.record]) == "edit 1: recorded \(branchText); replayed \(loadText)")
        #expect(journal.explain(recorded: [branch.record], replayed: []) == "edit 1: recorded \(branchText); replayed none (0 edits)")
    }
}
