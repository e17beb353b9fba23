/* Searches in sorted arrays over an element type T (see README.md for the conventions). */

/* donor: lower_bound
 * job: lower_bound
 * types: all
 * contract: returns the first index i in [0,k) with !(x[i] < v), or k if there is none (0 if k <= 0); x[0..k) sorted ascending (by <); binary search.
 */
static int evs_lower_bound_T(const T *x, int k, T v) {
    int lo = 0;
    int hi = k;
    int mid;
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

/* donor: upper_bound
 * job: upper_bound
 * types: all
 * contract: returns the first index i in [0,k) with v < x[i], or k if there is none (0 if k <= 0); x[0..k) sorted ascending (by <); binary search.
 */
static int evs_upper_bound_T(const T *x, int k, T v) {
    int lo = 0;
    int hi = k;
    int mid;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (v < x[mid]) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* donor: gallop_lower_bound
 * job: gallop_lower_bound
 * types: all
 * contract: returns the first index i in [start,k) with !(x[i] < v), or k if there is none; requires 0 <= start <= k and x[start..k) sorted ascending (by <); equals lower_bound(x, k, v) when x[0..k) is sorted and start == 0 or x[start-1] < v.
 *
 * Exponential search: probes start, start+1, start+3, start+7, ... until an element is not less
 * than v, then binary search in the last gap; O(log d) comparisons for an answer d past start.
 */
static int evs_gallop_lower_bound_T(const T *x, int k, int start, T v) {
    int lo = start;
    int hi = start;
    int step = 1;
    int mid;
    while (hi < k && x[hi] < v) {
        lo = hi + 1;
        if (step >= k - hi) {
            hi = k;
        } else {
            hi += step;
        }
        if (step < k / 2) {
            step += step;
        }
    }
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
