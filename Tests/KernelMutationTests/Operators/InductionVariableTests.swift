import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct InductionVariableTests {
    static func kernel(_ body: String = "s += a[i * w] * (i * w);", start: String = "0") -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            int w = 3;
            for (int i = \(start); i < n / 3; i++) {
                \(body)
            }
            return s;
        }
        """
    }

    @Test func replacesEveryOccurrenceOfTheProduct() throws {
        let out = try T.apply("induction-variable", Self.kernel())
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                int w = 3;
                int ind0 = 0;
                for (int i = 0; i < n / 3; i++, ind0 += w) {
                    s += a[ind0] * ind0;
                }
                return s;
            }
            """), "\(out)")
        #expect(try T.proposals("induction-variable", Self.kernel()).count == 1)  // only at the first occurrence
    }

    @Test func nonZeroStartIsConvertedToTheCounterType() throws {
        let out = try T.apply("induction-variable", Self.kernel(start: "n / 6"))
        #expect(out.contains("int ind0 = n / 6 * w;"))
    }

    @Test(arguments: [
        kernel("s += a[i * w]; w = w + 1;"),     // the factor changes in the loop
        kernel("s += a[i * w]; i++;"),           // the counter changes in the body
        kernel("s += a[i * a[0]];"),             // the factor reads memory
    ])
    func refusesWhenTheProductIsNotAnInductionVariable(source: String) throws {
        #expect(try T.proposals("induction-variable", Self.kernel()).count == 1)
        #expect(try T.proposals("induction-variable", source).isEmpty, "\(source)")
    }
}
