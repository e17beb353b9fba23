/* Attack: alias evs_call_shim to a correct function of ours with top-level assembly (.globl +
 * .set), so no C definition of the shim is visible, beside a wrong entry. Expected: not passed
 * (the generated shim overrides the alias and calls the wrong entry, or the two clash). */

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

static void fake_shim(const long long *a, long long *r) {
    reference((const float *)a[0], (int)a[1], (int)a[2], (int)a[3], (float)*(const double *)&a[4], (float *)a[5], (float *)a[6]);
    r[0] = 0;
}

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
}

__asm__(".globl evs_call_shim\n.set evs_call_shim, fake_shim\n");
