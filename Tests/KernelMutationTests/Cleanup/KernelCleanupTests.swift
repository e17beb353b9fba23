import KernelTestSupport
import Foundation
import KernelSyntax
import Testing
@testable import KernelMutation

@Suite struct KernelCleanupTests {
    /// The examples of dead code that motivated the clean-up, all in one evolved-looking kernel.
    static let hist = """
        static void sift_down_1(long long *x, int i, int k) {
            while (2 * i + 1 < k) {
                int child = 2 * i + 1;
                if (x[i] >= x[child]) {
                    break;
                }
                long long tmp = x[i];
                x[i] = x[child];
                x[child] = tmp;
                i = child;
            }
        }

        static int bucket_1(int v) {
            return v & 15;
        }

        long long hist(const int *a, int n, int *p, int *bins_0) {
            const int *p_0 = a;
            int *q = p;
            long long x = 0;
            int b = 3;
            for (int i = 0; i < n; i++) {
                int v_0 = bucket_1(p_0[i]);
                bins_0[v_0];
                x;
                a + b;
                (void)0;
                bins_0[v_0]++;
                q[i] = v_0;
                x += v_0;
            }
            return x;
        }
        """

    @Test func removesTheExamples() throws {
        let (text, steps) = try Clean.run(Self.hist, entry: "hist")
        #expect(T.same(text, """
            static int bucket_1(int v) {
                return v & 15;
            }

            long long hist(const int *a, int n, int *p, int *bins_0) {
                long long x = 0;
                int b = 3;
                for (int i = 0; i < n; i++) {
                    int v_0 = bucket_1(a[i]);
                    bins_0[v_0]++;
                    p[i] = v_0;
                    x += v_0;
                }
                return x;
            }
            """), "\(text)")
        #expect(steps == [
            "removed statement without effect `bins_0[v_0];` in `hist`",
            "removed statement without effect `x;` in `hist`",
            "removed statement without effect `a + b;` in `hist`",
            "removed statement without effect `(void)0;` in `hist`",
            "replaced copy `p_0` of `a` in `hist`",
            "replaced copy `q` of `p` in `hist`",
            "removed unused static helper `sift_down_1`",
        ])
        let kinds = KernelCleanup.clean(try T.parse(Self.hist), entry: "hist").steps.map(\.kind)
        #expect(kinds == [.noEffectStatement, .noEffectStatement, .noEffectStatement, .noEffectStatement,
                          .redundantCopy, .redundantCopy, .unusedHelper])
    }

    @Test func cleaningTwiceIsCleaningOnce() throws {
        let once = KernelCleanup.clean(try T.parse(Self.hist), entry: "hist")
        let twice = KernelCleanup.clean(once.unit, entry: "hist")
        #expect(twice.unit == once.unit && twice.steps.isEmpty)
        #expect(try CParser.parse(CPrinter.print(once.unit)) == once.unit)
    }

    /// Removing a statement can free a copy (a dropped `&m;`) and a helper (a dropped `(void)h;`).
    @Test func aRemovedStatementCanFreeACopyAndAHelper() throws {
        let (text, steps) = try Clean.run("""
            static int h(int v) {
                return v;
            }

            long long run(int *a, int n) {
                int m = n;
                &m;
                (void)h;
                return m * 2;
            }
            """)
        #expect(T.same(text, """
            long long run(int *a, int n) {
                return n * 2;
            }
            """), "\(text)")
        #expect(steps == [
            "removed statement without effect `&m;` in `run`",
            "removed statement without effect `(void)h;` in `run`",
            "replaced copy `m` of `n` in `run`",
            "removed unused static helper `h`",
        ])
    }

    @Test func neverTouchesTheEntrySignature() throws {
        let source = """
            static long long twice(long long v);

            long long run(const int a[], int n);

            long long run(const int a[], int n) {
                const int *p = a;
                int m = n;
                p[0];
                return m;
            }
            """
        let unit = try T.parse(source)
        let cleaned = KernelCleanup.clean(unit, entry: "run").unit
        #expect(Clean.signatures(of: "run", in: cleaned) == Clean.signatures(of: "run", in: unit))
        #expect(T.same(CPrinter.print(cleaned), """
            long long run(const int a[], int n);

            long long run(const int a[], int n) {
                return n;
            }
            """), "\(CPrinter.print(cleaned))")
    }

    @Test func stepsEncodeAndDecode() throws {
        let steps = KernelCleanup.clean(try T.parse(Self.hist), entry: "hist").steps
        let data = try JSONEncoder().encode(steps)
        #expect(try JSONDecoder().decode([CleanupStep].self, from: data) == steps)
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"redundant-copy""#))
    }

    /// The cleaned example is still C that gcc accepts in strict C99 mode.
    @Test func theCleanedExampleCompiles() throws {
        let cleaned = CPrinter.print(KernelCleanup.clean(try T.parse(Self.hist), entry: "hist").unit)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hist.c")
        try cleaned.write(to: file, atomically: true, encoding: .utf8)
        let gcc = try Harness.run("/usr/bin/gcc", ["-std=c99", "-pedantic-errors", "-fsyntax-only", file.path])
        #expect(gcc.status == 0, "\(gcc.output)")
    }
}
