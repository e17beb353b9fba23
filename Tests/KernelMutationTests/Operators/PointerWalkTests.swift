import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct PointerWalkTests {
    static func kernel(_ body: String = "s += a[i] - a[i - 1];", extra: String = "") -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            int i;
            \(extra)
            for (i = 1; i < n; i++) {
                \(body)
            }
            return s + i;
        }
        """
    }

    @Test func walksAPointerAlongsideTheCounter() throws {
        let out = try T.apply("pointer-walk", Self.kernel())
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                int i;
                int *w0 = a + 1;
                for (i = 1; i < n; i++, w0++) {
                    s += *w0 - w0[-1];
                }
                return s + i;
            }
            """), "\(out)")
    }

    @Test func oneProposalPerArrayInOrderOfFirstUse() throws {
        let source = """
            void run(const long long *x, long long *y, int n) {
                for (int j = 0; j < n; j++) {
                    y[j] = x[j + 1];
                }
            }
            """
        #expect(try T.proposals("pointer-walk", source).map { $0.params } == [["base": 0], ["base": 1]])
        let out = try T.apply("pointer-walk", source) { $0.params == ["base": 1] }
        #expect(out.contains("const long long *w0 = x;"))
        #expect(out.contains("for (int j = 0; j < n; j++, w0++) {"))
        #expect(out.contains("y[j] = w0[1];"))
    }

    @Test(arguments: [
        kernel("s += a[i]; a = a + 0;"),                 // the base pointer changes
        kernel("s += a[i]; i = i + 1;"),                 // the counter changes
        kernel("s += a[i];", extra: "int **q = &a;"),    // the base's address is taken
        kernel("s += a[2 * i];"),                         // not indexed by i plus a constant
    ])
    func refusesWhenThePointerWouldDrift(source: String) throws {
        #expect(try T.proposals("pointer-walk", Self.kernel()).count == 1)
        #expect(try T.proposals("pointer-walk", source).isEmpty, "\(source)")
    }
}
