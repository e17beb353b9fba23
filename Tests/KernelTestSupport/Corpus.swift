/// A realistic kernel used by round-trip, fuzz and behaviour tests. Every kernel exports
/// `long long run(int *a, int n)`, which may scribble on `a[0..<n]` and returns a checksum.
public struct Kernel: Sendable, CustomStringConvertible {
    public var name: String
    public var source: String
    public var description: String { name }

    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}

public enum Corpus {
    public static let all: [Kernel] = [
        insertionSort, prefixSums, smithWaterman, mannWhitney, quickselectMedian, insertionMedian,
        matrixMultiply, unrolledDot, switchMachine, castsAndSizeof, constantTables, characterClasses,
        loopForms,
    ]

    public static let insertionSort = Kernel(name: "insertion_sort", source: #"""
    /* Insertion sort followed by a polynomial hash. */
    typedef unsigned long long u64;

    static void insertion_sort(int *a, int n);

    static void insertion_sort(int *a, int n) {
        for (int i = 1; i < n; i++) {
            int key = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > key) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = key;
        }
    }

    long long run(int *a, int n)
    {
        insertion_sort(a, n);
        u64 h = 0;
        for (int i = 0; i < n; ++i)
            h = h * 31 + (u64)(unsigned)a[i];   // unbraced body
        return (long long)h;
    }
    """#)

    public static let prefixSums = Kernel(name: "prefix_sums", source: #"""
    static long long prefix_sums(int *restrict out, const int *const in, int n) {
        const int *p = in;
        const int *const end = in + n;
        int *q = out;
        long long total = 0;
        while (p != end) {
            total += *p++;
            *q++ = (int)total;
        }
        return total;
    }

    long long run(int *a, int n) {
        int scratch[64] = {0};
        int m = n < 64 ? n : 64;
        long long t = prefix_sums(scratch, a, m);
        unsigned long long h = 1469598103934665603ULL;
        for (int i = 0; i < m; i++) {
            h ^= (unsigned long long)(unsigned int)scratch[i];
            h *= 1099511628211ull;
        }
        return (long long)(h ^ (unsigned long long)t);
    }
    """#)

    public static let smithWaterman = Kernel(name: "smith_waterman_affine", source: #"""
    static inline int max2(int x, int y) { return x > y ? x : y; }
    static inline int max4(int a, int b, int c, int d) { return max2(max2(a, b), max2(c, d)); }

    /* Smith-Waterman local alignment score with affine gap penalties (Gotoh). */
    long long run(int *a, int n) {
        const int match = 3, mismatch = -3, gap_open = 5, gap_extend = 1;
        int m1 = n / 2;
        int m2 = n - m1;
        if (m1 > 32) m1 = 32;
        if (m2 > 32) m2 = 32;
        int H[33][33];
        int E[33][33];
        int F[33][33];
        int best = 0;
        for (int i = 0; i <= m1; i++)
            for (int j = 0; j <= m2; j++) {
                H[i][j] = 0;
                E[i][j] = F[i][j] = -1000000;
            }
        for (int i = 1; i <= m1; i++) {
            for (int j = 1; j <= m2; j++) {
                int x = a[i - 1] & 3;
                int y = a[n - j] & 3;
                E[i][j] = max2(E[i][j - 1] - gap_extend, H[i][j - 1] - gap_open);
                F[i][j] = max2(F[i - 1][j] - gap_extend, H[i - 1][j] - gap_open);
                int diag = H[i - 1][j - 1] + (x == y ? match : mismatch);
                H[i][j] = max4(0, diag, E[i][j], F[i][j]);
                if (H[i][j] > best) best = H[i][j];
            }
        }
        return best;
    }
    """#)

    public static let mannWhitney = Kernel(name: "mann_whitney_u", source: #"""
    static int bucket(int v) { return ((v % 7) + 7) % 7; }

    /* Twice the Mann-Whitney U statistic of the two halves, counting ties as one half. */
    long long run(int *a, int n) {
        int m = n / 2;
        long long twice_u = 0;
        for (int i = 0; i < m; i++) {
            for (int j = m; j < n; j++) {
                int x = bucket(a[i]), y = bucket(a[j]);
                twice_u += x > y ? 2 : x == y ? 1 : 0;
            }
        }
        return twice_u * 1000 + (long long)m * (n - m) - (n - (m - 1)) + 1000 / (2 * (m + 1));
    }
    """#)

    public static let quickselectMedian = Kernel(name: "quicksort_median", source: #"""
    static void swap_ints(int *x, int *y) { int t = *x; *x = *y; *y = t; }

    static void quicksort(int *v, int lo, int hi) {
        while (lo < hi) {
            int pivot = v[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            do {
                while (v[i] < pivot) i++;
                while (v[j] > pivot) j--;
                if (i <= j) {
                    swap_ints(&v[i], &v[j]);
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j - lo < hi - i) {
                quicksort(v, lo, j);
                lo = i;
            } else {
                quicksort(v, i, hi);
                hi = j;
            }
        }
    }

    long long run(int *a, int n) {
        int buf[128];
        int m = n > 128 ? 128 : n;
        if (m == 0) return 0;
        for (int i = 0; i < m; i++) buf[i] = a[i];
        quicksort(buf, 0, m - 1);
        return m % 2 ? buf[m / 2] * 2LL : (long long)buf[m / 2 - 1] + buf[m / 2];
    }
    """#)

    public static let insertionMedian = Kernel(name: "insertion_median_double", source: #"""
    static double median_of(const int *src, int n, double *scratch) {
        for (int i = 0; i < n; i++) {
            double v = (double)src[i] * 0.5;
            int j = i;
            while (j > 0 && scratch[j - 1] > v) {
                scratch[j] = scratch[j - 1];
                --j;
            }
            scratch[j] = v;
        }
        if (n == 0) return 0.0;
        return n & 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2.;
    }

    long long run(int *a, int n) {
        double scratch[256];
        if (n > 256) n = 256;
        double med = median_of(a, n, scratch);
        return (long long)(med * 1e3) + (long long)(.5f * 4) + (long long)(0x1p-2 * 8);
    }
    """#)
}
