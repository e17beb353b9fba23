import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

/// A whole edit list described from the seed, each edit against the unit it was applied to.
@Suite struct EditTraceTests {
    static let scratch = KernelFacts(scratchParameters: ["scratch"])

    /// The score seed's graft of the quick-sort donor, then the selection of the differences' sort.
    static func graftThenSelect() throws -> (TranslationUnit, [Edit]) {
        let seed = try T.parse(Seeds.score)
        let quick = try #require(DonorLibrary.donors.firstIndex { $0.name == "quick_sort" })
        let graft = try #require(try T.op("graft").proposals(in: seed).first { $0.params == ["donor": quick] })
        let grafted = try T.op("graft").apply(graft, to: seed)
        let select = try #require(try T.op("sort-to-selection").proposals(in: grafted, facts: scratch).first)
        return (seed, [graft, select])
    }

    @Test func eachEditIsDescribedAgainstItsOwnParent() throws {
        let (seed, edits) = try Self.graftThenSelect()
        let trace = EditTrace(edits, from: seed, facts: Self.scratch)
        #expect(trace.steps.map(\.description.text) == [
            "graft donor `evs_quick_sort_i64` in place of `heap_sort` (line 22)",
            "replace the sort `heap_sort(diff, nm);` at line 137 by a selection of the positions read after it (`evs_select_range_i64`)",
        ])
        #expect(trace.steps[1].before == trace.steps[0].after)
        #expect(trace.result == (try MutationRegistry.apply(edits, to: seed, facts: Self.scratch)))
    }

    @Test func anEditThatNoLongerAppliesIsSaidSoAndTheRestAreNotApplied() throws {
        let (seed, edits) = try Self.graftThenSelect()
        // Without the graft the sort is not a donor's, so the selection does not apply.
        let trace = EditTrace([edits[1], edits[0]], from: seed, facts: Self.scratch)
        #expect(trace.steps[0].description.text.hasPrefix("sort-to-selection no longer applies: "))
        #expect(trace.steps[0].after == nil && trace.steps[0].description.lines == nil)
        #expect(trace.steps[1].description.text == "graft, not applied: an edit before it no longer applies")
        #expect(trace.result == nil)
    }

    @Test func extendingATraceDescribesTheNewEditsAsAWholeTraceWould() throws {
        let (seed, edits) = try Self.graftThenSelect()
        let whole = EditTrace(edits, from: seed, facts: Self.scratch)
        let extended = EditTrace([edits[0]], from: seed, facts: Self.scratch).extended(with: [edits[1]], facts: Self.scratch)
        #expect(extended.steps.map(\.description) == whole.steps.map(\.description))
        #expect(extended.result == whole.result)
    }

    @Test func anEmptyListIsTheSeed() throws {
        let seed = try T.parse(Seeds.score)
        #expect(EditTrace([], from: seed).result == seed)
    }
}
