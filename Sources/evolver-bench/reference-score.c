/*
 * score, hand-written reference: the same contract as Sandboxes/score/seed.c with better
 * algorithms, a yardstick for what evolution of the scoring kernel could reach.
 *
 * - a and b are copied into scratch and sorted (quicksort, median of three, insertion sort
 *   below 16 elements).
 * - Twice the Mann-Whitney U: one merge over the sorted copies, O(n + m).
 * - The medians of a and b: read from the sorted copies.
 * - Twice the Hodges-Lehmann shift without forming the n*m differences: the difference of
 *   rank (k-1)/2 (k = n*m) lies in a bracket [lo, hi] of actual differences that probes
 *   narrow. One sweep over the sorted copies, O(n + m), counts the differences <= v and also
 *   yields the largest difference <= v and the smallest one > v, so the bracket snaps to
 *   actual differences. The first probe is the difference of the medians, the second steps
 *   from it by the sum of the interquartile ranges, later ones follow the secant through the
 *   last two probes; each aims a little past the target rank on the side of the bracket's
 *   farther end so that the bracket closes from both sides. Two guided probes in a row that
 *   fail to halve the count bracket are followed by a bisection of the value range, which
 *   bounds the sweeps whatever the data. Once at most n + m differences remain in the
 *   bracket they are gathered into scratch and the rank is selected there (quickselect);
 *   the difference of rank k/2 is the next one among them, or the smallest above hi.
 */

/* Sort x[0..k) ascending: insertion sort. */
static void insertion_sort(long long *x, int k)
{
    int i;
    int j;
    long long v;

    for (i = 1; i < k; i++) {
        v = x[i];
        j = i - 1;
        while (j >= 0 && x[j] > v) {
            x[j + 1] = x[j];
            j--;
        }
        x[j + 1] = v;
    }
}

/* Sort x[0..k) ascending: quicksort down to runs of 16, then one insertion pass. */
static void quick_sort(long long *x, int k)
{
    int lo;
    int hi;
    int i;
    int j;
    int mid;
    long long p;
    long long t;

    lo = 0;
    hi = k - 1;
    while (hi - lo >= 16) {
        mid = lo + (hi - lo) / 2;
        if (x[mid] < x[lo]) {
            t = x[mid];
            x[mid] = x[lo];
            x[lo] = t;
        }
        if (x[hi] < x[lo]) {
            t = x[hi];
            x[hi] = x[lo];
            x[lo] = t;
        }
        if (x[hi] < x[mid]) {
            t = x[hi];
            x[hi] = x[mid];
            x[mid] = t;
        }
        p = x[mid];
        i = lo;
        j = hi;
        while (i <= j) {
            while (x[i] < p) {
                i++;
            }
            while (x[j] > p) {
                j--;
            }
            if (i <= j) {
                t = x[i];
                x[i] = x[j];
                x[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller part, loop on the larger: stack depth O(log k). */
        if (j - lo < hi - i) {
            quick_sort(x + lo, j - lo + 1);
            lo = i;
        } else {
            quick_sort(x + i, hi - i + 1);
            hi = j;
        }
    }
}

/* Sort x[0..k) ascending. */
static void sort_values(long long *x, int k)
{
    quick_sort(x, k);
    insertion_sort(x, k);
}

/*
 * Over ascending sa[0..n) and sb[0..m): returns how many differences sa[i] - sb[j] are <= v,
 * and sets below[0] to the largest difference <= v and above[0] to the smallest one > v
 * (left unchanged when there is none). sa[i] - sb[j] <= v means sb[j] >= sa[i] - v; that bound
 * rises with i, so the first qualifying j only moves right.
 */
static long long count_at_most(const long long *sa, int n, const long long *sb, int m, long long v, long long *below, long long *above)
{
    long long count;
    long long low;
    long long high;
    long long t;
    long long d;
    int have_low;
    int have_high;
    int i;
    int j;

    count = 0;
    have_low = 0;
    have_high = 0;
    low = 0;
    high = 0;
    j = 0;
    for (i = 0; i < n; i++) {
        t = sa[i] - v;
        while (j < m && sb[j] < t) {
            j++;
        }
        count = count + (m - j);
        if (j < m) {
            d = sa[i] - sb[j];
            if (!have_low || d > low) {
                low = d;
                have_low = 1;
            }
        }
        if (j > 0) {
            d = sa[i] - sb[j - 1];
            if (!have_high || d < high) {
                high = d;
                have_high = 1;
            }
        }
    }
    if (have_low) {
        below[0] = low;
    }
    if (have_high) {
        above[0] = high;
    }
    return count;
}

/*
 * Rearranges x[0..k) so that x[t] holds the value of rank t, the values before it are <= it
 * and those after it >= it (quickselect, median of three; 0 <= t < k).
 */
static void select_rank(long long *x, int k, int t)
{
    int lo;
    int hi;
    int i;
    int j;
    int mid;
    long long p;
    long long v;

    lo = 0;
    hi = k - 1;
    while (hi - lo >= 8) {
        mid = lo + (hi - lo) / 2;
        if (x[mid] < x[lo]) {
            v = x[mid];
            x[mid] = x[lo];
            x[lo] = v;
        }
        if (x[hi] < x[lo]) {
            v = x[hi];
            x[hi] = x[lo];
            x[lo] = v;
        }
        if (x[hi] < x[mid]) {
            v = x[hi];
            x[hi] = x[mid];
            x[mid] = v;
        }
        p = x[mid];
        i = lo;
        j = hi;
        while (i <= j) {
            while (x[i] < p) {
                i++;
            }
            while (x[j] > p) {
                j--;
            }
            if (i <= j) {
                v = x[i];
                x[i] = x[j];
                x[j] = v;
                i++;
                j--;
            }
        }
        if (t <= j) {
            hi = j;
        } else if (t >= i) {
            lo = i;
        } else {
            return;
        }
    }
    insertion_sort(x + lo, hi - lo + 1);
}

/*
 * Twice the median of the n*m differences sa[i] - sb[j] (sa, sb ascending, n, m >= 1);
 * band has room for n*m values.
 */
static long long twice_shift(const long long *sa, int n, const long long *sb, int m, long long *band)
{
    long long k;
    long long r;
    long long lo;
    long long hi;
    long long count_below_lo;
    long long count_to_hi;
    long long v;
    long long c;
    long long below;
    long long above;
    long long last_v;
    long long last_c;
    long long scale;
    long long aim;
    long long d;
    long long first;
    long long second;
    int probes;
    int bisect;
    int guided;
    int halved;
    int stalls;
    int g;
    int i;
    int j;
    int start;
    int end;
    int t;

    k = (long long)n * m;
    r = (k - 1) / 2;
    /* Invariant: the difference of rank r lies in [lo, hi]; count_below_lo differences are
       < lo (at most r), count_to_hi are <= hi (more than r); lo and hi are differences. */
    lo = sa[0] - sb[m - 1];
    hi = sa[n - 1] - sb[0];
    count_below_lo = 0;
    count_to_hi = k;
    /* A scale of the differences near their median: the sum of the interquartile ranges. */
    scale = sa[(3 * n) / 4] - sa[n / 4] + sb[(3 * m) / 4] - sb[m / 4];
    v = (sa[(n - 1) / 2] + sa[n / 2] - sb[(m - 1) / 2] - sb[m / 2]) / 2;
    last_v = 0;
    last_c = 0;
    probes = 0;
    bisect = 0;
    stalls = 0;
    while (lo < hi && count_to_hi - count_below_lo > n + m) {
        if (bisect || v < lo || v >= hi) {
            v = lo + (hi - lo) / 2;
            guided = 0;
        } else {
            guided = probes > 0;
        }
        below = lo;
        above = hi;
        c = count_at_most(sa, n, sb, m, v, &below, &above);
        if (c > r) {
            halved = 2 * (c - count_below_lo) <= count_to_hi - count_below_lo;
            hi = below;
            count_to_hi = c;
        } else {
            halved = 2 * (count_to_hi - c) <= count_to_hi - count_below_lo;
            lo = above;
            count_below_lo = c;
        }
        /* Two guided probes in a row that did not halve the count bracket: bisect once. */
        if (!guided || halved) {
            stalls = 0;
        } else {
            stalls++;
        }
        bisect = stalls >= 2;
        if (bisect) {
            stalls = 0;
        }
        /* Aim the next probe a quarter of n + m ranks past rank r + 1/2, on the side of the
           bracket's farther end, so that the bracket closes from both sides: from the scale
           after the first probe, then through the last two probes (secant). Twice the rank
           distance is below 2^21 + 2^11 and |v - last_v| < 2^41: the products fit. */
        if (r - count_below_lo > count_to_hi - r) {
            aim = 2 * r + 1 - (n + m) / 2;
        } else {
            aim = 2 * r + 1 + (n + m) / 2;
        }
        if (probes == 0) {
            d = (aim - 2 * c) * scale / (2 * k);
        } else if (c != last_c) {
            d = (aim - 2 * c) * (v - last_v) / (2 * (c - last_c));
        } else {
            d = 0;
        }
        if (d == 0) {
            d = 2 * c > aim ? -1 : 1;
        }
        last_v = v;
        last_c = c;
        v = v + d;
        probes++;
    }
    if (lo == hi) {
        first = lo;
        if (k % 2 == 1 || count_to_hi > r + 1) {
            return 2 * first;
        }
        above = first;
        count_at_most(sa, n, sb, m, first, &below, &above);
        return first + above;
    }

    /* Few differences left in [lo, hi]: gather them, with the smallest difference above hi,
       and select. In row i they are sa[i] - sb[j] for j in [start, end). */
    g = 0;
    start = 0;
    end = 0;
    above = hi;
    for (i = 0; i < n; i++) {
        while (start < m && sb[start] < sa[i] - hi) {
            start++;
        }
        if (end < start) {
            end = start;
        }
        while (end < m && sb[end] <= sa[i] - lo) {
            end++;
        }
        for (j = start; j < end; j++) {
            band[g] = sa[i] - sb[j];
            g++;
        }
        if (start > 0 && (above == hi || sa[i] - sb[start - 1] < above)) {
            above = sa[i] - sb[start - 1];
        }
    }
    t = (int)(r - count_below_lo);
    select_rank(band, g, t);
    first = band[t];
    if (k % 2 == 1) {
        return 2 * first;
    }
    if (t + 1 < g) {
        second = band[t + 1];
        for (j = t + 2; j < g; j++) {
            if (band[j] < second) {
                second = band[j];
            }
        }
    } else {
        second = above;
    }
    return first + second;
}

int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)
{
    long long *sa;
    long long *sb;
    long long u2;
    int i;
    int less;
    int upto;

    if (n < 1 || m < 1) {
        return -1;
    }
    sa = scratch;
    sb = scratch + n;
    for (i = 0; i < n; i++) {
        sa[i] = a[i];
    }
    for (i = 0; i < m; i++) {
        sb[i] = b[i];
    }
    sort_values(sa, n);
    sort_values(sb, m);

    /* For ascending sa[i]: less counts the b values < sa[i], upto those <= sa[i]. */
    u2 = 0;
    less = 0;
    upto = 0;
    for (i = 0; i < n; i++) {
        while (less < m && sb[less] < sa[i]) {
            less++;
        }
        if (upto < less) {
            upto = less;
        }
        while (upto < m && sb[upto] <= sa[i]) {
            upto++;
        }
        u2 = u2 + less + upto;
    }

    out[0] = u2;
    out[1] = sa[(n - 1) / 2] + sa[n / 2];
    out[2] = sb[(m - 1) / 2] + sb[m / 2];
    out[3] = twice_shift(sa, n, sb, m, scratch + n + m);
    return 0;
}
