import KernelTestSupport
import Foundation
import Testing
@testable import KernelMutation

@Suite struct InlineCallTests {
    static func kernel(storage: String = "static ", call: String = "sq(a[i] + 1)") -> String {
        """
        \(storage)int sq(int x) {
            return x * x;
        }

        long long run(int *a, int n) {
            long long s = 0;
            for (int i = 0; i < n; i++) {
                s += \(call);
            }
            return s;
        }
        """
    }

    @Test func substitutesASingleReturnExpression() throws {
        let out = try T.apply("inline-call", Self.kernel()) { $0.params == ["form": 0] }
        #expect(out.contains("        s += (a[i] + 1) * (a[i] + 1);\n"), "\(out)")
    }

    @Test func inlinesAsABlockWithRenamedParameters() throws {
        let out = try T.apply("inline-call", Self.kernel()) { $0.params == ["form": 1] }
        #expect(out.contains("""
                for (int i = 0; i < n; i++) {
                    {
                        int x_0 = a[i] + 1;
                        s += x_0 * x_0;
                    }
                }
            """), "\(out)")
    }

    @Test func inlinesAVoidHelperWithLocalsAndCastsWhereTypesDiffer() throws {
        let source = """
            static void bump(long long *p, int n, int d) {
                for (int i = 0; i < n; i++) {
                    p[i] += d;
                }
            }

            static long long twice(long long v) {
                return v * 2;
            }

            long long run(long long *a, int n, int i) {
                bump(a, n, 3);
                return twice(i);
            }
            """
        let block = try T.apply("inline-call", source, at: "bump(a, n, 3)")
        #expect(T.same(block, """
            static void bump(long long *p, int n, int d) {
                for (int i = 0; i < n; i++) {
                    p[i] += d;
                }
            }

            static long long twice(long long v) {
                return v * 2;
            }

            long long run(long long *a, int n, int i) {
                {
                    long long *p_0 = a;
                    int n_0 = n;
                    int d_0 = 3;
                    for (int i_0 = 0; i_0 < n_0; i_0++) {
                        p_0[i_0] += d_0;
                    }
                }
                return twice(i);
            }
            """), "\(block)")
        let expression = try T.apply("inline-call", source, at: "twice(i)", params: ["form": 0])
        #expect(expression.contains("return (long long)i * 2;"), "\(expression)")
    }

    @Test(arguments: [
        kernel(storage: ""),                         // not a static helper
        kernel(call: "sq(n--)"),                      // the argument has a side effect
        kernel(call: "sq(a[i], 1)"),                  // wrong argument count
    ])
    func refusesUnsafeCallSites(source: String) throws {
        #expect(try T.proposals("inline-call", Self.kernel()).count == 2)
        #expect(try T.proposals("inline-call", source).isEmpty, "\(source)")
    }

    @Test func aBranchReturningTwoValuesIsInlinedAsAConditional() throws {
        let source = """
            static int max2(int x, int y) {
                if (x > y) {
                    return x;
                }
                return y;
            }

            int run(int a, int b) {
                int m = 0;
                m = max2(a, b);
                return m;
            }
            """
        // An early return rules out the block form; the branch shape is an expression.
        #expect(try T.proposals("inline-call", source).map(\.params) == [["form": 0]])
        let out = try T.apply("inline-call", source)
        #expect(out.contains("    m = a > b ? a : b;\n"), "\(out)")
        let selected = try T.apply("if-to-select", source)
        #expect(try T.proposals("inline-call", selected).map(\.params) == [["form": 0], ["form": 1]])
        let mixed = source.replacingOccurrences(of: "return y;", with: "return (unsigned int)y;")
        #expect(try T.proposals("inline-call", mixed).isEmpty)  // x and (unsigned)y differ in type
    }
}
