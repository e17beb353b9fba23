import KernelTestSupport

/// Small `long long run(int *a, int n)` kernels written so that every semantics-preserving
/// operator has several proposals to be checked against gcc.
enum MutationKernels {
    static let all: [Kernel] = [sums, invariants, helpers, independentParts, unsignedReduction, aliasing, edgeLoops, narrowTypes, floatSums]

    /// Reductions and element-wise loops: unrolling, split accumulators, fusion, pointer walking.
    static let sums = Kernel(name: "mk_sums", source: #"""
    long long run(int *a, int n) {
        long long s = 0;
        long long t = 0;
        int i;
        for (i = 0; i < n; i++) {
            s += a[i];
        }
        for (i = 0; i < n; i++) {
            t = t + a[i] * 3;
        }
        for (i = 1; i <= n; i++) {
            a[i - 1] = a[i - 1] + i;
        }
        return s * 31 + t + i;
    }
    """#)

    /// Invariant and repeated subexpressions, powers of two, products of the loop variable.
    static let invariants = Kernel(name: "mk_invariants", source: #"""
    long long run(int *a, int n) {
        long long s = 0;
        int k = n / 3 + 1;
        unsigned int u = 7;
        for (int i = 0; i < n; i++) {
            s += a[i] * (k * 2 + 1) + (k * 2 + 1);
            u = u * 8 + (unsigned int)a[i] / 4u;
            if (a[i] > s % 100) {
                s = s - 1;
            } else {
                s = s + 2;
            }
        }
        for (int i = 0; i < n; i++) {
            int j = i * 4;
            a[i] = (j + i % 8) & 1023;
        }
        return s + (long long)u;
    }
    """#)

    /// Helpers to inline, branches and selects, repeated loads.
    static let helpers = Kernel(name: "mk_helpers", source: #"""
    static int max2(int x, int y) {
        if (x > y) {
            return x;
        }
        return y;
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    static void bump(int *p, int n, int d) {
        for (int i = 0; i < n; i++) {
            p[i] += d;
        }
    }

    long long run(int *a, int n) {
        int best = -1000000;
        int worst = 1000000;
        long long acc = 0;
        for (int i = 0; i < n; i++) {
            best = max2(best, a[i]);
            if (a[i] < worst) {
                worst = a[i];
            }
            acc = acc + clamp(a[i], -100, 100);
            acc = a[i] > 0 ? acc + 1 : acc;
        }
        bump(a, n, 3);
        return acc * 1000003 + best * 1009 + worst;
    }
    """#)

    /// A loop body of independent parts (fission) and dependent loops (refusals).
    static let independentParts = Kernel(name: "mk_independent_parts", source: #"""
    long long run(int *a, int n) {
        int b[64];
        int c[64];
        long long s = 0;
        long long t = 0;
        int m = n < 64 ? n : 64;
        for (int i = 0; i < m; i++) {
            s += a[i] * 2;
            t += a[i] ^ 5;
        }
        for (int i = 0; i < m; i++) {
            b[i] = a[i] + 1;
        }
        for (int i = 0; i < m; i++) {
            c[i] = a[i] - 1;
        }
        for (int i = 0; i < m; i++) {
            s += b[i] * c[i];
        }
        return s * 7 + t;
    }
    """#)

    /// Unsigned and subtracted reductions inside branches.
    static let unsignedReduction = Kernel(name: "mk_unsigned_reduction", source: #"""
    long long run(int *a, int n) {
        unsigned int h = 0;
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] > 0) {
                h += (unsigned int)a[i] * 2654435761u;
            } else {
                d -= a[i];
            }
        }
        return (long long)h * 3 + d;
    }
    """#)

    /// Overlapping pointers: loads and stores through `dst` and `src` alias.
    static let aliasing = Kernel(name: "mk_aliasing", source: #"""
    static void mix(int *dst, const int *src, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = dst[i] + src[i];
            dst[i] = dst[i] * 3 + src[i];
        }
    }

    static int dot(const int *x, const int *y, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    long long run(int *a, int n) {
        int before;
        int after;
        if (n < 2) {
            return n;
        }
        before = dot(a, a + 1, n - 1);
        mix(a + 1, a, n - 1);
        after = dot(a, a, n);
        return (long long)before * 31 + after;
    }
    """#)

    /// Bounds below the start, inclusive bounds, negative starts and an unsigned counter.
    static let edgeLoops = Kernel(name: "mk_edge_loops", source: #"""
    long long run(int *a, int n) {
        int buf[64];
        long long s = 0;
        unsigned int u;
        int lo = n / 2 - 3;
        int m = n < 64 ? n : 64;
        for (int i = 0; i < m; i++) {
            buf[i] = a[i] % 100;
        }
        for (int i = lo; i <= m - 5; i++) {
            s = s * 3 + (long long)i * 7;
            if (i >= 0) {
                s += buf[i];
            }
        }
        for (u = 2; u < (unsigned int)m; u++) {
            s += buf[u] * u + buf[u - 1] - buf[u - 2];
        }
        for (int i = 1; i <= m; i++) {
            for (int j = 0; j < i; j++) {
                if (buf[j] > buf[i - 1]) {
                    break;
                }
                s += j * i * 4;
            }
        }
        return s;
    }
    """#)

    /// Narrow and mixed types: promotions and conversions that the rewrites must preserve.
    static let narrowTypes = Kernel(name: "mk_narrow_types", source: #"""
    static unsigned char clip(int v) {
        if (v > 255) {
            return 255;
        }
        return v < 0 ? 0 : v;
    }

    static int scaled(short x, int k) {
        k = k * 2;
        return x * k;
    }

    long long run(int *a, int n) {
        unsigned char c = 0;
        short h = 0;
        unsigned int w = 0;
        long long s = 0;
        for (int i = 0; i < n; i++) {
            c = clip(a[i] * 3);
            h = a[i] > 0 ? h + c : h - c;
            w = w + (unsigned int)a[i] * 4;
            s += scaled(h, a[i] & 7) + (c > 100 ? c : -1);
        }
        return s * 7 + w + h;
    }
    """#)

    /// Floating-point reductions (exact for small integers, so every re-association gives the
    /// same result here): `split-float-accumulator`'s sites, which the integer operators refuse.
    static let floatSums = Kernel(name: "mk_float_sums", source: #"""
    long long run(int *a, int n) {
        float s = 0;
        double d = 0;
        int i;
        for (i = 0; i < n; i++) {
            s += a[i] % 64;
        }
        for (i = 0; i < n; i++) {
            d = d + 0.5 * (a[i] % 1024);
        }
        return (long long)s * 7 + (long long)(d * 2);
    }
    """#)
}
