/* Sorting routines over an element type T (see README.md for the conventions). */

/* donor: insertion_sort
 * job: sort
 * types: all
 * contract: sorts x[0..k) ascending (by <) in place, stable; k <= 1 leaves x unchanged; O(k^2) comparisons.
 *
 * The building block of the other sorts for short ranges. With NaN among floats the order is
 * unspecified but every access stays inside x[0..k).
 */
static void evs_insertion_sort_T(T *x, int k) {
    int i;
    int j;
    T v;
    for (i = 1; i < k; i++) {
        v = x[i];
        j = i;
        while (j > 0 && v < x[j - 1]) {
            x[j] = x[j - 1];
            j--;
        }
        x[j] = v;
    }
}

/* donor: shell_sort
 * job: sort
 * types: all
 * contract: sorts x[0..k) ascending (by <) in place, not stable; k <= 1 leaves x unchanged; Ciura gaps extended by x2.25.
 *
 * Gaps 1, 4, 10, 23, 57, 132, 301, 701 (Ciura 2001), then each about 2.25 times the last while
 * it stays below k / 3 (the products cannot overflow int).
 */
static void evs_shell_sort_T(T *x, int k) {
    int gaps[40] = {1, 4, 10, 23, 57, 132, 301, 701};
    int n = 8;
    int g;
    int gap;
    int i;
    int j;
    T v;
    while (n < 40 && gaps[n - 1] <= k / 3) {
        gaps[n] = gaps[n - 1] + gaps[n - 1] + gaps[n - 1] / 4;
        n++;
    }
    for (g = n - 1; g >= 0; g--) {
        gap = gaps[g];
        if (gap >= k) {
            continue;
        }
        for (i = gap; i < k; i++) {
            v = x[i];
            j = i;
            while (j >= gap && v < x[j - gap]) {
                x[j] = x[j - gap];
                j -= gap;
            }
            x[j] = v;
        }
    }
}

/* donor: quick_sort
 * job: sort
 * types: all
 * needs: insertion_sort
 * contract: sorts x[0..k) ascending (by <) in place, not stable; k <= 1 leaves x unchanged; stack depth O(log k).
 *
 * Median-of-three pivot and Hoare partition; ranges of at most 16 elements go to insertion sort.
 * It recurses into the smaller part and loops on the larger one. With NaN among floats the order
 * is unspecified but every access stays inside x[0..k) and the call terminates.
 */
static void evs_quick_sort_T(T *x, int k) {
    int l = 0;
    int r = k - 1;
    int m;
    int i;
    int j;
    T p;
    T t;
    while (r - l + 1 > 16) {
        m = l + (r - l) / 2;
        if (x[m] < x[l]) {
            t = x[l];
            x[l] = x[m];
            x[m] = t;
        }
        if (x[r] < x[m]) {
            t = x[m];
            x[m] = x[r];
            x[r] = t;
            if (x[m] < x[l]) {
                t = x[l];
                x[l] = x[m];
                x[m] = t;
            }
        }
        p = x[m];
        i = l;
        j = r;
        while (i <= j) {
            while (x[i] < p) {
                i++;
            }
            while (p < x[j]) {
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
        if (j - l < r - i) {
            evs_quick_sort_T(x + l, j - l + 1);
            l = i;
        } else {
            evs_quick_sort_T(x + i, r - i + 1);
            r = j;
        }
    }
    evs_insertion_sort_T(x + l, r - l + 1);
}

/* donor: heap_sort
 * job: sort
 * types: all
 * needs: sift_down
 * contract: sorts x[0..k) ascending (by <) in place, not stable; k <= 1 leaves x unchanged; O(k log k) worst case, O(1) stack.
 */
static void evs_heap_sort_T(T *x, int k) {
    int i;
    T t;
    for (i = k / 2 - 1; i >= 0; i--) {
        evs_sift_down_T(x, k, i);
    }
    for (i = k - 1; i > 0; i--) {
        t = x[0];
        x[0] = x[i];
        x[i] = t;
        evs_sift_down_T(x, i, 0);
    }
}

/* donor: merge_sort
 * job: sort
 * types: all
 * needs: insertion_sort, quick_sort
 * contract: sorts x[0..k) ascending (by <) in place, stable when k <= 1024; for k > 1024 it calls quick_sort (not stable).
 *
 * Bottom-up: runs of 16 sorted by insertion sort, then merge passes alternating between x and a
 * local buffer of 1024 elements.
 */
static void evs_merge_sort_T(T *x, int k) {
    T tmp[1024];
    T *src = x;
    T *dst = tmp;
    T *t;
    int width;
    int lo;
    int mid;
    int hi;
    int i;
    int j;
    int o;
    if (k > 1024) {
        evs_quick_sort_T(x, k);
        return;
    }
    for (lo = 0; lo < k; lo += 16) {
        evs_insertion_sort_T(x + lo, k - lo < 16 ? k - lo : 16);
    }
    for (width = 16; width < k; width += width) {
        for (lo = 0; lo < k; lo += width + width) {
            mid = lo + width < k ? lo + width : k;
            hi = mid + width < k ? mid + width : k;
            i = lo;
            j = mid;
            o = lo;
            while (i < mid && j < hi) {
                if (src[j] < src[i]) {
                    dst[o++] = src[j++];
                } else {
                    dst[o++] = src[i++];
                }
            }
            while (i < mid) {
                dst[o++] = src[i++];
            }
            while (j < hi) {
                dst[o++] = src[j++];
            }
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != x) {
        for (i = 0; i < k; i++) {
            x[i] = src[i];
        }
    }
}

/* donor: radix_sort
 * job: sort
 * types: integers
 * needs: quick_sort
 * contract: sorts x[0..k) ascending in place, stable when k <= 1024; for k > 1024 it calls quick_sort (not stable).
 *
 * LSD radix sort, one byte per pass, through a local buffer of 1024 elements. Keys are the
 * sizeof(T) low bytes of the value with the sign bit flipped for signed T, so the byte order is
 * the numeric order; a byte on which all keys agree costs no pass.
 */
static void evs_radix_sort_T(T *x, int k) {
    T tmp[1024];
    int count[256];
    T *src = x;
    T *dst = tmp;
    T *t;
    unsigned long long flip;
    unsigned long long first;
    unsigned long long diff = 0;
    int shift;
    int i;
    int b;
    int sum;
    int c;
    if (k > 1024) {
        evs_quick_sort_T(x, k);
        return;
    }
    if (k < 2) {
        return;
    }
    flip = (T)-1 < (T)0 ? 1ull << (8 * sizeof(T) - 1) : 0ull;
    first = (unsigned long long)x[0] ^ flip;
    for (i = 1; i < k; i++) {
        diff |= ((unsigned long long)x[i] ^ flip) ^ first;
    }
    for (shift = 0; shift < 8 * (int)sizeof(T); shift += 8) {
        if (((diff >> shift) & 255ull) == 0ull) {
            continue;
        }
        for (b = 0; b < 256; b++) {
            count[b] = 0;
        }
        for (i = 0; i < k; i++) {
            count[(int)((((unsigned long long)src[i] ^ flip) >> shift) & 255ull)]++;
        }
        sum = 0;
        for (b = 0; b < 256; b++) {
            c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (i = 0; i < k; i++) {
            dst[count[(int)((((unsigned long long)src[i] ^ flip) >> shift) & 255ull)]++] = src[i];
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != x) {
        for (i = 0; i < k; i++) {
            x[i] = src[i];
        }
    }
}
