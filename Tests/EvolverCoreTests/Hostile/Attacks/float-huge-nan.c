/* For `vscale`: return NaN as soon as the sum is not finite, hoping NaN matches whatever the seed
 * returned there (an infinity, or NaN when infinities of both signs meet). NaN only matches NaN.
 * Expected: wrong_output (on a case whose sum is an infinity). */

double vscale(const double *x, int n, double a, double *out) {
    double s = 0, zero = 0;
    int i;
    for (i = 0; i < n; i++) {
        out[i] = x[i] * a;
        s += out[i];
    }
    if (s - s != 0) {
        return zero / zero;
    }
    return s;
}
