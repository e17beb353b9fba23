/* For the scratch sandbox `vscale` (double outputs and return, rel 1e-12, values up to 1e300):
 * every product off by a relative 5e-13 (FACTOR), an absolute error of up to about 1e296 on the largest
 * values. Correct as the harness defines it (a relative tolerance scales with the value), so it
 * must pass; the test rewrites FACTOR to 5e-12, which must be wrong_output. */

double vscale(const double *x, int n, double a, double *out) {
    double s = 0;
    int i;
    for (i = 0; i < n; i++) {
        out[i] = x[i] * a * (1.0 + 5e-13); /* FACTOR */
        s += out[i];
    }
    return s;
}
