/*
 * Flaw: for n >= 512 and m >= 512, U is counted by merging the sorted copies run by run, but the ties of a run of equal a values are added once instead of once per element of the run.
 * Witness: n = m = 512, every a[i] and b[j] equal to 1000: out[1..3] agree, but out[0] is 512 where the seed gives 262144.
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
    int run;
    int lo;
    int hi;

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

    /* Twice the Mann-Whitney U. */
    u2 = 0;
    if (n >= 512 && m >= 512) {
        /* Large samples: merge the sorted copies, one step per run of equal a values. */
        lo = 0;
        hi = 0;
        i = 0;
        while (i < n) {
            v = sa[i];
            run = 1;
            while (i + run < n && sa[i + run] == v) {
                run = run + 1;
            }
            while (lo < m && sb[lo] < v) {
                lo = lo + 1;
            }
            if (hi < lo) {
                hi = lo;
            }
            while (hi < m && sb[hi] == v) {
                hi = hi + 1;
            }
            u2 = u2 + (long long)run * 2 * lo + (hi - lo);
            i = i + run;
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
