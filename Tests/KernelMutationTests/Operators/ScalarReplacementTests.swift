import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct ScalarReplacementTests {
    static let loads = """
        long long run(int *a, int *b, int n) {
            long long s = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] > 0) {
                    s += a[i];
                }
                s = s * 3 + a[i];
            }
            return s;
        }
        """

    @Test func keepsARepeatedLoadInALocal() throws {
        #expect(try T.proposals("scalar-replace", Self.loads).count == 1)
        let out = try T.apply("scalar-replace", Self.loads)
        #expect(T.same(out, """
            long long run(int *a, int *b, int n) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    int ld0 = a[i];
                    if (ld0 > 0) {
                        s += ld0;
                    }
                    s = s * 3 + ld0;
                }
                return s;
            }
            """), "\(out)")
    }

    @Test func forwardsAStoreToLaterLoads() throws {
        let source = """
            long long run(int *a, int n) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    a[i] = a[i] * 2 + 1;
                    s += a[i];
                }
                return s;
            }
            """
        let out = try T.apply("scalar-replace", source)
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    int ld0 = a[i] * 2 + 1;
                    a[i] = ld0;
                    s += ld0;
                }
                return s;
            }
            """), "\(out)")
    }

    @Test(arguments: [
        "long long run(int *a, int *b, int n) { long long s = a[n]; b[0] = 1; s += a[n]; return s; }",    // write through another pointer
        "long long run(int *a, int *b, int n) { long long s = a[n]; n = n - 1; s += a[n]; return s; }",   // the index changes
        "long long run(int *a, int *b, int n) { long long s = n > 0 && a[n] > 0; s += a[n]; return s; }", // first load is conditional
        "long long run(int *a, int *b, int n) { long long s = a[n]; int *p = &a[n]; s += a[n] + *p; return s; }", // address taken
    ])
    func refusesWhenTheElementMayChangeOrIsNotLoaded(source: String) throws {
        #expect(try T.proposals("scalar-replace", "long long run(int *a, int *b, int n) { long long s = a[n]; s += a[n]; return s; }").count == 1)
        #expect(try T.proposals("scalar-replace", source).isEmpty, "\(source)")
    }
}
