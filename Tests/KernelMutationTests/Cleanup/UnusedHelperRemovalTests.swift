import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct UnusedHelperRemovalTests {
    @Test func removesHelpersNoLongerReachedAndTheirPrototypes() throws {
        let (text, steps) = try Clean.run("""
            static int twice(int v);
            static int dead_leaf(int v);

            static int twice(int v) {
                return v * 2;
            }

            static int dead_leaf(int v) {
                return v - 1;
            }

            static int dead_root(int v) {
                return dead_leaf(v) + dead_root(v - 1);
            }

            static int used_leaf(int v) {
                return v + 1;
            }

            static int used_middle(int v) {
                return used_leaf(v) * 3;
            }

            long long run(int *a, int n) {
                return twice(n) + used_middle(a[0]);
            }
            """)
        #expect(T.same(text, """
            static int twice(int v);

            static int twice(int v) {
                return v * 2;
            }

            static int used_leaf(int v) {
                return v + 1;
            }

            static int used_middle(int v) {
                return used_leaf(v) * 3;
            }

            long long run(int *a, int n) {
                return twice(n) + used_middle(a[0]);
            }
            """), "\(text)")
        #expect(steps == ["removed unused static helper `dead_leaf`", "removed unused static helper `dead_root`"])
    }

    @Test func keepsFunctionsWithExternalLinkageAndWhatTheyCall() throws {
        #expect(try Clean.keeps("""
            static int leaf(int v) {
                return v + 1;
            }

            int exported(int v) {
                return leaf(v);
            }

            long long run(int *a, int n) {
                return n;
            }
            """))
    }

    /// A name mentioned only inside `sizeof` or a table is still a use: the kernel must compile.
    @Test func keepsHelpersMentionedInUnevaluatedCodeOrTables() throws {
        #expect(try Clean.keeps("""
            static int width(int v) {
                return v;
            }

            static int pick(int v) {
                return v;
            }

            static const int sizes[2] = {sizeof(pick(1)), 4};

            long long run(int *a, int n) {
                return sizeof(width(n)) + sizes[n & 1];
            }
            """))
    }

    @Test func doesNothingWhenTheEntryIsNotDefined() throws {
        let source = """
            static int helper(int v) {
                return v;
            }

            long long run(int *a, int n) {
                return n;
            }
            """
        #expect(try Clean.keeps(source, entry: "score"))
        #expect(try Clean.run(source).steps == ["removed unused static helper `helper`"])
    }
}
