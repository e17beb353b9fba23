import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct SelectToBranchTests {
    static func kernel(_ statement: String, types: String = "int a, int b") -> String {
        """
        int run(\(types)) {
            int m = 0;
            \(statement)
            return m;
        }
        """
    }
    static let select = kernel("m = a > b ? a : b;")

    @Test func conditionalAssignmentBecomesIfElse() throws {
        let out = try T.apply("select-to-if", Self.select)
        #expect(T.same(out, """
            int run(int a, int b) {
                int m = 0;
                if (a > b) {
                    m = a;
                } else {
                    m = b;
                }
                return m;
            }
            """), "\(out)")
    }

    @Test func keepingTheOldValueBecomesAOneArmedIf() throws {
        let out = try T.apply("select-to-if", Self.kernel("m = a > m ? a : m;"))
        #expect(out.contains("    if (a > m) {\n        m = a;\n    }\n    return m;"), "\(out)")
        let back = try T.apply("if-to-select", out)
        #expect(back == CPrinter.print(try T.parse(Self.kernel("m = a > m ? a : m;"))))
    }

    @Test func conditionalReturnBecomesTwoReturns() throws {
        let out = try T.apply("select-to-if", "int f(int x, int y) { return x > y ? x : y; }")
        #expect(out.contains("if (x > y) {\n        return x;\n    } else {\n        return y;\n    }"), "\(out)")
    }

    @Test(arguments: [
        kernel("m = a > b ? a : u;", types: "int a, int b, unsigned int u"),   // the ?: converts to unsigned
        kernel("m = a > b ? a++ : b;"),                                         // side effect
    ])
    func refusesWhenTheConditionalConverts(source: String) throws {
        #expect(try T.proposals("select-to-if", Self.select).count == 1)
        #expect(try T.proposals("select-to-if", source).isEmpty, "\(source)")
    }
}
