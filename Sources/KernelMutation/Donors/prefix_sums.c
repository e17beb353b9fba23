/* Running sums over an element type T (see README.md for the conventions). */

/* donor: prefix_sum
 * job: prefix_sum
 * types: all
 * contract: y[i] = x[0] + ... + x[i] for i in [0,k), summed left to right in T; y == x (in place) or disjoint; unsigned T wraps modulo 2^bits, signed overflow is the caller's concern.
 *
 * Each partial sum is converted back to T, so narrow types (char, short) behave as a T
 * accumulator would; floating-point sums are rounded in the same order as the plain loop.
 */
static void evs_prefix_sum_T(const T *x, T *y, int k) {
    T s = (T)0;
    int i;
    for (i = 0; i < k; i++) {
        s = (T)(s + x[i]);
        y[i] = s;
    }
}

/* donor: exclusive_prefix_sum
 * job: exclusive_prefix_sum
 * types: all
 * contract: y[0] = 0 and y[i] = x[0] + ... + x[i-1] for i in [1,k), summed left to right in T; y == x (in place) or disjoint; unsigned T wraps modulo 2^bits, signed overflow is the caller's concern.
 */
static void evs_exclusive_prefix_sum_T(const T *x, T *y, int k) {
    T s = (T)0;
    T v;
    int i;
    for (i = 0; i < k; i++) {
        v = x[i];
        y[i] = s;
        s = (T)(s + v);
    }
}
