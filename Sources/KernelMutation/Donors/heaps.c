/* Binary max-heap routines over an element type T (see README.md for the conventions). */

/* donor: sift_down
 * job: heap_sift_down
 * types: all
 * contract: moves x[i] down the max-heap (by <) x[0..k) until no child is greater; the subtrees of i must be heaps; i < 0 or i >= k does nothing.
 *
 * The children of position i are 2i+1 and 2i+2.
 */
static void evs_sift_down_T(T *x, int k, int i) {
    int c;
    T v;
    if (i < 0 || i >= k) {
        return;
    }
    v = x[i];
    while (i < k / 2) {
        c = i + i + 1;
        if (c + 1 < k && x[c] < x[c + 1]) {
            c++;
        }
        if (!(v < x[c])) {
            break;
        }
        x[i] = x[c];
        i = c;
    }
    x[i] = v;
}
