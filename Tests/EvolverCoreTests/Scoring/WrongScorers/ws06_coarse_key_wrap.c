/*
 * Flaw: U compares 32-bit keys (value rounded to 256 ns) first and the full values only when the keys tie, but (v + 128) >> 8 needs 33 bits for v >= 2^40 - 128, so the top 128 values of the range wrap to key 0 and compare below everything above 127.
 * Witness: n = 1, m = 1, a = {1099511627775} (2^40 - 1), b = {1000}: the seed gives out[0] = 2 (b faster), this kernel gives out[0] = 0 (out[1..3] agree).
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

/* The 32-bit key of a value: rounded to the nearest multiple of 256. */
static unsigned int coarse_key(long long v)
{
    return (unsigned int)((v + 128) >> 8);
}

int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)
{
    long long *sa;
    long long *sb;
    long long *diff;
    long long u2;
    unsigned int ka;
    unsigned int kb;
    int i;
    int j;
    int nm;

    if (n < 1 || m < 1) {
        return -1;
    }

    /* Twice the Mann-Whitney U: count every pair, on 32-bit keys unless they tie. */
    u2 = 0;
    for (i = 0; i < n; i++) {
        ka = coarse_key(a[i]);
        for (j = 0; j < m; j++) {
            kb = coarse_key(b[j]);
            if (kb < ka) {
                u2 = u2 + 2;
            } else if (kb == ka) {
                if (b[j] < a[i]) {
                    u2 = u2 + 2;
                } else if (b[j] == a[i]) {
                    u2 = u2 + 1;
                }
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
