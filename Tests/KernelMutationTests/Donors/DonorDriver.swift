@testable import KernelMutation

/// A C program that checks the donors of one element type against plain reference code on
/// seeded random inputs, printing `FAIL ...` lines and exiting non-zero on any difference.
///
/// The driver is written over `T` like the donors and instantiated the same way; every check
/// also looks for writes past the end of the array (canaries) and for lost or invented
/// elements (bitwise multiset comparison).
enum DonorDriver {
    /// The driver for `donors` (all supporting `type`), with the donors' source, seeded by `seed`.
    static func source(for donors: [Donor], type: DonorType, seed: UInt64) throws -> String {
        var calls: [String] = []
        for donor in donors {
            guard let check = checks[donor.job] else { throw DriverError.noCheck(job: donor.job, donor: donor.name) }
            calls.append("    \(check)(\(donor.functionName(for: type)), \"\(donor.name)\");")
        }
        let prelude = """
            #include <float.h>
            #include <limits.h>
            #include <math.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            static const T specials[] = {\(specials(type).joined(separator: ", "))};
            static const int wide_signed = \(type == .i32 || type == .i64 ? 1 : 0);
            static unsigned long long rng = \(seed)ull;

            """
        return DonorCatalog.instantiate(prelude, for: type) + DonorLibrary.source(of: donors, for: type) + "\n"
            + DonorCatalog.instantiate(body, for: type)
            + "int main(void) {\n" + calls.joined(separator: "\n") + "\n    return report();\n}\n"
    }

    enum DriverError: Error, CustomStringConvertible {
        case noCheck(job: String, donor: String)
        var description: String {
            switch self {
            case .noCheck(let job, let donor): "the test driver has no check for job \(job) (donor \(donor))"
            }
        }
    }

    /// The check function of each job.
    static let checks: [String: String] = [
        "sort": "check_sort", "select_range": "check_select_range", "nth_element": "check_nth_element",
        "partial_sort": "check_partial_sort", "lower_bound": "check_lower_bound", "upper_bound": "check_upper_bound",
        "gallop_lower_bound": "check_gallop_lower_bound", "prefix_sum": "check_prefix_sum",
        "exclusive_prefix_sum": "check_exclusive_prefix_sum", "fill": "check_fill", "copy": "check_copy",
        "heap_sift_down": "check_sift_down",
    ]

    /// Extreme values of `type`: its limits and their neighbours, zero and one, and for floats
    /// negative zero, infinities and the smallest normal and subnormal values.
    static func specials(_ type: DonorType) -> [String] {
        let limits: (String, String) = switch type {
        case .i8: ("SCHAR_MIN", "SCHAR_MAX")
        case .u8: ("0", "UCHAR_MAX")
        case .i16: ("SHRT_MIN", "SHRT_MAX")
        case .u16: ("0", "USHRT_MAX")
        case .i32: ("INT_MIN", "INT_MAX")
        case .u32: ("0u", "UINT_MAX")
        case .i64: ("LLONG_MIN", "LLONG_MAX")
        case .u64: ("0ull", "ULLONG_MAX")
        case .f32: ("-FLT_MAX", "FLT_MAX")
        case .f64: ("-DBL_MAX", "DBL_MAX")
        }
        var values = [limits.0, limits.1, "(T)(\(limits.0) + 1)", "(T)(\(limits.1) - 1)", "(T)0", "(T)1", "(T)-1"]
        if !type.isInteger {
            let tiny = type == .f32 ? "FLT_MIN" : "DBL_MIN"
            values += ["(T)-0.0", "(T)INFINITY", "(T)-INFINITY", tiny, "-\(tiny)", "\(tiny) / 4", "-\(tiny) / 4"]
        }
        return values
    }

    /// Reference code and the checks, over `T`.
    static let body = #"""
        #define MAXN 2100
        #define CANARIES 8
        #define ROUNDS 400

        static T input[MAXN];
        static T work[MAXN + CANARIES];
        static T ref[MAXN];
        static T sorted_a[MAXN];
        static T sorted_b[MAXN];
        static T canary[CANARIES];
        static int failures;
        static int round_no;
        static int length;

        static unsigned long long next_u64(void) {
            unsigned long long z = (rng += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            return z ^ (z >> 31);
        }

        static int below(int bound) { return (int)(next_u64() % (unsigned long long)bound); }

        static int order_cmp(const void *a, const void *b) {
            T x = *(const T *)a;
            T y = *(const T *)b;
            return x < y ? -1 : (y < x ? 1 : 0);
        }

        static int bitwise_cmp(const void *a, const void *b) { return memcmp(a, b, sizeof(T)); }

        static int same(T a, T b) { return !(a < b) && !(b < a); }

        static int identical(T a, T b) { return memcmp(&a, &b, sizeof(T)) == 0; }

        /* A random value: any bit pattern but NaN, a small value (many duplicates), a special value,
         * or a moderate one (no overflow in sums of MAXN of them). */
        static T random_value(int mode) {
            unsigned long long r = next_u64();
            T v;
            switch (mode) {
            case 0:
                do {
                    r = next_u64();
                    memcpy(&v, &r, sizeof v);
                } while (v != v);
                return v;
            case 1: return (T)((int)(r % 5) - 2);
            case 2: return specials[r % (sizeof specials / sizeof specials[0])];
            default: return (T)((int)(r % 201) - 100);
            }
        }

        static int pick_mode(int moderate) { return moderate ? (below(2) ? 1 : 3) : below(4); }

        /* Fills input[0..n) for this round and returns n: every length up to 40 first, then 1024,
         * 1025 and random ones; random, sorted, reversed, all-equal or nearly sorted shapes. Moderate
         * inputs hold only small and moderate values (sums of them do not overflow). */
        static int make_input(int moderate) {
            int n;
            int mode;
            int shape;
            int i;
            T t;
            if (round_no <= 40) {
                n = round_no;
            } else if (round_no % 50 == 1) {
                n = 1024 + round_no % 2;
            } else if (round_no % 7 == 0) {
                n = below(MAXN + 1);
            } else {
                n = below(300);
            }
            mode = pick_mode(moderate);
            shape = below(6);
            for (i = 0; i < n; i++) {
                input[i] = random_value(below(3) == 0 ? pick_mode(moderate) : mode);
            }
            if (shape == 1 || shape == 2 || shape == 4) {
                qsort(input, (size_t)n, sizeof(T), order_cmp);
            }
            if (shape == 2) {
                for (i = 0; i < n / 2; i++) {
                    t = input[i];
                    input[i] = input[n - 1 - i];
                    input[n - 1 - i] = t;
                }
            }
            if (shape == 3) {
                for (i = 1; i < n; i++) input[i] = input[0];
            }
            if (shape == 4 && n > 1) {
                for (i = 0; i < 3; i++) {
                    int p = below(n);
                    int q = below(n);
                    t = input[p];
                    input[p] = input[q];
                    input[q] = t;
                }
            }
            length = n;
            return n;
        }

        /* work = input with canaries after it; ref = input sorted by the reference. */
        static void prepare(int n) {
            int i;
            memcpy(work, input, (size_t)n * sizeof(T));
            for (i = 0; i < CANARIES; i++) {
                canary[i] = random_value(0);
                work[n + i] = canary[i];
            }
            memcpy(ref, input, (size_t)n * sizeof(T));
            qsort(ref, (size_t)n, sizeof(T), order_cmp);
        }

        static int fail(const char *donor, const char *what) {
            printf("FAIL %s round %d length %d: %s\n", donor, round_no, length, what);
            failures++;
            return 1;
        }

        /* Checks the canaries and that work[0..n) is a permutation of input[0..n). */
        static int damaged(const char *donor, int n) {
            int i;
            for (i = 0; i < CANARIES; i++) {
                if (!identical(work[n + i], canary[i])) return fail(donor, "wrote past the end");
            }
            memcpy(sorted_a, input, (size_t)n * sizeof(T));
            memcpy(sorted_b, work, (size_t)n * sizeof(T));
            qsort(sorted_a, (size_t)n, sizeof(T), bitwise_cmp);
            qsort(sorted_b, (size_t)n, sizeof(T), bitwise_cmp);
            if (n > 0 && memcmp(sorted_a, sorted_b, (size_t)n * sizeof(T)) != 0) return fail(donor, "not a permutation of the input");
            return 0;
        }

        static void check_sort(void (*f)(T *, int), const char *donor) {
            int n;
            int i;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                f(work, n);
                if (damaged(donor, n)) return;
                for (i = 0; i < n; i++) {
                    if (!same(work[i], ref[i])) {
                        fail(donor, "differs from the reference sort");
                        return;
                    }
                }
            }
        }

        static void check_select_range(void (*f)(T *, int, int, int), const char *donor) {
            int n;
            int lo;
            int hi;
            int p;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                lo = below(n + 7) - 3;
                hi = below(3) == 0 ? lo : below(n + 7) - 3;
                f(work, n, lo, hi);
                if (damaged(donor, n)) return;
                for (p = lo < hi ? lo : hi; p <= (lo < hi ? hi : lo); p++) {
                    if (p >= 0 && p < n && !same(work[p], ref[p])) {
                        fail(donor, "a position in the range differs from the reference sort");
                        return;
                    }
                }
            }
        }

        static void check_nth_element(void (*f)(T *, int, int), const char *donor) {
            int n;
            int p;
            int i;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                p = below(n + 5) - 2;
                f(work, n, p);
                if (damaged(donor, n)) return;
                if (p < 0 || p >= n) {
                    if (n > 0 && memcmp(work, input, (size_t)n * sizeof(T)) != 0) fail(donor, "changed x for p outside [0,k)");
                    continue;
                }
                if (!same(work[p], ref[p])) {
                    fail(donor, "x[p] differs from the reference sort");
                    return;
                }
                for (i = 0; i < n; i++) {
                    if ((i < p && work[p] < work[i]) || (i > p && work[i] < work[p])) {
                        fail(donor, "an element is on the wrong side of p");
                        return;
                    }
                }
            }
        }

        static void check_partial_sort(void (*f)(T *, int, int), const char *donor) {
            int n;
            int count;
            int i;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                count = below(n + 6) - 2;
                f(work, n, count);
                if (damaged(donor, n)) return;
                for (i = 0; i < count && i < n; i++) {
                    if (!same(work[i], ref[i])) {
                        fail(donor, "a leading position differs from the reference sort");
                        return;
                    }
                }
            }
        }

        /* A value to search for: one of the array's elements, the next value up from one, or any value. */
        static T probe(int n) {
            int r = below(3);
            if (n > 0 && r == 0) return ref[below(n)];
            if (n > 0 && r == 1) {
                T e = ref[below(n)];
                return e < specials[1] ? (T)(e + 1) : e;
            }
            return random_value(below(4));
        }

        static void check_bound(int (*f)(const T *, int, T), const char *donor, int upper) {
            int n;
            int j;
            int expect;
            T v;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                for (j = 0; j < 8; j++) {
                    v = probe(n);
                    for (expect = 0; expect < n && (upper ? !(v < ref[expect]) : ref[expect] < v); expect++) {
                    }
                    if (f(ref, n, v) != expect) {
                        fail(donor, "differs from the linear scan");
                        return;
                    }
                }
            }
        }

        static void check_lower_bound(int (*f)(const T *, int, T), const char *donor) { check_bound(f, donor, 0); }

        static void check_upper_bound(int (*f)(const T *, int, T), const char *donor) { check_bound(f, donor, 1); }

        static void check_gallop_lower_bound(int (*f)(const T *, int, int, T), const char *donor) {
            int n;
            int j;
            int start;
            int expect;
            T v;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                for (j = 0; j < 8; j++) {
                    v = probe(n);
                    for (expect = 0; expect < n && ref[expect] < v; expect++) {
                    }
                    /* Half the time a start that meets the precondition (at or before the answer). */
                    start = below(2) ? below(expect + 1) : below(n + 1);
                    if (start > expect) {
                        for (expect = start; expect < n && ref[expect] < v; expect++) {
                        }
                    }
                    if (f(ref, n, start, v) != expect) {
                        fail(donor, "differs from the linear scan from start");
                        return;
                    }
                }
            }
        }

        static void check_sums(void (*f)(const T *, T *, int), const char *donor, int inclusive) {
            int n;
            int i;
            int in_place;
            T s;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(wide_signed);
                prepare(n);
                s = (T)0;
                for (i = 0; i < n; i++) {
                    if (inclusive) {
                        s = (T)(s + input[i]);
                        ref[i] = s;
                    } else {
                        ref[i] = s;
                        s = (T)(s + input[i]);
                    }
                }
                in_place = below(2);
                if (in_place) {
                    f(work, work, n);
                } else {
                    f(input, work, n);
                }
                for (i = 0; i < CANARIES; i++) {
                    if (!identical(work[n + i], canary[i])) {
                        fail(donor, "wrote past the end");
                        return;
                    }
                }
                if (n > 0 && memcmp(work, ref, (size_t)n * sizeof(T)) != 0) {
                    fail(donor, in_place ? "in place differs from the plain loop" : "differs from the plain loop");
                    return;
                }
            }
        }

        static void check_prefix_sum(void (*f)(const T *, T *, int), const char *donor) { check_sums(f, donor, 1); }

        static void check_exclusive_prefix_sum(void (*f)(const T *, T *, int), const char *donor) { check_sums(f, donor, 0); }

        static void check_fill(void (*f)(T *, int, T), const char *donor) {
            int n;
            int i;
            T v;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                v = random_value(below(4));
                f(work, round_no % 9 == 5 ? -n : n, v);
                if (round_no % 9 == 5) {
                    memcpy(ref, input, (size_t)n * sizeof(T));
                } else {
                    for (i = 0; i < n; i++) ref[i] = v;
                }
                for (i = 0; i < n; i++) {
                    if (!identical(work[i], ref[i])) {
                        fail(donor, "differs from the plain loop");
                        return;
                    }
                }
                for (i = 0; i < CANARIES; i++) {
                    if (!identical(work[n + i], canary[i])) {
                        fail(donor, "wrote past the end");
                        return;
                    }
                }
            }
        }

        /* Copies within one buffer: disjoint, or overlapping with dst before or after src. */
        static void check_copy(void (*f)(T *, const T *, int), const char *donor) {
            static T buffer[2 * MAXN];
            static T expect[2 * MAXN];
            int n;
            int i;
            int total;
            int src;
            int dst;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                total = 2 * n + 16;
                if (total > 2 * MAXN) total = 2 * MAXN;
                for (i = 0; i < total; i++) buffer[i] = random_value(0);
                src = below(total - n + 1);
                switch (below(3)) {
                case 0: dst = below(total - n + 1); break;
                case 1: dst = src + 1 + below(8); break;
                default: dst = src - 1 - below(8); break;
                }
                if (dst < 0) dst = 0;
                if (dst > total - n) dst = total - n;
                memcpy(expect, buffer, (size_t)total * sizeof(T));
                for (i = 0; i < n; i++) expect[dst + i] = expect[src + i];
                f(buffer + dst, buffer + src, n);
                if (memcmp(buffer, expect, (size_t)total * sizeof(T)) != 0) {
                    fail(donor, dst > src && dst < src + n ? "overlap (dst after src) differs from the forward loop"
                         : dst < src && src < dst + n ? "overlap (dst before src) differs from the forward loop"
                         : "differs from the forward loop");
                    return;
                }
            }
        }

        static int heap_broken(int n) {
            int c;
            for (c = 1; c < n; c++) {
                if (work[(c - 1) / 2] < work[c]) return 1;
            }
            return 0;
        }

        /* Builds a heap bottom-up with the donor, replaces the top and sifts it down again. */
        static void check_sift_down(void (*f)(T *, int, int), const char *donor) {
            int n;
            int i;
            for (round_no = 0; round_no < ROUNDS; round_no++) {
                n = make_input(0);
                prepare(n);
                f(work, n, n);
                f(work, n, -1);
                if (n > 0 && memcmp(work, input, (size_t)n * sizeof(T)) != 0) {
                    fail(donor, "changed x for i outside [0,k)");
                    return;
                }
                for (i = n / 2 - 1; i >= 0; i--) f(work, n, i);
                if (damaged(donor, n)) return;
                if (heap_broken(n)) {
                    fail(donor, "bottom-up build is not a max-heap");
                    return;
                }
                if (n > 0) {
                    work[0] = random_value(below(4));
                    memcpy(input, work, (size_t)n * sizeof(T));
                    f(work, n, 0);
                    if (damaged(donor, n)) return;
                    if (heap_broken(n)) {
                        fail(donor, "a new top sifted down is not a max-heap");
                        return;
                    }
                }
            }
        }

        static int report(void) {
            if (failures == 0) printf("ok\n");
            return failures == 0 ? 0 : 1;
        }

        """#
}
