/// The two real evolver targets, copied verbatim from /work/main/Sandboxes/*/seed.c (the test
/// target cannot read the other repository).
enum Seeds {
    /// Mann-Whitney U and medians with heapsort (`int score(...)`).
    static let score = #"""
    /*
     * score: statistical comparison of two timing samples.
     *
     * a holds n samples of the incumbent, b holds m samples of the candidate.
     * On success (n >= 1 and m >= 1) the function returns 0 and writes:
     *   out[0] = twice the Mann-Whitney U that b is faster:
     *            sum over all pairs (i, j) of 2 if b[j] < a[i], 1 if equal, else 0
     *   out[1] = twice the median of a
     *   out[2] = twice the median of b
     *   out[3] = twice the median of the n*m differences a[i] - b[j]
     *            (twice the Hodges-Lehmann shift; positive means b is faster)
     * "Twice the median" of k sorted values x is x[(k-1)/2] + x[k/2].
     * When n < 1 or m < 1 it returns -1 and writes nothing to out.
     *
     * scratch layout: [0, n) sorted copy of a, [n, n+m) sorted copy of b,
     * [n+m, n+m+n*m) the pairwise differences.
     */

    /* Restore the max-heap property below position i in x[0..k). */
    static void sift_down(long long *x, int i, int k)
    {
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

    /* Sort x[0..k) in ascending order (heapsort, O(k log k), in place). */
    static void heap_sort(long long *x, int k)
    {
        int i;
        long long tmp;

        for (i = k / 2 - 1; i >= 0; i--) {
            sift_down(x, i, k);
        }
        for (i = k - 1; i > 0; i--) {
            tmp = x[0];
            x[0] = x[i];
            x[i] = tmp;
            sift_down(x, 0, i);
        }
    }

    /* Twice the median of the k sorted values x[0..k), k >= 1. */
    static long long twice_median(const long long *x, int k)
    {
        return x[(k - 1) / 2] + x[k / 2];
    }

    int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)
    {
        long long *sa;
        long long *sb;
        long long *diff;
        long long u2;
        int i;
        int j;
        int nm;

        if (n < 1 || m < 1) {
            return -1;
        }

        /* Twice the Mann-Whitney U: count every pair. */
        u2 = 0;
        for (i = 0; i < n; i++) {
            for (j = 0; j < m; j++) {
                if (b[j] < a[i]) {
                    u2 = u2 + 2;
                } else if (b[j] == a[i]) {
                    u2 = u2 + 1;
                }
            }
        }

        /* Medians of a and b from sorted copies. */
        sa = scratch;
        sb = scratch + n;
        for (i = 0; i < n; i++) {
            sa[i] = a[i];
        }
        for (j = 0; j < m; j++) {
            sb[j] = b[j];
        }
        heap_sort(sa, n);
        heap_sort(sb, m);

        /* Hodges-Lehmann: median of all pairwise differences. */
        diff = scratch + n + m;
        nm = n * m;
        for (i = 0; i < n; i++) {
            for (j = 0; j < m; j++) {
                diff[i * m + j] = a[i] - b[j];
            }
        }
        heap_sort(diff, nm);

        out[0] = u2;
        out[1] = twice_median(sa, n);
        out[2] = twice_median(sb, m);
        out[3] = twice_median(diff, nm);
        return 0;
    }
    """#

    /// Gotoh affine-gap Smith-Waterman (`int sw_score(...)`).
    static let smithWaterman = #"""
    /*
     * sw_score: Smith-Waterman local alignment score with affine gaps (Gotoh).
     *
     * a (length n) and b (length m) hold residue indices in 0..k-1.
     * sub is the k x k substitution matrix, row-major: sub[x*k + y] scores
     * residue x of a against residue y of b. A gap of length L costs
     * open + (L-1)*extend, with 0 <= extend <= open.
     * Returns the best local alignment score (0 when either sequence is empty).
     *
     * Recurrence, for 1 <= i <= n (rows, over a) and 1 <= j <= m (columns, over b):
     *   E[i][j] = max(H[i][j-1] - open, E[i][j-1] - extend)   gap in a (horizontal)
     *   F[i][j] = max(H[i-1][j] - open, F[i-1][j] - extend)   gap in b (vertical)
     *   H[i][j] = max(0, H[i-1][j-1] + sub(a[i-1], b[j-1]), E[i][j], F[i][j])
     * with H = 0 on the borders and E, F = "minus infinity" on the borders.
     *
     * scratch layout (3*(m+1) ints): previous H row, current H row, F row.
     * E only depends on the current row, so it is kept in a local variable.
     */

    static int max2(int x, int y)
    {
        if (x > y) {
            return x;
        }
        return y;
    }

    int sw_score(const unsigned char *a, int n, const unsigned char *b, int m, const signed char *sub, int k, int open, int extend, int *scratch)
    {
        int *hprev;
        int *hcur;
        int *f;
        int *tmp;
        int neg_inf;
        int best;
        int e;
        int h;
        int i;
        int j;
        int row;

        if (n <= 0 || m <= 0) {
            return 0;
        }

        /* Far below any reachable score, yet safe to subtract a penalty from. */
        neg_inf = -1000000000;

        hprev = scratch;
        hcur = scratch + (m + 1);
        f = scratch + 2 * (m + 1);
        for (j = 0; j <= m; j++) {
            hprev[j] = 0;
            hcur[j] = 0;
            f[j] = neg_inf;
        }

        best = 0;
        for (i = 1; i <= n; i++) {
            row = a[i - 1] * k;
            hcur[0] = 0;
            e = neg_inf;
            for (j = 1; j <= m; j++) {
                e = max2(hcur[j - 1] - open, e - extend);
                f[j] = max2(hprev[j] - open, f[j] - extend);
                h = hprev[j - 1] + sub[row + b[j - 1]];
                h = max2(h, e);
                h = max2(h, f[j]);
                h = max2(h, 0);
                hcur[j] = h;
                if (h > best) {
                    best = h;
                }
            }
            tmp = hprev;
            hprev = hcur;
            hcur = tmp;
        }
        return best;
    }
    """#
}
