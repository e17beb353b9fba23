import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct LoopInvariantCodeMotionTests {
    static func kernel(_ body: String = "s += a[i] * (k + 1);") -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            int k = n / 2;
            for (int i = 0; i < n; i++) {
                \(body)
            }
            return s;
        }
        """
    }

    @Test func hoistsAnInvariantExpressionBeforeTheLoop() throws {
        #expect(try T.proposals("licm", Self.kernel()).count == 1)
        let out = try T.apply("licm", Self.kernel(), at: "k + 1")
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                int k = n / 2;
                int inv0 = k + 1;
                for (int i = 0; i < n; i++) {
                    s += a[i] * inv0;
                }
                return s;
            }
            """), "\(out)")
    }

    @Test func hoistsFromTheConditionToo() throws {
        let source = "int run(int n, int k) { int c = 0; while (c < n * k) { c = c + 3; } return c; }"
        let out = try T.apply("licm", source, at: "n * k")
        #expect(out.contains("int inv0 = n * k;\n    while (c < inv0) {"))
    }

    @Test(arguments: [
        (kernel("s += a[i] * (k + 1); k = k ^ 1;"), "k + 1"),   // an input changes in the loop
        (kernel("s += a[i] * (a[0] + 1);"), "a[0] + 1"),        // memory read: the loop may not run
        (kernel("s += a[i] * (n / k);"), "n / k"),              // division by a variable: may trap if hoisted
        (kernel("int j = k; s += a[i] * (j + 1);"), "j + 1"),   // reads a variable declared in the loop
        (kernel("s += a[i] * (i + 1);"), "i + 1"),              // reads the counter
    ])
    func refusesExpressionsThatAreNotInvariantOrNotSafe(source: String, expression: String) throws {
        #expect(try T.proposals("licm", Self.kernel(), at: "k + 1").count == 1)
        #expect(try T.parse(source).allExpressions().contains { CPrinter.print($0.node) == expression })
        #expect(try T.proposals("licm", source, at: expression).isEmpty, "\(source)")
    }
}
