import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

/// Inlining a helper at every call site in one edit.
@Suite struct InlineHelperTests {
    @Test func everyCallOfTheSmithWatermanMaxIsInlined() throws {
        let unit = try T.parse(Seeds.smithWaterman)
        let edits = try T.op("inline-helper").proposals(in: unit)
        #expect(edits.count == 1)
        let out = CPrinter.print(try T.op("inline-helper").apply(try #require(edits.first), to: unit))
        #expect(!out.contains("max2(h") && !out.contains("= max2("), "\(out)")
        #expect(out.contains("static int max2("), "the definition stays")
        let outcome = try Behaviour.compare(TestKernels.smithWaterman, original: unit, variants: [try T.parse(out)])
        #expect(outcome.differences == [[]])
    }

    @Test func aHelperCalledOnceOrRecursivelyIsLeftToInlineCall() throws {
        let once = """
            static int sq(int x) {
                return x * x;
            }

            int run(int *a, int n) {
                return sq(n);
            }
            """
        #expect(try T.proposals("inline-helper", once).isEmpty)
        let recursive = """
            static int f(int x) {
                return x < 1 ? 0 : f(x - 1);
            }

            int run(int *a, int n) {
                return f(n) + f(1);
            }
            """
        #expect(try T.proposals("inline-helper", recursive).isEmpty)
    }

    @Test func aCallThatCannotBeInlinedRefusesTheWholeEdit() throws {
        let source = """
            static int bump(int *p) {
                return *p + 1;
            }

            int run(int *a, int n) {
                int s = bump(a);
                s = s + bump(a + n++);
                return s;
            }
            """
        #expect(try T.proposals("inline-helper", source).isEmpty, "the second call's argument has a side effect")
    }
}
