import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct BranchToSelectTests {
    static func kernel(_ statement: String, types: String = "int a, int b") -> String {
        """
        int run(\(types)) {
            int m = 0;
            \(statement)
            return m;
        }
        """
    }
    static let ifElse = kernel("if (a > b) { m = a; } else { m = b; }")

    @Test func ifElseAssignmentBecomesAConditional() throws {
        let out = try T.apply("if-to-select", Self.ifElse)
        #expect(T.same(out, """
            int run(int a, int b) {
                int m = 0;
                m = a > b ? a : b;
                return m;
            }
            """), "\(out)")
    }

    @Test func oneArmedUpdateKeepsTheOldValue() throws {
        let out = try T.apply("if-to-select", Self.kernel("if (a > m) { m = a; }"))
        #expect(out.contains("    m = a > m ? a : m;\n"), "\(out)")
    }

    @Test func returnPatternsBecomeOneReturn() throws {
        let source = """
            static int max2(int x, int y) {
                if (x > y) {
                    return x;
                }
                return y;
            }
            """
        let out = try T.apply("if-to-select", source)
        #expect(T.same(out, """
            static int max2(int x, int y) {
                return x > y ? x : y;
            }
            """), "\(out)")
        let both = try T.apply("if-to-select", "int f(int x) { if (x > 0) { return 1; } else { return 2; } }")
        #expect(both.contains("return x > 0 ? 1 : 2;"))
    }

    @Test(arguments: [
        kernel("if (a > b) { m = a; } else { m = u; }", types: "int a, int b, unsigned int u"), // -1 would become UINT_MAX
        kernel("if (a > b) { m = a++; } else { m = b; }"),                                     // side effect
        kernel("if (a > b) { p[0] = a; }", types: "int a, int b, int *p"),                      // one-armed store to memory
        kernel("if (a > b) { m = a; m = b; }"),                                                // not a single assignment
    ])
    func refusesUnsafeBranches(source: String) throws {
        #expect(try T.proposals("if-to-select", Self.ifElse).count == 1)
        #expect(try T.proposals("if-to-select", source).isEmpty, "\(source)")
    }
}
