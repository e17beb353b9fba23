import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// A full sort read only at a few positions becomes a selection, where the rest of the sorted
/// buffer is provably nobody's business.
@Suite struct SortToSelectionTests {
    static let scratch = KernelFacts(scratchParameters: ["scratch"])

    /// The score seed with its heapsort grafted by the quick-sort donor.
    static func grafted() throws -> TranslationUnit {
        let unit = try T.parse(Seeds.score)
        let quick = try #require(DonorLibrary.donors.firstIndex { $0.name == "quick_sort" })
        let edit = try #require(try T.op("graft").proposals(in: unit).first { $0.params == ["donor": quick] })
        return try T.op("graft").apply(edit, to: unit)
    }

    func selections(_ unit: TranslationUnit, facts: KernelFacts = scratch) throws -> [Edit] {
        try T.op("sort-to-selection").proposals(in: unit, facts: facts)
    }

    @Test func theDifferencesSortIsTheOnlyOneBecomingASelection() throws {
        let unit = try Self.grafted()
        let edits = try selections(unit)
        #expect(edits.count == 1, "\(edits)")
        let edit = try #require(edits.first)
        #expect(T.node(at: edit.site, in: unit, is: "heap_sort(diff, nm);"))
        let out = CPrinter.print(try T.op("sort-to-selection").apply(edit, to: unit, facts: Self.scratch))
        #expect(out.contains("evs_select_range_i64(diff, nm, nm / 2 < (nm - 1) / 2 ? nm / 2 : (nm - 1) / 2, nm / 2 > (nm - 1) / 2 ? nm / 2 : (nm - 1) / 2);"), "\(out)")
        #expect(out.contains("heap_sort(sa, n);") && out.contains("heap_sort(sb, m);"), "the medians' sorts stay")
    }

    @Test func theSelectionBehavesLikeTheSeed() throws {
        let seed = try T.parse(Seeds.score)
        let unit = try Self.grafted()
        let edit = try #require(try selections(unit).first)
        let selected = try T.op("sort-to-selection").apply(edit, to: unit, facts: Self.scratch)
        let outcome = try Behaviour.compare(TestKernels.score, original: seed, variants: [selected])
        #expect(outcome.differences == [[]])
    }

    @Test func withoutTheHarnessFactsNothingIsProposed() throws {
        #expect(try selections(Self.grafted(), facts: .none).isEmpty)
        #expect(try selections(Self.grafted(), facts: KernelFacts(scratchParameters: ["out"])).isEmpty)
    }

    @Test func aSortNotKnownToBeOneIsNotRewritten() throws {
        #expect(try selections(T.parse(Seeds.score)).isEmpty, "the seed's own heapsort is not a donor")
    }

    /// The grafted seed with its last lines (after the differences' sort) replaced.
    static func withTail(_ tail: String) throws -> String {
        let source = CPrinter.print(try grafted())
        let cut = try #require(source.range(of: "    heap_sort(diff, nm);\n"))
        return String(source[..<cut.upperBound]) + tail + "\n    return 0;\n}\n"
    }

    @Test(arguments: [
        ("a loop over every sorted value", "    for (i = 0; i < nm; i++) {\n        u2 = u2 + diff[i];\n    }\n    out[0] = u2;"),
        ("a read through the scratch parameter itself", "    out[0] = scratch[n + m];\n    out[3] = diff[0];"),
        ("a read that may overlap the sorted range", "    out[0] = sb[m];\n    out[3] = diff[0];"),
        ("a read at an index not proved in range", "    out[0] = sa[u2];\n    out[3] = diff[0];"),
        ("the sorted buffer handed to a call", "    sift_down(diff, 0, nm);\n    out[0] = diff[0];"),
        ("a position changed after the sort", "    nm = nm - 1;\n    out[0] = diff[nm];"),
        ("a store into the scratch buffer", "    sa[0] = 1;\n    out[0] = diff[0];"),
    ])
    func readsThatMaySeeTheRestAreRefused(_ what: String, _ tail: String) throws {
        #expect(try selections(T.parse(try Self.withTail(tail))).isEmpty, "\(what)")
        // The same tail without the offending line is accepted (so the refusal is for that line).
        let harmless = "    out[3] = diff[0];"
        #expect(try selections(T.parse(try Self.withTail(harmless))).count == 1)
    }

    @Test func readsProvedOutsideTheSortedRangeAreAllowed() throws {
        let tail = "    out[0] = diff[0] + diff[nm - 1];\n    out[1] = sa[n - 1] + sb[(m - 1) / 2] + a[7];\n    out[2] = 0;\n    out[3] = 0;"
        let unit = try T.parse(try Self.withTail(tail))
        let edits = try selections(unit)
        #expect(edits.count == 1, "\(CPrinter.print(unit))")
        let out = CPrinter.print(try T.op("sort-to-selection").apply(try #require(edits.first), to: unit, facts: Self.scratch))
        #expect(out.contains("evs_select_range_i64(diff, nm, nm - 1 < 0 ? nm - 1 : 0, nm - 1 > 0 ? nm - 1 : 0);"), "\(out)")
    }
}

/// The selection grafted in one edit at a call of a helper shaped like an in-place sort.
@Suite struct GraftSelectionTests {
    @Test func theSeedsDifferencesSortBecomesASelectionInOneEditAndBehavesTheSame() throws {
        let seed = try T.parse(Seeds.score)
        let op = try T.op("graft-selection")
        let edits = op.proposals(in: seed, facts: SortToSelectionTests.scratch)
        #expect(edits.count == 1, "\(edits)")
        let edit = try #require(edits.first)
        #expect(T.node(at: edit.site, in: seed, is: "heap_sort(diff, nm);"))
        let out = try op.apply(edit, to: seed, facts: SortToSelectionTests.scratch)
        #expect(CPrinter.print(out).contains("evs_select_range_i64(diff, nm,"))
        #expect(try Behaviour.compare(TestKernels.score, original: seed, variants: [out]).differences == [[]])
        #expect(op.proposals(in: seed, facts: .none).isEmpty, "without the harness's facts nothing")
    }

    @Test func aDonorSortIsLeftToTheSemanticsPreservingRewrite() throws {
        #expect(try T.op("graft-selection").proposals(in: SortToSelectionTests.grafted(), facts: SortToSelectionTests.scratch).isEmpty)
    }
}
