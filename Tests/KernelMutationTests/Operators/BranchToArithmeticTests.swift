import KernelTestSupport
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct BranchToArithmeticTests {
    static let name = "if-to-arithmetic"

    static func kernel(_ statement: String, types: String = "int a, int b", locals: String = "") -> String {
        """
        int run(\(types)) {
            int m = 0;\(locals.isEmpty ? "" : "\n    " + locals)
            \(statement)
            return m;
        }
        """
    }

    /// The function of `kernel` with `statement` as its middle line (what the rewrite should print).
    static func expected(_ statement: String, types: String = "int a, int b") -> String {
        """
        int run(\(types)) {
            int m = 0;
            \(statement)
            return m;
        }
        """
    }

    @Test(arguments: [
        ("if (a > b) { m += b; }", "m = m + (a > b) * b;"),
        ("if (a > b) m += b;", "m = m + (a > b) * b;"),
        ("if (a > b) { m++; }", "m = m + (a > b);"),
        ("if (a > b) { ++m; }", "m = m + (a > b);"),
        ("if (a >= b) { m += 1; }", "m = m + (a >= b);"),
        ("if (a != b) { m -= 2; }", "m = m - (a != b) * 2;"),
        ("if (a == b) { m--; }", "m = m - (a == b);"),
        ("if (a < b) { --m; }", "m = m - (a < b);"),
        ("if (a <= b) { m = m + a; }", "m = m + (a <= b) * a;"),
        ("if (a <= b) { m = m - b; }", "m = m - (a <= b) * b;"),
        ("if (a < b) { m = m - 1; }", "m = m - (a < b);"),
        ("if (!a) { m += b; }", "m = m + !a * b;"),
        ("if (a > 0 || b > 0) { m++; }", "m = m + (a > 0 || b > 0);"),
        ("if (a > b) { m += 'x'; }", "m = m + (a > b) * 'x';"),
    ])
    func oneArmedUpdateBecomesArithmetic(before: String, after: String) throws {
        let out = try T.apply(Self.name, Self.kernel(before))
        #expect(T.same(out, Self.expected(after)), "\(out)")
    }

    /// `1u` has type `unsigned int`: dropping it would change the conversions, so it stays a product.
    @Test func unsignedOneStaysAProduct() throws {
        let out = try T.apply(Self.name, "unsigned int f(int a, int b, unsigned int w) { if (a > b) { w += 1u; } return w; }")
        #expect(out.contains("    w = w + (a > b) * 1u;\n"), "\(out)")
    }

    @Test func conjunctionKeepsAllButTheLastConjunctAsTheCondition() throws {
        let out = try T.apply(Self.name, Self.kernel("if (a > 0 && b > 0) { m += a; }"))
        #expect(T.same(out, """
            int run(int a, int b) {
                int m = 0;
                if (a > 0) {
                    m = m + (b > 0) * a;
                }
                return m;
            }
            """), "\(out)")
        let three = try T.apply(Self.name, Self.kernel("if (a > 0 && b > 0 && a < b) { m++; }"))
        #expect(three.contains("""
                if (a > 0 && b > 0) {
                    m = m + (a < b);
                }
            """), "\(three)")
    }

    /// The measured case: the heapsort of the `score` kernel.
    static let siftDown = """
        static void sift_down(long long *x, int i, int k) {
            int child;
            long long tmp;
            while (1) {
                child = 2 * i + 1;
                if (child >= k) {
                    break;
                }
                if (child + 1 < k && x[child + 1] > x[child]) {
                    child = child + 1;
                }
                if (x[i] >= x[child]) {
                    break;
                }
                tmp = x[i];
                x[i] = x[child];
                x[child] = tmp;
                i = child;
            }
        }
        """

    @Test func heapsortChildSelection() throws {
        #expect(try T.proposals(Self.name, Self.siftDown).count == 1)
        let out = try T.apply(Self.name, Self.siftDown)
        #expect(T.same(out, """
            static void sift_down(long long *x, int i, int k) {
                int child;
                long long tmp;
                while (1) {
                    child = 2 * i + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k) {
                        child = child + (x[child + 1] > x[child]);
                    }
                    if (x[i] >= x[child]) {
                        break;
                    }
                    tmp = x[i];
                    x[i] = x[child];
                    x[child] = tmp;
                    i = child;
                }
            }
            """), "\(out)")
    }

    /// The same site in the real `score` seed (comments and layout as in the sandbox).
    @Test func heapsortChildSelectionInTheScoreSeed() throws {
        let at = "if (child + 1 < k && x[child + 1] > x[child]) {"
        #expect(try T.proposals(Self.name, Seeds.score, at: at).count == 1)
        let out = try T.apply(Self.name, Seeds.score, at: at)
        #expect(out.contains("""
                    if (child + 1 < k) {
                        child = child + (x[child + 1] > x[child]);
                    }
            """), "\(out)")
        #expect(!out.contains("&& x[child + 1] > x[child]"))
    }

    @Test(arguments: [
        kernel("if (a > b) { m += 1; } else { m -= 1; }"),                        // else branch
        kernel("if (a) { m++; }"),                                                 // value may be other than 0 or 1
        kernel("if (a & b) { m++; }"),                                             // likewise
        kernel("if (a - b) { m += a; }"),                                          // likewise
        kernel("if (a > 0 && b) { m++; }"),                                        // last conjunct is not a truth value
        kernel("if (a++ > b) { m++; }"),                                           // side effect in the condition
        kernel("if ((m = a) > b) { m++; }"),                                       // assignment in the condition
        kernel("if (a > 0 && b++ > 0) { m++; }"),                                  // side effect in the last conjunct
        kernel("if (a > b) { m += p[a]; }", types: "int a, int b, int *p"),        // load through a pointer
        kernel("if (a > b) { m += *p; }", types: "int a, int b, int *p"),          // likewise
        kernel("if (b != 0) { m += a / b; }"),                                     // division: may trap when false
        kernel("if (a > b) { m += a * b; }"),                                      // not a constant or a variable
        kernel("if (a > b) { m += b++; }"),                                        // side effect in the amount
        kernel("if (a > b) { m += d; }", types: "int a, int b, double d"),         // floating amount
        kernel("if (a > b) { m += 1.5; }"),                                        // likewise
        kernel("if (a > b) { p += 1; }", types: "int a, int b, int *p"),           // pointer target
        kernel("if (a > b) { p++; }", types: "int a, int b, int *p"),              // likewise
        kernel("if (a > b) { d += 1; }", types: "int a, int b, double d"),         // floating target
        kernel("if (a > b) { d++; }", types: "int a, int b, double d"),            // likewise
        kernel("if (a > b) { p[0] += 1; }", types: "int a, int b, int *p"),        // array element target
        kernel("if (a > b) { p[a]++; }", types: "int a, int b, int *p"),           // likewise
        kernel("if (a > b) { *p = *p + 1; }", types: "int a, int b, int *p"),      // likewise
        kernel("if (a > b) { m *= 2; }"),                                          // not an addition
        kernel("if (a > b) { m = b + m; }"),                                       // not x = x + e
        kernel("if (a > b) { m = a + b; }"),                                       // likewise
        kernel("if (a > b) { m++; m++; }"),                                        // two statements
        kernel("if (a > b) { { m++; } }"),                                         // nested block
        kernel("if (a > b) { m++; }", locals: "volatile int v = 0;"),              // volatile object in the function
    ])
    func refusesUnsafeBranches(source: String) throws {
        #expect(try T.proposals(Self.name, Self.kernel("if (a > b) { m++; }")).count == 1)
        #expect(try T.proposals(Self.name, source).isEmpty, "\(source)")
    }

    @Test func refusesImpureCallsInTheConditionAndCallsInTheAmount() throws {
        let source = """
            static int twice(int v) {
                return v * 2;
            }

            static int bump(int *p) {
                *p = *p + 1;
                return *p;
            }

            int run(int a, int b, int *p) {
                int m = 0;
                if (bump(p) > 0) {
                    m++;
                }
                if (a > b) {
                    m += twice(a);
                }
                if (twice(a) > b) {
                    m++;
                }
                return m;
            }
            """
        // Only the pure call in a condition is accepted.
        let edits = try T.proposals(Self.name, source)
        #expect(edits.count == 1)
        let out = try T.apply(Self.name, source)
        #expect(out.contains("    m = m + (twice(a) > b);\n"), "\(out)")
    }

    /// In an `else if` chain only the last `if`, which has no `else`, is rewritten.
    @Test func elseIfChainRewritesOnlyItsLastIf() throws {
        let source = Self.kernel("if (a > b) { m += 2; } else if (a == b) { m = m + 1; }")
        #expect(try T.proposals(Self.name, source).count == 1)
        let out = try T.apply(Self.name, source)
        #expect(T.same(out, """
            int run(int a, int b) {
                int m = 0;
                if (a > b) {
                    m += 2;
                } else {
                    m = m + (a == b);
                }
                return m;
            }
            """), "\(out)")
    }

    @Test func applyAcceptsOnlyTheProposedEdit() throws {
        let unit = try T.parse(Self.kernel("if (a > b) { m++; }"))
        let op = try T.op(Self.name)
        #expect(op.preservesSemantics)
        let edit = try #require(op.proposals(in: unit).first)
        let mutated = try op.apply(edit, to: unit)
        #expect(try CParser.parse(CPrinter.print(mutated)) == mutated)
        #expect(try MutationRegistry.apply(edit, to: unit) == mutated)
        var bad = edit
        bad.params = ["x": 1]
        #expect(throws: MutationError.invalidParameters(op: Self.name, site: edit.site, params: ["x": 1])) {
            try op.apply(bad, to: unit)
        }
        // The rewritten statement is no longer a candidate site.
        #expect(op.proposals(in: mutated).isEmpty)
    }

    /// Every shape, with narrow, unsigned and 64-bit targets, in a kernel whose results depend on
    /// the branches: each rewrite alone and all of them together behave like the original, at
    /// `-O0` and `-O2`.
    static let behaviourKernel = TestKernel(name: "if_to_arithmetic", source: #"""
        static void sift_down(int *x, int i, int k) {
            int child;
            int tmp;
            while (1) {
                child = 2 * i + 1;
                if (child >= k) {
                    break;
                }
                if (child + 1 < k && x[child + 1] > x[child]) {
                    child = child + 1;
                }
                if (x[i] >= x[child]) {
                    break;
                }
                tmp = x[i];
                x[i] = x[child];
                x[child] = tmp;
                i = child;
            }
        }

        long long run(int *a, int n) {
            long long s = 0;
            int cnt = 0;
            unsigned int u = 5;
            unsigned char c = 250;
            short h = 0;
            int k = 3;
            int v;
            int i;
            for (i = 0; i < n; i++) {
                v = a[i];
                if (v > 0) {
                    s += v;
                }
                if (v < k) {
                    cnt++;
                }
                if (v != 2) {
                    --h;
                }
                if (i + 1 < n && a[i + 1] > v) {
                    u = u - 7u;
                }
                if (!(v & 1)) {
                    c += 3;
                }
                if (v > 0 || v < -500) {
                    s = s - k;
                }
                if (i > 0 && v == a[i - 1]) {
                    cnt -= 1;
                }
            }
            for (i = n / 2 - 1; i >= 0; i--) {
                sift_down(a, i, n);
            }
            for (i = n - 1; i > 0; i--) {
                v = a[0];
                a[0] = a[i];
                a[i] = v;
                sift_down(a, 0, i);
            }
            return s * 1000003 + cnt * 10007 + (long long)u * 31 + c * 7 + h;
        }
        """#, driver: .run, entry: "run")

    @Test(arguments: ["-O0", "-O2"])
    func rewritesBehaveLikeTheOriginal(optimization: String) throws {
        let kernel = Self.behaviourKernel
        let op = try T.op(Self.name)
        let unit = try T.parse(kernel.source)
        let edits = op.proposals(in: unit)
        #expect(edits.count == 8)
        var variants = try edits.map { try op.apply($0, to: unit) }
        // All rewrites together (re-proposing after each one, since sites move).
        var all = unit
        while let edit = op.proposals(in: all).first {
            all = try op.apply(edit, to: all)
        }
        #expect(!CPrinter.print(all).contains("if (v > 0) {"))
        #expect(CPrinter.print(all).contains("child = child + (x[child + 1] > x[child]);"))
        variants.append(all)
        for variant in variants {
            #expect(try CParser.parse(CPrinter.print(variant)) == variant)
        }
        let outcome = try Behaviour.compare(kernel, original: unit, variants: variants, optimization: optimization)
        #expect(Set(outcome.original).count > 5)
        for (index, difference) in outcome.differences.enumerated() where !difference.isEmpty {
            Issue.record("variant \(index) changed behaviour on inputs \(difference)\n\(CPrinter.print(variants[index]))")
        }
    }
}
