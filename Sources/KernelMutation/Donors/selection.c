/* Selection routines over an element type T (see README.md for the conventions). */

/* donor: select_range
 * job: select_range
 * types: all
 * needs: insertion_sort
 * contract: permutes x[0..k) so that each position p with min(lo,hi) <= p <= max(lo,hi) holds what an ascending sort (by <) puts there; positions outside [0,k) are ignored.
 *
 * Quickselect with a median-of-three pivot and Hoare partition; only parts that overlap the
 * wanted range are visited, ranges of at most 16 elements go to insertion sort. When both parts
 * overlap it recurses into the smaller one, so the stack depth is O(log k).
 */
static void evs_select_range_T(T *x, int k, int lo, int hi) {
    int a = lo < hi ? lo : hi;
    int b = lo < hi ? hi : lo;
    int l = 0;
    int r = k - 1;
    int m;
    int i;
    int j;
    T p;
    T t;
    if (a < 0) {
        a = 0;
    }
    if (b > k - 1) {
        b = k - 1;
    }
    while (a <= b) {
        if (r - l + 1 <= 16) {
            evs_insertion_sort_T(x + l, r - l + 1);
            return;
        }
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
        if (a <= j && b >= i) {
            if (j - l < r - i) {
                evs_select_range_T(x + l, j - l + 1, a - l, j - l);
                l = i;
                a = i;
            } else {
                evs_select_range_T(x + i, r - i + 1, 0, b - i);
                r = j;
                b = j;
            }
        } else if (a <= j) {
            r = j;
            if (b > j) {
                b = j;
            }
        } else if (b >= i) {
            l = i;
            if (a < i) {
                a = i;
            }
        } else {
            return;
        }
    }
}

/* donor: nth_element
 * job: nth_element
 * types: all
 * needs: insertion_sort
 * contract: permutes x[0..k) so that x[p] holds what an ascending sort (by <) puts there, no element before p is greater and none after it is less; p outside [0,k) does nothing.
 *
 * Quickselect with a median-of-three pivot and Hoare partition, iterative; ranges of at most 16
 * elements go to insertion sort.
 */
static void evs_nth_element_T(T *x, int k, int p) {
    int l = 0;
    int r = k - 1;
    int m;
    int i;
    int j;
    T v;
    T t;
    if (p < 0 || p >= k) {
        return;
    }
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
        v = x[m];
        i = l;
        j = r;
        while (i <= j) {
            while (x[i] < v) {
                i++;
            }
            while (v < x[j]) {
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
        if (p <= j) {
            r = j;
        } else if (p >= i) {
            l = i;
        } else {
            return;
        }
    }
    evs_insertion_sort_T(x + l, r - l + 1);
}

/* donor: partial_sort
 * job: partial_sort
 * types: all
 * needs: sift_down
 * contract: permutes x[0..k) so that x[0..count) holds the count smallest elements in ascending order (by <), the rest in unspecified order; count is clamped to [0,k].
 *
 * Heap selection: a max-heap of the first count elements takes each smaller later element in
 * place of its top, then is sorted in place; O(k log count).
 */
static void evs_partial_sort_T(T *x, int k, int count) {
    int i;
    T t;
    if (count > k) {
        count = k;
    }
    if (count <= 0) {
        return;
    }
    for (i = count / 2 - 1; i >= 0; i--) {
        evs_sift_down_T(x, count, i);
    }
    for (i = count; i < k; i++) {
        if (x[i] < x[0]) {
            t = x[0];
            x[0] = x[i];
            x[i] = t;
            evs_sift_down_T(x, count, 0);
        }
    }
    for (i = count - 1; i > 0; i--) {
        t = x[0];
        x[0] = x[i];
        x[i] = t;
        evs_sift_down_T(x, i, 0);
    }
}
