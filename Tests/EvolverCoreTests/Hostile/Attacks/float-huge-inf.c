/* For `vscale`: call anything above 1e307 in magnitude an infinity (a cheap "overflow" test),
 * hoping a relative tolerance lets a huge finite value pass as infinite. Expected: wrong_output. */

double vscale(const double *x, int n, double a, double *out) {
    double s = 0, big = 1e308;
    int i;
    for (i = 0; i < n; i++) {
        double v = x[i] * a;
        if (v > 1e307) v = big * 10;
        if (v < -1e307) v = -big * 10;
        out[i] = v;
        s += v;
    }
    return s;
}
