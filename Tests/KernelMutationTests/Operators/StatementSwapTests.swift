import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct StatementSwapTests {
    static let kernel = "int run(int n) { int s = 0; s = n; s = s * 2; return s; }"

    @Test func swapsDependentStatementsToo() throws {
        #expect(try T.op("statement-swap").preservesSemantics == false)
        let out = try T.apply("statement-swap", Self.kernel, at: "s = n;")
        #expect(T.same(out, """
            int run(int n) {
                int s = 0;
                s = s * 2;
                s = n;
                return s;
            }
            """), "\(out)")
        #expect(try T.proposals("swap-independent", Self.kernel, at: "s = n;").isEmpty)
    }

    @Test func declarationsStayInPlace() throws {
        let sites = try T.proposals("statement-swap", Self.kernel).map(\.site)
        #expect(sites == [[0, 0, 1], [0, 0, 2]])
    }
}
