/*
 * Flaw: for n*m > 2^18 the Hodges-Lehmann median is found by bisection on the value instead of sorting the differences, with mid = (lo + hi) / 2; C division truncates toward zero, so on a negative interval [t, t+1] the bisection stalls and returns t+1 when the answer is t.
 * Witness: n = m = 1024, a[i] = 1000 + (i * 37) % 1024, b[j] = 2000 + 2 * ((j * 91) % 1024) (b slower, negative shift): out[0..2] agree, but out[3] is -3022 where the seed gives -3023.
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

/* Number of pairs (i, j) with sa[i] - sb[j] <= t, for ascending sa[0..n) and sb[0..m). */
static long long count_at_most(const long long *sa, int n, const long long *sb, int m, long long t)
{
    long long c;
    int i;
    int j;

    c = 0;
    j = 0;
    for (i = 0; i < n; i++) {
        /* sa[i] - sb[j] <= t exactly when sb[j] >= sa[i] - t, a bound that grows with i. */
        while (j < m && sb[j] < sa[i] - t) {
            j = j + 1;
        }
        c = c + (m - j);
    }
    return c;
}

/* The r-th smallest (from 0) of the n*m differences, by bisection on its value. */
static long long select_difference(const long long *sa, int n, const long long *sb, int m, long long r)
{
    long long lo;
    long long hi;
    long long mid;
    int step;

    lo = sa[0] - sb[m - 1];
    hi = sa[n - 1] - sb[0];
    /* The range holds fewer than 2^41 values: 64 halvings are more than enough. */
    for (step = 0; step < 64 && lo < hi; step++) {
        mid = (lo + hi) / 2;
        if (count_at_most(sa, n, sb, m, mid) >= r + 1) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return hi;
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

    out[0] = u2;
    out[1] = twice_median(sa, n);
    out[2] = twice_median(sb, m);

    /* Hodges-Lehmann: median of all pairwise differences. */
    nm = n * m;
    if (nm > (1 << 18)) {
        /* Too many differences to sort in cache: select the two middle ones by value instead. */
        out[3] = select_difference(sa, n, sb, m, (nm - 1) / 2) + select_difference(sa, n, sb, m, nm / 2);
        return 0;
    }
    diff = scratch + n + m;
    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++) {
            diff[i * m + j] = a[i] - b[j];
        }
    }
    heap_sort(diff, nm);
    out[3] = twice_median(diff, nm);
    return 0;
}
