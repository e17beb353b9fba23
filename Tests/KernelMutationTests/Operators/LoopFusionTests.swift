import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct LoopFusionTests {
    static func kernel(_ first: String, _ second: String, secondHeader: String = "int i = 0; i < n; i++") -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            long long t = 0;
            for (int i = 0; i < n; i++) {
                \(first)
            }
            for (\(secondHeader)) {
                \(second)
            }
            return s * 3 + t;
        }
        """
    }
    static let independent = kernel("s += a[i];", "t += a[i] * 2;")

    @Test func fusesLoopsWithTheSameHeader() throws {
        let out = try T.apply("loop-fusion", Self.independent)
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                long long t = 0;
                for (int i = 0; i < n; i++) {
                    s += a[i];
                    t += a[i] * 2;
                }
                return s * 3 + t;
            }
            """), "\(out)")
    }

    @Test(arguments: [
        kernel("a[i] = a[i] + 1;", "t += a[i];"),                    // the second loop reads what the first writes
        kernel("s += a[i];", "t += s;"),                               // reads the first loop's result
        kernel("s += a[i];", "t += a[i];", secondHeader: "int i = 0; i <= n; i++"), // different header
        kernel("s += a[i]; n = n - 0;", "t += a[i];"),                 // the bound changes
    ])
    func refusesDependentLoops(source: String) throws {
        #expect(try T.proposals("loop-fusion", Self.independent).count == 1)
        #expect(try T.proposals("loop-fusion", source).isEmpty, "\(source)")
    }
}
