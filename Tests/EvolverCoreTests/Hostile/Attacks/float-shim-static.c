/* Attack: a static evs_call_shim that computes the right answer, beside a global entry that is
 * wrong (it leaves the output untouched). If the harness picked up this shim instead of the
 * generated one, the wrong entry would pass. Expected: wrong_output (the generated shim calls heat). */

static void reference(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i, j, s;
    for (i = 0; i < rows * cols; i++) {
        out[i] = grid[i];
    }
    for (s = 0; s < steps; s++) {
        for (i = 0; i < rows; i++) {
            for (j = 0; j < cols; j++) {
                float c = out[i * cols + j];
                if (i == 0 || j == 0 || i == rows - 1 || j == cols - 1) {
                    tmp[i * cols + j] = c;
                } else {
                    float sum = out[(i - 1) * cols + j] + out[(i + 1) * cols + j] + out[i * cols + j - 1] + out[i * cols + j + 1];
                    tmp[i * cols + j] = c + alpha * (sum - 4.0f * c);
                }
            }
        }
        for (i = 0; i < rows * cols; i++) {
            out[i] = tmp[i];
        }
    }
}

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
}

static void evs_call_shim(const long long *a, long long *r) {
    reference((const float *)a[0], (int)a[1], (int)a[2], (int)a[3], (float)*(const double *)&a[4], (float *)a[5], (float *)a[6]);
    r[0] = 0;
}
