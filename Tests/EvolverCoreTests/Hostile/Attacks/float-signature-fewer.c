/* A definition without the scratch parameter: what the shim passes as `tmp` arrives as `out`,
 * and the real output is never written. Expected: wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *out) {
    int i;
    for (i = 0; i < rows * cols; i++) {
        out[i] = grid[i];
    }
}
