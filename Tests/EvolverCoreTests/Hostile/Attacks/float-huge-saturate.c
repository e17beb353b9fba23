/* For `vscale`: saturate instead of overflowing. A product beyond DBL_MAX becomes +-DBL_MAX, which
 * is within any relative tolerance of... nothing: the seed gives an infinity there, and infinities
 * only match themselves. Expected: wrong_output. */

double vscale(const double *x, int n, double a, double *out) {
    double s = 0;
    int i;
    for (i = 0; i < n; i++) {
        double v = x[i] * a;
        if (v > 1.7976931348623157e308) v = 1.7976931348623157e308;
        if (v < -1.7976931348623157e308) v = -1.7976931348623157e308;
        out[i] = v;
        s += v;
    }
    return s;
}
