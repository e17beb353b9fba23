/*
 * Flaw: for n == 2 and m >= 64 the two middle differences come from merging the two sorted rows a_lo - b and a_hi - b, but the merge never checks that the low row is exhausted, so when a_hi - a_lo >= max(b) - min(b) the m-th pick reads past the row (sb[-1], i.e. a_hi).
 * Witness: n = 2, m = 64, a = {0, 1000}, b[j] = j for j in [0, 64): out[0..2] agree, but out[3] is -1000 where the seed gives 937.
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
    long long v0;
    long long v1;
    long long cur;
    long long lower;
    int i;
    int j;
    int nm;
    int p;
    int i0;
    int i1;

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

    out[0] = u2;
    out[1] = twice_median(sa, n);
    out[2] = twice_median(sb, m);

    /* Two incumbent samples: the differences are two sorted rows; merge up to the middle. */
    if (n == 2 && m >= 64) {
        i0 = 0;
        i1 = 0;
        cur = 0;
        lower = 0;
        for (p = 0; p <= m; p++) {
            v0 = sa[0] - sb[m - 1 - i0];
            v1 = sa[1] - sb[m - 1 - i1];
            if (i1 >= m || v0 <= v1) {
                cur = v0;
                i0 = i0 + 1;
            } else {
                cur = v1;
                i1 = i1 + 1;
            }
            if (p == m - 1) {
                lower = cur;
            }
        }
        out[3] = lower + cur;
        return 0;
    }

    /* Hodges-Lehmann: median of all pairwise differences. */
    diff = scratch + n + m;
    nm = n * m;
    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++) {
            diff[i * m + j] = a[i] - b[j];
        }
    }
    heap_sort(diff, nm);
    out[3] = twice_median(diff, nm);
    return 0;
}
