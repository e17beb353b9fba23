import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct LoopFissionTests {
    static func kernel(_ body: String) -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            long long t = 0;
            for (int i = 0; i < n; i++) {
                \(body)
            }
            return s * 3 + t;
        }
        """
    }
    static let independent = kernel("s += a[i]; t += a[i] * a[i];")

    @Test func splitsIndependentParts() throws {
        let out = try T.apply("loop-fission", Self.independent) { $0.params == ["at": 1] }
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                long long t = 0;
                for (int i = 0; i < n; i++) {
                    s += a[i];
                }
                for (int i = 0; i < n; i++) {
                    t += a[i] * a[i];
                }
                return s * 3 + t;
            }
            """), "\(out)")
    }

    @Test(arguments: [
        kernel("s += a[i]; t += s;"),                     // the second part reads what the first writes
        kernel("a[i] = a[i] + 1; t += a[i];"),            // memory written by one part, read by the other
        kernel("int x = a[i]; s += x; t += x;"),          // a declaration used across the split
        kernel("s += a[i]; if (t > 9) { break; } t += 1;"), // leaves the loop early
    ])
    func refusesDependentParts(source: String) throws {
        #expect(try T.proposals("loop-fission", Self.independent).count == 1)
        #expect(try T.proposals("loop-fission", source).isEmpty, "\(source)")
    }
}
