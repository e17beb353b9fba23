import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Every operator's edits described in words: the code they touched and its line in the parent's
/// printed source, on real proposals.
@Suite struct EditDescriptionTests {
    /// One described proposal: the operator, the kernel, which proposal (the first whose site
    /// prints as `at`, with `params`), and the description expected.
    struct Case: CustomStringConvertible, Sendable {
        var op: String
        var source: String
        var at: String?
        var params: [String: Int]?
        var facts: KernelFacts = .none
        var expected: String
        var lines: ClosedRange<Int>
        var description: String { op }
    }

    /// Two counted loops over `a`.
    static let loops = """
        long long run(int *a, int n) {
            long long s = 0;
            int i;
            int m = n * 2;
            for (i = 0; i < n; i++) {
                s = s + a[i];
            }
            for (i = 0; i < n; i++) {
                a[i] = a[i] * 2;
                s += i * m;
            }
            return s + m;
        }
        """

    /// One loop with a branch and local rewrites.
    static let branches = """
        int run(int *a, int n) {
            int i;
            int t = 0;
            for (i = 0; i < n; i++) {
                t = t + a[i] * a[i] + (n - 1);
                if (a[i] > t) {
                    t = a[i];
                }
                t = t + i * 4;
            }
            return t;
        }
        """

    /// Straight-line code.
    static let straight = """
        int run(int *a, int n) {
            int x = 0;
            int y = 0;
            int c = 0;
            x = n * 3 + 1;
            y = n * 3 - 1;
            if (x > y) {
                c += 2;
            }
            return x + y + c;
        }
        """

    /// A helper called twice and two loops with the same header.
    static let helper = """
        static int max2(int x, int y) {
            return x > y ? x : y;
        }

        int run(int *a, int *b, int n) {
            int i;
            int s = 0;
            int t = 0;
            for (i = 0; i < n; i++) {
                s += a[i];
            }
            for (i = 0; i < n; i++) {
                t += b[i];
            }
            s = max2(s, t);
            s = max2(s, n);
            s = s > 0 ? s : 0;
            return s;
        }
        """

    /// A floating-point sum.
    static let floatSum = """
        double run(const double *a, int n) {
            double s = 0;
            int i;
            for (i = 0; i < n; i++) {
                s += a[i];
            }
            return s;
        }
        """

    static let scratch = KernelFacts(scratchParameters: ["scratch"])
    static let quick = DonorLibrary.donors.firstIndex { $0.name == "quick_sort" }!
    static let loop = "for (i = 0; i < n; i++) {"

    static let cases: [Case] = [
        Case(op: "loop-unroll", source: loops, at: loop, params: ["factor": 8],
             expected: "unroll `for (i = 0; i < n; i++)` at line 5 by 8", lines: 5...7),
        Case(op: "split-accumulator", source: loops, at: loop, params: ["accumulator": 0, "ways": 4],
             expected: "split the sum `s` of `for (i = 0; i < n; i++)` at line 5 into 4 accumulators", lines: 5...7),
        Case(op: "split-float-accumulator", source: floatSum, at: loop, params: ["accumulator": 0, "ways": 2],
             expected: "split the floating-point sum `s` of `for (i = 0; i < n; i++)` at line 4 into 2 accumulators", lines: 4...6),
        Case(op: "loop-fission", source: loops, at: loop, params: ["at": 1],
             expected: "split `for (i = 0; i < n; i++)` at line 8 in two before `s += i * m;` (line 10)", lines: 8...11),
        Case(op: "loop-fusion", source: helper, at: loop,
             expected: "fuse `for (i = 0; i < n; i++)` at line 9 with the same loop at line 12", lines: 9...14),
        Case(op: "pointer-walk", source: loops, at: loop, params: ["base": 0],
             expected: "walk `a` with a pointer in `for (i = 0; i < n; i++)` at line 5", lines: 5...7),
        Case(op: "induction-variable", source: loops, at: "i * m",
             expected: "make `i * m` (line 10) an induction variable of `for (i = 0; i < n; i++)` at line 8", lines: 8...11),
        Case(op: "licm", source: branches, at: "n - 1",
             expected: "hoist `n - 1` (line 5) out of `for (i = 0; i < n; i++)` at line 4", lines: 4...5),
        Case(op: "cse", source: straight, at: "n * 3",
             expected: "compute `n * 3` once in a local for its uses at lines 5–6", lines: 5...6),
        Case(op: "scalar-replace", source: branches, at: "a[i]",
             expected: "keep `a[i]` in a local in `run`, lines 5–6", lines: 5...8),
        Case(op: "inline-call", source: helper, at: "max2(s, t)", params: ["form": 0],
             expected: "inline `max2(s, t)` at line 15", lines: 15...15),
        Case(op: "strength-reduce", source: branches, at: "i * 4",
             expected: "replace `i * 4` by `i << 2` in `t = t + i * 4;` at line 9", lines: 9...9),
        Case(op: "if-to-select", source: branches, at: "if (a[i] > t) {",
             expected: "turn `if (a[i] > t)` at line 6 into `t = a[i] > t ? a[i] : t;`", lines: 6...8),
        Case(op: "select-to-if", source: helper, at: "s = s > 0 ? s : 0;",
             expected: "turn `s = s > 0 ? s : 0;` at line 17 into an `if`", lines: 17...17),
        Case(op: "compound-assign", source: branches, at: "t = t + i * 4",
             expected: "rewrite `t = t + i * 4` as `t += i * 4` at line 9", lines: 9...9),
        Case(op: "swap-independent", source: straight, at: "x = n * 3 + 1;",
             expected: "swap the independent `x = n * 3 + 1;` and `y = n * 3 - 1;` at lines 5–6", lines: 5...6),
        Case(op: "constant-tweak", source: branches, at: "4", params: ["change": 0],
             expected: "change `4` to `5` in `t = t + i * 4;` at line 9", lines: 9...9),
        Case(op: "operator-replace", source: branches, at: "t + i * 4", params: ["to": BinaryOperator.allCases.firstIndex(of: .subtract)!],
             expected: "replace `+` by `-` in `t = t + i * 4;` at line 9", lines: 9...9),
        Case(op: "statement-delete", source: branches, at: "t = t + i * 4;",
             expected: "delete `t = t + i * 4;` at line 9", lines: 9...9),
        Case(op: "statement-duplicate", source: branches, at: "if (a[i] > t) {",
             expected: "duplicate `if (a[i] > t)` at line 6", lines: 6...8),
        Case(op: "statement-swap", source: branches, at: "if (a[i] > t) {",
             expected: "swap `if (a[i] > t)` and `t = t + i * 4;` at lines 6–9", lines: 6...9),
        Case(op: "if-to-arithmetic", source: straight, at: "if (x > y) {",
             expected: "replace the branch `if (x > y)` at line 7 by `c = c + (x > y) * 2;`", lines: 7...9),
        Case(op: "graft", source: Seeds.score, params: ["donor": quick],
             expected: "graft donor `evs_quick_sort_i64` in place of `heap_sort` (line 22)", lines: 22...34),
        Case(op: "sort-to-selection", source: Seeds.scoreGrafted, at: "heap_sort(diff, nm);", facts: scratch,
             expected: "replace the sort `heap_sort(diff, nm);` at line 137 by a selection of the positions read after it (`evs_select_range_i64`)",
             lines: 137...137),
        Case(op: "inline-helper", source: helper,
             expected: "inline `max2` at its 2 calls (lines 15–16)", lines: 15...16),
        Case(op: "graft-selection", source: Seeds.score, at: "heap_sort(diff, nm);", facts: scratch,
             expected: "graft the selection donor `evs_select_range_i64` in place of the sort `heap_sort(diff, nm);` at line 78", lines: 78...78),
    ]

    /// The proposal a case names, with its parent unit.
    static func proposal(_ c: Case) throws -> (Edit, TranslationUnit) {
        let unit = try T.parse(c.source)
        let edits = try T.op(c.op).proposals(in: unit, facts: c.facts).filter { edit in
            (c.at.map { T.node(at: edit.site, in: unit, is: $0) } ?? true) && (c.params.map { edit.params == $0 } ?? true)
        }
        let edit = try #require(edits.first, "no \(c.op) proposal at \(c.at ?? "any site") with \(c.params ?? [:])")
        return (edit, unit)
    }

    @Test(arguments: cases)
    func theDescriptionNamesTheCodeAndItsLine(_ c: Case) throws {
        let (edit, unit) = try Self.proposal(c)
        let description = EditDescriber.describe(edit, in: unit, facts: c.facts)
        #expect(description.text == c.expected)
        #expect(description.lines == c.lines)
        let printed = CPrinter.print(unit).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(description.lines?.lowerBound)
        #expect(!printed[first - 1].trimmingCharacters(in: .whitespaces).isEmpty, "the edit starts on a line of code")
    }

    @Test func everyOperatorIsDescribedAndHasACase() {
        for op in MutationRegistry.operators {
            #expect(op is any EditDescribing, "\(op.name) has no description of its own")
            #expect(Self.cases.contains { $0.op == op.name }, "\(op.name) has no description test")
        }
    }

    @Test func theScoreSeedsLoadIsKeptInALocalOfSiftDown() throws {
        let unit = try T.parse(Seeds.score)
        let edit = try #require(try T.proposals("scalar-replace", Seeds.score, at: "x[i]").first)
        #expect(EditDescriber.describe(edit, in: unit).text == "keep `x[i]` in a local in `sift_down`, lines 12–15")
        let printed = CPrinter.printWithLines(unit)
        #expect(printed.text(ofLine: 12)?.contains("if (x[i] >= x[child]) {") == true)
    }

    @Test func longCodeIsCutToOneLine() throws {
        let source = """
            int run(int *a, int n) {
                int s = 0;
                s = a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7] + a[8] + a[9] + a[10];
                return s;
            }
            """
        let unit = try T.parse(source)
        let edit = try #require(try T.proposals("statement-delete", source).first)
        let text = EditDescriber.describe(edit, in: unit).text
        #expect(text == "delete `s = a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7] +…` at line 3")
    }

    @Test(arguments: Corpus.all)
    func everyProposalOfTheCorpusIsDescribedWithALineAndNoPath(_ kernel: Kernel) throws {
        let unit = try T.parse(kernel.source)
        let lineCount = CPrinter.print(unit).split(separator: "\n", omittingEmptySubsequences: false).count
        for edit in MutationRegistry.proposals(in: unit) {
            let description = EditDescriber.describe(edit, in: unit)
            #expect(description.text.contains("line"), "\(edit): \(description.text)")
            #expect(!description.text.contains("/0"), "\(edit): \(description.text)")
            let lines = try #require(description.lines, "\(edit)")
            #expect(lines.lowerBound >= 1 && lines.upperBound <= lineCount, "\(edit): \(lines)")
        }
    }

    @Test(arguments: [helper, Corpus.switchMachine.source, Corpus.loopForms.source])
    func anEditAtAnyNodeIsDescribedWithoutCrashing(_ source: String) throws {
        let unit = try T.parse(source)
        let printed = CPrinter.printWithLines(unit)
        for op in MutationRegistry.operators {
            let params = op.proposals(in: unit).first?.params ?? [:]
            for entry in unit.allNodes() {
                let description = EditDescriber.describe(Edit(op: op.name, site: entry.path, params: params), in: unit, printed: printed)
                #expect(!description.text.isEmpty)
            }
        }
    }

    @Test func anEditWithoutANodeIsDescribedAsSuch() throws {
        let unit = try T.parse(Self.loops)
        let description = EditDescriber.describe(Edit(op: "loop-unroll", site: [7, 0, 3], params: ["factor": 2]), in: unit)
        #expect(description.text == "loop-unroll at a place its kernel does not have" && description.lines == nil)
        #expect(EditDescriber.describe(Edit(op: "no-such-op", site: [0]), in: unit).text == "an edit of unknown operator `no-such-op`")
    }
}
