import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct LoopUnrollTests {
    static func kernel(condition: String = "i < n", step: String = "i++", body: String = "s += a[i];",
                       extra: String = "") -> String {
        """
        long long run(int *a, int n) {
            long long s = 0;
            int i;
            \(extra)
            for (i = 0; \(condition); \(step)) {
                \(body)
            }
            return s + i;
        }
        """
    }

    @Test func unrollsByTwoWithARemainderLoop() throws {
        let out = try T.apply("loop-unroll", Self.kernel()) { $0.params == ["factor": 2] }
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                int i;
                for (i = 0; (long long)i + 1 < n; i += 2) {
                    s += a[i];
                    s += a[i + 1];
                }
                for (; i < n; i++) {
                    s += a[i];
                }
                return s + i;
            }
            """), "\(out)")
    }

    @Test func declaredCounterAndLocalDeclarationsKeepTheirScopes() throws {
        let source = """
            long long run(int *a, int n) {
                long long s = 0;
                for (int i = 0; i <= n; i++) {
                    int t = a[i];
                    s += t;
                }
                return s;
            }
            """
        let out = try T.apply("loop-unroll", source) { $0.params == ["factor": 2] }
        #expect(T.same(out, """
            long long run(int *a, int n) {
                long long s = 0;
                {
                    int i = 0;
                    for (; (long long)i + 1 <= n; i += 2) {
                        {
                            int t = a[i];
                            s += t;
                        }
                        {
                            int t = a[i + 1];
                            s += t;
                        }
                    }
                    for (; i <= n; i++) {
                        int t = a[i];
                        s += t;
                    }
                }
                return s;
            }
            """), "\(out)")
    }

    @Test func offersFactorsTwoFourAndEight() throws {
        let edits = try T.proposals("loop-unroll", Self.kernel())
        #expect(edits.map { $0.params["factor"] } == [2, 4, 8])
        let eight = try T.apply("loop-unroll", Self.kernel()) { $0.params == ["factor": 8] }
        #expect(eight.contains("(long long)i + 7 < n; i += 8"))
        #expect(eight.contains("s += a[i + 7];"))
    }

    @Test(arguments: [
        kernel(body: "s += a[i]; i++;"),                          // writes the counter
        kernel(body: "if (a[i] < 0) { break; } s += a[i];"),       // leaves the loop
        kernel(body: "if (a[i] < 0) { continue; } s += a[i];"),    // skips the rest of an iteration
        kernel(body: "if (a[i] < 0) { return s; } s += a[i];"),    // returns
        kernel(body: "s += a[i]; n--;"),                           // changes the bound
        kernel(condition: "i < (long long)n"),                     // bound wider than the counter
        kernel(step: "i += 2"),                                    // not a unit step
        kernel(body: "s += a[i]; p = &i;", extra: "int *p;"),       // counter's address taken
        kernel(condition: "i < a[0]", body: "s += a[i]; a[1] = 1;"),  // the bound is read from memory the body writes
    ])
    func refusesWhenAPreconditionFails(source: String) throws {
        #expect(try T.proposals("loop-unroll", Self.kernel()).count == 3)  // the unmodified loop qualifies
        #expect(try T.proposals("loop-unroll", source).isEmpty, "\(source)")
    }
}
