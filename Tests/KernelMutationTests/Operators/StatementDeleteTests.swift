import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct StatementDeleteTests {
    static let kernel = "int run(int n) { int s = 0; s += n; ; if (n > 2) { s = 1; } return s; }"

    @Test func deletesOneStatement() throws {
        #expect(try T.op("statement-delete").preservesSemantics == false)
        let out = try T.apply("statement-delete", Self.kernel, at: "s += n;")
        #expect(T.same(out, """
            int run(int n) {
                int s = 0;
                ;
                if (n > 2) {
                    s = 1;
                }
                return s;
            }
            """), "\(out)")
    }

    @Test func keepsDeclarationsAndEmptyStatements() throws {
        let unit = try T.parse(Self.kernel)
        let sites = try T.op("statement-delete").proposals(in: unit).map { unit.statement(at: $0.site)! }
        #expect(sites.count == 4)  // s += n; the if; s = 1; return
        #expect(!sites.contains { if case .declaration = $0 { return true } else { return $0 == .empty } })
    }
}
