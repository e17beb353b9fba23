import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct NoEffectStatementRemovalTests {
    static func kernel(_ statement: String) -> String {
        """
        static int f(int v) {
            return v + 1;
        }

        long long run(int *a, int n) {
            int x = n * 2;
            int y = 2;
            int *p = a + 1;
            \(statement)
            return (long long)x + y + a[0] + *p + f(n);
        }
        """
    }

    @Test(arguments: ["a[n - 1];", "x;", "x + y;", "(void)0;", "x == y;", "x, y;", "x ? a[0] : -y;", "sizeof(x);", "!p;", "*p;"])
    func removesExpressionStatementsWithoutEffect(statement: String) throws {
        let (text, steps) = try Clean.run(Self.kernel(statement))
        #expect(!text.contains(statement), "\(text)")
        #expect(steps == ["removed statement without effect `\(statement)` in `run`"])
    }

    @Test(arguments: ["f(x);", "x++;", "--y;", "x = y;", "x += 1;", "a[0] = 1;", "*p += 1;", "x ? f(y) : 0;",
                      "x && (y = 1);", "(void)f(x);", "a[x]--;", "sizeof(x++);"])
    func keepsStatementsThatMightHaveAnEffect(statement: String) throws {
        #expect(try Clean.keeps(Self.kernel(statement)), "\(statement)")
    }

    @Test func cleansNestedBlocksLabelsAndHelpers() throws {
        let (text, steps) = try Clean.run("""
            static int g(int *b, int k) {
                b[k];
                return b[k] * 2;
            }

            long long run(int *a, int n) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] > 0) {
                        a[i] * 2;
                    }
                    switch (a[i] & 3) {
                        case 0:
                            i;
                        case 1:
                            s += g(a, i);
                            break;
                        default:
                            s;
                    }
                }
                return s;
            }
            """)
        #expect(T.same(text, """
            static int g(int *b, int k) {
                return b[k] * 2;
            }

            long long run(int *a, int n) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] > 0) {
                    }
                    switch (a[i] & 3) {
                        case 0:
                            ;
                        case 1:
                            s += g(a, i);
                            break;
                        default:
                            ;
                    }
                }
                return s;
            }
            """), "\(text)")
        #expect(steps == [
            "removed statement without effect `b[k];` in `g`",
            "removed statement without effect `a[i] * 2;` in `run`",
            "removed statement without effect `i;` in `run`",
            "removed statement without effect `s;` in `run`",
        ])
    }

    /// Reading a volatile object is an effect the summaries do not model: such functions stay as they are.
    @Test(arguments: [
        "long long run(int *a, int n) {\n    volatile int v = n;\n    v;\n    return v;\n}\n",
        "long long run(volatile int *a, int n) {\n    a[0];\n    return n;\n}\n",
        "typedef volatile int vint;\n\nlong long run(int *a, int n) {\n    vint v = n;\n    v;\n    return v;\n}\n",
    ])
    func leavesFunctionsWithVolatileObjectsAlone(source: String) throws {
        #expect(try Clean.keeps(source), "\(source)")
    }
}
