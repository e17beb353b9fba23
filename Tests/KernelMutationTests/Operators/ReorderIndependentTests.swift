import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct ReorderIndependentTests {
    static func kernel(_ first: String, _ second: String) -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            long long t = 0;
            \(first)
            \(second)
            return s + t;
        }
        """
    }
    static let independent = kernel("s = n * 2;", "t = n + 1;")

    @Test func swapsIndependentNeighbours() throws {
        let out = try T.apply("swap-independent", Self.independent, at: "s = n * 2;")
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                long long t = 0;
                t = n + 1;
                s = n * 2;
                return s + t;
            }
            """), "\(out)")
    }

    @Test(arguments: [
        kernel("s = n * 2;", "t = s + 1;"),       // reads what the first writes
        kernel("s = n * 2;", "s = 5;"),           // both write s
        kernel("a[0] = 1;", "t = a[1];"),         // memory write and read may alias
        kernel("s = n * 2;", "t = g(n);"),        // unknown call
        kernel("s = n * 2;", "return 1;"),        // control transfer
    ])
    func refusesDependentNeighbours(source: String) throws {
        #expect(try T.proposals("swap-independent", Self.independent, at: "s = n * 2;").count == 1)
        #expect(try T.proposals("swap-independent", source, at: "s = n * 2;").isEmpty, "\(source)")
        #expect(try T.proposals("swap-independent", source, at: "a[0] = 1;").isEmpty, "\(source)")
    }

    @Test func declarationsMoveOnlyPastStatementsThatDoNotUseThem() throws {
        let source = "int f(int n) { int x = n; n = n + 0; int y = 2; return x + y; }"
        #expect(try T.proposals("swap-independent", source, at: "int x = n;").isEmpty)  // n is written next
        #expect(try T.proposals("swap-independent", "int f(int n) { int x = 1; int y = 2; return x + y; }").isEmpty)
        #expect(try T.proposals("swap-independent", "int f(int n) { int x = 1; n = 2; return x + n; }").count == 1)
    }
}
