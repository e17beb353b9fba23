/* Filling and copying arrays of an element type T (see README.md for the conventions). */

/* donor: fill
 * job: fill
 * types: all
 * contract: sets x[i] = v for every i in [0,k); k <= 0 does nothing.
 *
 * Unrolled by four; the tail is a plain loop.
 */
static void evs_fill_T(T *x, int k, T v) {
    int i = 0;
    for (; k - i >= 4; i += 4) {
        x[i] = v;
        x[i + 1] = v;
        x[i + 2] = v;
        x[i + 3] = v;
    }
    for (; i < k; i++) {
        x[i] = v;
    }
}

/* donor: copy
 * job: copy
 * types: all
 * contract: exactly the forward loop for (i = 0; i < k; i++) dst[i] = src[i]; even when the regions overlap; k <= 0 does nothing.
 *
 * Unrolled by four as consecutive read-then-write pairs in index order, so an overlapping copy
 * reads what earlier writes left, as the forward loop does (it is not memmove).
 */
static void evs_copy_T(T *dst, const T *src, int k) {
    int i = 0;
    for (; k - i >= 4; i += 4) {
        dst[i] = src[i];
        dst[i + 1] = src[i + 1];
        dst[i + 2] = src[i + 2];
        dst[i + 3] = src[i + 3];
    }
    for (; i < k; i++) {
        dst[i] = src[i];
    }
}
