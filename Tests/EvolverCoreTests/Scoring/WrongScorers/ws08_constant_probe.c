/*
 * Flaw: a "coarse clock" fast path probes only the first, middle and last samples of a and b and, when all six are equal, answers as if every sample were that value (U = n*m/2, medians 2v, shift 0).
 * Witness: n = m = 4, a = {7, 1, 7, 7}, b = {7, 7, 7, 7}: the seed gives out = {12, 14, 14, 0}, this kernel gives out = {16, 14, 14, 0}.
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
    long long v;
    int i;
    int j;
    int nm;

    if (n < 1 || m < 1) {
        return -1;
    }

    /* Coarse clocks give constant samples: when the probes agree, skip all the work. */
    v = a[0];
    if (a[n / 2] == v && a[n - 1] == v && b[0] == v && b[m / 2] == v && b[m - 1] == v) {
        out[0] = (long long)n * m;
        out[1] = 2 * v;
        out[2] = 2 * v;
        out[3] = 0;
        return 0;
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
