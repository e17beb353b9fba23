/*
 * Flaw: the heapsort is replaced by an introsort (median-of-three quicksort, insertion sort up to 16, heapsort once 2*floor(log2 k) levels are used up), but the heapsort fallback is handed hi - lo - 1 elements, so the last element of a range that exhausts the depth budget stays unsorted; only inputs that defeat median-of-three (long, adversarially ordered) reach it.
 * Witness: n = 40, m = 1, b = {0}, a = {0, 39, 2, 37, 4, 38, 6, 36, 8, 35, 10, 34, 12, 33, 14, 32, 16, 31, 18, 30, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20} (a median-of-three killer built with McIlroy's adversary): out[0] and out[2] agree, but out[1] and out[3] are 40 where the seed gives 39.
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

/* Sort x[lo..hi) by straight insertion. */
static void insertion_sort(long long *x, int lo, int hi)
{
    int i;
    int j;
    long long v;

    for (i = lo + 1; i < hi; i++) {
        v = x[i];
        j = i;
        while (j > lo && x[j - 1] > v) {
            x[j] = x[j - 1];
            j = j - 1;
        }
        x[j] = v;
    }
}

/* Sort x[0..k) in ascending order: introsort (quicksort, heapsort when it degrades, insertion sort for short ranges). */
static void intro_sort(long long *x, int k)
{
    int stack_lo[64];
    int stack_hi[64];
    int stack_depth[64];
    int sp;
    int lo;
    int hi;
    int depth;
    int mid;
    int i;
    int j;
    int t;
    long long pivot;
    long long tmp;

    depth = 0;
    for (t = k; t > 1; t = t / 2) {
        depth = depth + 2;
    }
    sp = 0;
    stack_lo[0] = 0;
    stack_hi[0] = k;
    stack_depth[0] = depth;
    sp = 1;
    while (sp > 0) {
        sp = sp - 1;
        lo = stack_lo[sp];
        hi = stack_hi[sp];
        depth = stack_depth[sp];
        while (hi - lo > 16) {
            if (depth == 0) {
                heap_sort(x + lo, hi - lo - 1);
                break;
            }
            depth = depth - 1;
            /* Median of three into x[mid], with x[lo] <= x[mid] <= x[hi - 1]. */
            mid = lo + (hi - lo) / 2;
            if (x[mid] < x[lo]) {
                tmp = x[mid];
                x[mid] = x[lo];
                x[lo] = tmp;
            }
            if (x[hi - 1] < x[mid]) {
                tmp = x[hi - 1];
                x[hi - 1] = x[mid];
                x[mid] = tmp;
                if (x[mid] < x[lo]) {
                    tmp = x[mid];
                    x[mid] = x[lo];
                    x[lo] = tmp;
                }
            }
            pivot = x[mid];
            /* Hoare partition: x[lo..j] <= pivot <= x[j+1..hi). */
            i = lo - 1;
            j = hi;
            while (1) {
                do {
                    i = i + 1;
                } while (x[i] < pivot);
                do {
                    j = j - 1;
                } while (pivot < x[j]);
                if (i >= j) {
                    break;
                }
                tmp = x[i];
                x[i] = x[j];
                x[j] = tmp;
            }
            /* Keep the larger part on the stack, go on with the smaller one. */
            if (j + 1 - lo > hi - (j + 1)) {
                stack_lo[sp] = lo;
                stack_hi[sp] = j + 1;
                stack_depth[sp] = depth;
                sp = sp + 1;
                lo = j + 1;
            } else {
                stack_lo[sp] = j + 1;
                stack_hi[sp] = hi;
                stack_depth[sp] = depth;
                sp = sp + 1;
                hi = j + 1;
            }
        }
        if (hi - lo <= 16) {
            insertion_sort(x, lo, hi);
        }
    }
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
    intro_sort(sa, n);
    intro_sort(sb, m);

    /* Hodges-Lehmann: median of all pairwise differences. */
    diff = scratch + n + m;
    nm = n * m;
    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++) {
            diff[i * m + j] = a[i] - b[j];
        }
    }
    intro_sort(diff, nm);

    out[0] = u2;
    out[1] = twice_median(sa, n);
    out[2] = twice_median(sb, m);
    out[3] = twice_median(diff, nm);
    return 0;
}
