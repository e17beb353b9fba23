import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct StatementDuplicateTests {
    static let kernel = "int run(int n) { int s = 0; s += n; return s; }"

    @Test func duplicatesAStatementInPlace() throws {
        #expect(try T.op("statement-duplicate").preservesSemantics == false)
        let out = try T.apply("statement-duplicate", Self.kernel, at: "s += n;")
        #expect(T.same(out, """
            int run(int n) {
                int s = 0;
                s += n;
                s += n;
                return s;
            }
            """), "\(out)")
    }

    @Test func neverDuplicatesDeclarationsOrJumps() throws {
        let edits = try T.proposals("statement-duplicate", Self.kernel)
        #expect(edits.count == 1)
    }
}
