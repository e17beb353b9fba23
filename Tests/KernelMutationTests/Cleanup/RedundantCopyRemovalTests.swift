import KernelTestSupport
import Testing
@testable import KernelMutation

@Suite struct RedundantCopyRemovalTests {
    /// `run` with a copy declared first and `body` after it.
    static func kernel(_ copy: String, _ body: String) -> String {
        """
        long long run(int *a, int n) {
            \(copy)
            long long s = 0;
            \(body)
            return s;
        }
        """
    }

    @Test func replacesCopiesOfParametersAndLocalsInTheirScope() throws {
        let (text, steps) = try Clean.run("""
            typedef int elem;

            long long sum(const int *a, int n, int *p) {
                const int *p_0 = a;
                int *q = p;
                elem *r = q, k = n;
                long long s = 0;
                for (int i = 0; i < k; i++) {
                    r[i] = p_0[i] + (int)sizeof(p_0);
                    s += q[i];
                }
                return s;
            }
            """, entry: "sum")
        #expect(T.same(text, """
            typedef int elem;

            long long sum(const int *a, int n, int *p) {
                long long s = 0;
                for (int i = 0; i < n; i++) {
                    p[i] = a[i] + (int)sizeof(a);
                    s += p[i];
                }
                return s;
            }
            """), "\(text)")
        #expect(steps == [
            "replaced copy `p_0` of `a` in `sum`",
            "replaced copy `q` of `p` in `sum`",
            "replaced copy `r` of `p` in `sum`",
            "replaced copy `k` of `n` in `sum`",
        ])
    }

    @Test func anArrayParameterIsThePointerItDenotes() throws {
        let (text, steps) = try Clean.run("""
            long long run(int a[], int n) {
                int *p = a;
                return p[0] + n;
            }
            """)
        #expect(text.contains("    return a[0] + n;\n"), "\(text)")
        #expect(steps == ["replaced copy `p` of `a` in `run`"])
    }

    @Test func keepsTheOtherDeclaratorsOfTheDeclaration() throws {
        let (text, _) = try Clean.run("""
            long long run(int *a, int n) {
                int x = 1, m = n, y = m * 2;
                return x + y + m;
            }
            """)
        #expect(text.contains("    int x = 1, y = n * 2;\n    return x + y + n;\n"), "\(text)")
    }

    /// The controls for the refusals below: the same copies, nothing interfering.
    @Test(arguments: [
        ("int *p = a;", "s += p[0];"),
        ("int m = n;", "s += m;"),
        ("int m = n;", "{\n        int k = 4;\n        s += m + k;\n    }"),
    ])
    func replacesTheSameCopiesWhenNothingInterferes(copy: String, body: String) throws {
        let (_, steps) = try Clean.run(Self.kernel(copy, body))
        #expect(steps.count == 1 && steps[0].hasPrefix("replaced copy"), "\(steps)")
    }

    @Test(arguments: [
        ("int *p = a;", "p++;\n    s += *p;"),                                 // the copy is incremented
        ("int *p = a;", "p = a + 1;\n    s += *p;"),                             // the copy is assigned
        ("int m = n;", "n = 3;\n    s += m;"),                                   // the source is assigned
        ("int m = n;", "n--;\n    s += m;"),                                     // the source is decremented
        ("const int *p = a;", "s += p[0];"),                                     // a different type (const)
        ("long m = n;", "s += m;"),                                              // a different type (long)
        ("unsigned int m = n;", "s += m;"),                                      // a different type (unsigned)
        ("int *p = a + 1;", "s += p[0];"),                                       // the source is not an identifier
        ("int m = n;", "int *q = &m;\n    *q = 5;\n    s += m;"),                // the copy's address is taken
        ("int m = n;", "int *q = &n;\n    *q = 5;\n    s += m;"),                // the source's address is taken
        ("int m = n;", "{\n        int n = 4;\n        s += m + n;\n    }"),     // the source is redeclared in scope
        ("int m = n;", "switch (n) {\n        case 1:\n            s += m;\n    }"), // a label in the scope
        ("int m = n;", "if (n) {\n        m += 2;\n    }\n    s += m;"),         // assigned in a nested block
    ])
    func keepsCopiesThatMightDifferFromTheirSource(copy: String, body: String) throws {
        #expect(try Clean.keeps(Self.kernel(copy, body)), "\(copy) \(body)")
    }

    /// The address taken before the copy also counts: a write through the pointer changes the source.
    @Test func keepsACopyOfAVariableWhoseAddressWasTakenEarlier() throws {
        #expect(try Clean.keeps("""
            long long run(int *a, int n) {
                int v = n;
                int *q = &v;
                int m = v;
                *q = 7;
                return m + v;
            }
            """))
    }

    /// The block form of `inline-call` declares one copy per argument; the unchanged ones go.
    @Test func cleansUpAfterBlockInlining() throws {
        let inlined = try T.apply("inline-call", """
            static void bump(long long *p, int n, int d) {
                for (int i = 0; i < n; i++) {
                    p[i] += d;
                }
            }

            long long run(long long *a, int n) {
                bump(a, n, 3);
                return a[0];
            }
            """, at: "bump(a, n, 3)")
        let (text, steps) = try Clean.run(inlined)
        #expect(T.same(text, """
            long long run(long long *a, int n) {
                {
                    int d_0 = 3;
                    for (int i_0 = 0; i_0 < n; i_0++) {
                        a[i_0] += d_0;
                    }
                }
                return a[0];
            }
            """), "\(text)")
        #expect(steps == [
            "replaced copy `p_0` of `a` in `run`",
            "replaced copy `n_0` of `n` in `run`",
            "removed unused static helper `bump`",
        ])
    }
}
