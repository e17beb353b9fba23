import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct CommonSubexpressionEliminationTests {
    static let repeated = """
        long long run(int *a, int n) {
            int x = n * 3 + 1;
            int y = n * 3 - 1;
            return (long long)x * y + n * 3;
        }
        """

    @Test func computesARepeatedExpressionOnce() throws {
        let unit = try T.parse(Self.repeated)
        let first = try #require(try T.op("cse").proposals(in: unit).first)
        #expect(first.site == [0, 0, 0, 0, 0, 0, 0])  // body, item 0, declarator 0, initializer, expression, lhs
        let out = try T.apply("cse", Self.repeated)
        #expect(T.same(out, """
            long long run(int *a, int n) {
                int cse0 = n * 3;
                int x = cse0 + 1;
                int y = cse0 - 1;
                return (long long)x * y + cse0;
            }
            """), "\(out)")
    }

    @Test func theRunMayEndWithAnAssignmentToAnInput() throws {
        let source = "int run(int e, int x) { int d = e - x; e = (e - x) * 2; return e - x; }"
        let out = try T.apply("cse", source, at: "e - x")
        #expect(T.same(out, """
            int run(int e, int x) {
                int cse0 = e - x;
                int d = cse0;
                e = cse0 * 2;
                return e - x;
            }
            """), "\(out)")
    }

    @Test(arguments: [
        "int run(int n, int *a) { int x = n * 3; n = n + 1; return x + n * 3; }",   // an input changes in between
        "int run(int n, int *a) { int x = a[0] * 2; return x + a[0] * 2; }",        // reads memory
        "int run(int n, int d) { int x = n / d; return x + n / d; }",               // may trap
        "int run(int n, int *a) { int x = n * 3; { int n = 2; x += n * 3; } return x; }", // shadowed input
    ])
    func refusesWhenTheValueMayDiffer(source: String) throws {
        #expect(try T.proposals("cse", Self.repeated).count == 2)
        #expect(try T.proposals("cse", source).isEmpty, "\(source)")
    }
}
