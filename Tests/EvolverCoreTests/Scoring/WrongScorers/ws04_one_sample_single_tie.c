/*
 * Flaw: a one-sample shortcut (n == 1 with m >= 64, or m == 1 with n >= 64) finds the lone value in the other sorted sample by bisection and assumes it ties at most one element there.
 * Witness: n = 1, m = 100, a = {500}, b[j] = 10 * j for j in [0, 100) except b[51] = 500 (so 500 occurs twice in b): the seed gives out[0] = 102, this kernel gives out[0] = 101 (out[1..3] agree).
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

/* First index of the sorted x[0..k) whose value is >= v (k when there is none). */
static int lower_bound(const long long *x, int k, long long v)
{
    int lo;
    int hi;
    int mid;

    lo = 0;
    hi = k;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (x[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
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
    int lt;
    int le;

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

    /* One incumbent sample against many: bisect instead of scanning; timing samples rarely tie. */
    if (n == 1 && m >= 64) {
        lt = lower_bound(sb, m, a[0]);
        le = lt;
        if (le < m && sb[le] == a[0]) {
            le = le + 1;
        }
        out[0] = 2 * (long long)lt + (le - lt);
        out[1] = 2 * a[0];
        out[2] = twice_median(sb, m);
        out[3] = out[1] - out[2];
        return 0;
    }
    /* And one candidate sample against many. */
    if (m == 1 && n >= 64) {
        lt = lower_bound(sa, n, b[0]);
        le = lt;
        if (le < n && sa[le] == b[0]) {
            le = le + 1;
        }
        out[0] = 2 * (long long)(n - le) + (le - lt);
        out[1] = twice_median(sa, n);
        out[2] = 2 * b[0];
        out[3] = out[1] - out[2];
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
