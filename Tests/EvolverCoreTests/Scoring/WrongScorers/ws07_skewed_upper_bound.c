/*
 * Flaw: when m >= 64 * n, U bisects each a[i] in the sorted b; the "last element" fix-up of the upper-bound search tests sb[m-1] < a[i] instead of <=, so an a value equal to the largest b loses that tie.
 * Witness: n = 2, m = 128, a = {127, 5}, b[j] = j for j in [0, 128): the seed gives out[0] = 266, this kernel gives out[0] = 265 (out[1..3] agree).
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

/* Twice the U contributed by one a value v against the sorted sb[0..m), m >= 2, by bisection. */
static long long twice_u_of(const long long *sb, int m, long long v)
{
    int lo;
    int hi;
    int mid;
    int lt;
    int le;

    /* lt: the number of b values below v. */
    lo = 0;
    hi = m;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (sb[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lt = lo;
    /* le: the number of b values at most v; the last element is settled on its own. */
    lo = lt;
    hi = m - 1;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (sb[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    le = lo;
    if (sb[m - 1] < v) {
        le = m;
    }
    return (long long)lt + le;
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

    /* Twice the Mann-Whitney U: bisect in the sorted b when b is much longer, else count every pair. */
    u2 = 0;
    if (m >= 64 * n) {
        for (i = 0; i < n; i++) {
            u2 = u2 + twice_u_of(sb, m, a[i]);
        }
    } else {
        for (i = 0; i < n; i++) {
            for (j = 0; j < m; j++) {
                if (b[j] < a[i]) {
                    u2 = u2 + 2;
                } else if (b[j] == a[i]) {
                    u2 = u2 + 1;
                }
            }
        }
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

    out[0] = u2;
    out[1] = twice_median(sa, n);
    out[2] = twice_median(sb, m);
    out[3] = twice_median(diff, nm);
    return 0;
}
