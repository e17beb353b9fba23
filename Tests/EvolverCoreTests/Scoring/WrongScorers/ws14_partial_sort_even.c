/*
 * Flaw: for n*m > 2^18 the differences are only half heap-sorted (extraction stops once x[k/2] is in place) but the median is still read as x[(k-1)/2] + x[k/2]; for odd k that is right, for even k the lower middle is an arbitrary heap element instead of the heap root x[0].
 * Witness: n = m = 1024, a[i] = (i * 48271) % 1000003, b[j] = (j * 16807) % 999983 for i, j in [0, 1024) (even n*m): out[0..2] agree, but out[3] is -210758 where the seed gives 13460 (with n = m = 1023 and the same formulas, odd n*m, it agrees).
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

/* Twice the median of x[0..k), k >= 1, sorting only the upper half of x in place. */
static long long twice_median_partial(long long *x, int k)
{
    int i;
    long long tmp;

    for (i = k / 2 - 1; i >= 0; i--) {
        sift_down(x, i, k);
    }
    /* Extract the maxima down to the middle: x[k/2..k) end up sorted, which is all the median needs. */
    for (i = k - 1; i >= k / 2 && i > 0; i--) {
        tmp = x[0];
        x[0] = x[i];
        x[i] = tmp;
        sift_down(x, 0, i);
    }
    return twice_median(x, k);
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

    out[0] = u2;
    out[1] = twice_median(sa, n);
    out[2] = twice_median(sb, m);
    if (nm > (1 << 18)) {
        /* Huge: a full sort of the differences is wasted work, the median needs only half of it. */
        out[3] = twice_median_partial(diff, nm);
        return 0;
    }
    heap_sort(diff, nm);
    out[3] = twice_median(diff, nm);
    return 0;
}
