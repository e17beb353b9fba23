import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Grafting donors in place of helpers that have the shape of an in-place sort.
@Suite struct DonorGraftTests {
    static func helper(_ body: String, signature: String = "static void reorder(long long *x, int k)") -> String {
        """
        \(signature)
        {
            int i;
            long long t;
        \(body)
        }

        long long run(long long *a, int n) {
            reorder(a, n);
            return a[0] * 3 + a[n - 1];
        }
        """
    }

    static let bubble = """
            int j;
            for (i = 0; i < k; i++) {
                for (j = 0; j + 1 < k - i; j++) {
                    if (x[j] > x[j + 1]) {
                        t = x[j];
                        x[j] = x[j + 1];
                        x[j + 1] = t;
                    }
                }
            }
        """

    @Test func theSeedsHeapsortIsOfferedEverySortingDonorAndNothingElseIs() throws {
        let unit = try T.parse(Seeds.score)
        let edits = try T.op("graft").proposals(in: unit)
        let sorting = DonorLibrary.donors.filter { $0.job == "sort" }
        #expect(edits.count == sorting.count, "\(edits)")
        #expect(edits.allSatisfy { T.node(at: $0.site, in: unit, is: "") || unit.node(at: $0.site).map { node in
            if case .external(.function(let f)) = node { return f.name == "heap_sort" } else { return false } } == true })
        #expect(Set(edits.compactMap { $0.params["donor"] }.map { DonorLibrary.donors[$0].job }) == ["sort"])
    }

    @Test func everyGraftOfTheSeedBehavesLikeTheSeed() throws {
        let unit = try T.parse(Seeds.score)
        let op = try T.op("graft")
        let variants = try op.proposals(in: unit).map { try op.apply($0, to: unit) }
        let outcome = try Behaviour.compare(TestKernels.score, original: unit, variants: variants)
        for (edit, differences) in zip(try op.proposals(in: unit), outcome.differences) {
            #expect(differences.isEmpty, "\(DonorLibrary.donors[edit.params["donor"]!].name) differs on inputs \(differences)")
        }
    }

    @Test func theHelperKeepsItsNameAndCallsTheDonorDefinedBeforeIt() throws {
        let quick = try #require(DonorLibrary.donors.firstIndex { $0.name == "quick_sort" })
        let out = try T.apply("graft", Seeds.score) { $0.params == ["donor": quick] }
        #expect(out.contains("static void heap_sort(long long *x, int k) {\n    evs_quick_sort_i64(x, k);\n}"), "\(out)")
        let donor = try #require(out.range(of: "static void evs_quick_sort_i64("))
        let insertion = try #require(out.range(of: "static void evs_insertion_sort_i64("))
        let helper = try #require(out.range(of: "static void heap_sort("))
        #expect(insertion.lowerBound < donor.lowerBound && donor.lowerBound < helper.lowerBound)
        // A second graft offers the other donors, reusing the definitions already there.
        let again = try T.parse(out)
        let edits = try T.op("graft").proposals(in: again)
        #expect(!edits.contains { $0.params == ["donor": quick] })
        let merge = try #require(edits.first { DonorLibrary.donors[$0.params["donor"]!].name == "merge_sort" })
        let twice = CPrinter.print(try T.op("graft").apply(merge, to: again))
        #expect(twice.components(separatedBy: "static void evs_quick_sort_i64(").count == 2, "each donor defined once")
    }

    @Test func aBubbleSortHelperIsGraftedAndBehavesTheSame() throws {
        let source = Self.helper(Self.bubble)
        #expect(!(try T.proposals("graft", source)).isEmpty)
    }

    @Test(arguments: [
        ("a store of a computed value", "    for (i = 0; i < k; i++) {\n        x[i] = x[i] + 1;\n    }"),
        ("a carrier given a computed value", "    t = x[0];\n    t = t * 2;\n    x[1] = t;"),
        ("a compound store", "    x[0] += x[1];"),
        ("a constant stored", "    x[0] = 0;"),
        ("the pointer moved", "    x = x + 1;\n    t = x[0];\n    x[0] = t;"),
        ("an address taken", "    t = *(x + 1);\n    x[0] = t;"),
        ("an unknown call", "    memset(x, 0, k);"),
    ])
    func aHelperThatCanChangeValuesIsNotGrafted(_ what: String, _ body: String) throws {
        #expect(try T.proposals("graft", Self.helper(body)).isEmpty, "\(what)")
    }

    @Test func helpersOfOtherShapesAreNotGrafted() throws {
        let returns = Self.helper("    return;", signature: "static int reorder(long long *x, int k)")
        #expect(try T.proposals("graft", returns.replacingOccurrences(of: "return;", with: "return 0;")).isEmpty)
        let constInput = Self.helper("    t = x[0];", signature: "static void reorder(const long long *x, int k)")
        #expect(try T.proposals("graft", constInput).isEmpty)
        let exported = Self.helper(Self.bubble, signature: "void reorder(long long *x, int k)")
        #expect(try T.proposals("graft", exported).isEmpty, "only static helpers")
        let longs = Self.helper(Self.bubble, signature: "static void reorder(long *x, int k)").replacingOccurrences(of: "long long", with: "long")
        #expect(try T.proposals("graft", longs).isEmpty, "no donor for long")
    }
}

/// Recorded `graft` edits name donors by position: the catalogue's order only ever grows at the end.
@Test func theDonorOrderRecordedRunsRelyOnIsPinned() {
    let pinned = ["fill", "copy", "sift_down", "prefix_sum", "exclusive_prefix_sum", "lower_bound", "upper_bound", "gallop_lower_bound",
                  "select_range", "nth_element", "partial_sort", "insertion_sort", "shell_sort", "quick_sort", "heap_sort", "merge_sort", "radix_sort"]
    #expect(Array(DonorLibrary.donors.map(\.name).prefix(pinned.count)) == pinned)
}
