import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct SplitAccumulatorTests {
    static func kernel(type: String = "long long", body: String = "s += a[i];") -> String {
        """
        long long run(int *a, int n) {
            \(type) s = 0;
            int i;
            for (i = 0; i < n; i++) {
                \(body)
            }
            return (long long)s;
        }
        """
    }

    @Test func twoUnsignedAccumulatorsOverEvenAndOddIterations() throws {
        let out = try T.apply("split-accumulator", Self.kernel()) { $0.params["ways"] == 2 }
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                int i;
                unsigned long long acc0 = 0;
                unsigned long long acc1 = 0;
                for (i = 0; (long long)i + 1 < n; i += 2) {
                    acc0 += a[i];
                    acc1 += a[i + 1];
                }
                for (; i < n; i++) {
                    acc0 += a[i];
                }
                s += acc0 + acc1;
                return (long long)s;
            }
            """), "\(out)")
    }

    @Test func updatesInsideBranchesAndSubtractionsAreSplitToo() throws {
        let body = "if (a[i] > 0) { s = s + a[i]; } else { s -= 1; }"
        let out = try T.apply("split-accumulator", Self.kernel(type: "int", body: body)) { $0.params["ways"] == 4 }
        #expect(out.contains("unsigned int acc3 = 0;"))
        #expect(out.contains("acc2 = acc2 + a[i + 2];"))
        #expect(out.contains("acc3 -= 1;"))
        #expect(out.contains("s += acc0 + acc1 + acc2 + acc3;"))
    }

    @Test(arguments: [
        kernel(type: "double"),                                   // floating point: re-association is not exact
        kernel(type: "short"),                                    // narrower than int
        kernel(body: "s += a[i]; if (s > 100) { s = 0; }"),        // the running value is read
        kernel(body: "s = s * 2 + a[i];"),                         // not an addition of a term
        kernel(body: "s += a[i] + s;"),                            // the term reads s
        kernel(type: "int", body: "s += (long long)a[i];"),        // the term is wider than s
        kernel(body: "s += a[i]; if (a[i] == 7) { break; }"),      // leaves the loop early
    ])
    func refusesWhenAPreconditionFails(source: String) throws {
        #expect(try T.proposals("split-accumulator", Self.kernel()).count == 2)
        #expect(try T.proposals("split-accumulator", source).isEmpty, "\(source)")
    }
}
