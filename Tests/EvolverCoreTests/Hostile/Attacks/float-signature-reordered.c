/* A definition with `alpha` moved to the end. By the x86-64 calling convention the integer and
 * pointer arguments go in the same registers and alpha still in xmm0, so it computes exactly what
 * the seed does although its C type differs from the prototype's. Expected: passed (the worker
 * judges outputs, not declarations); `check` says nothing about the mismatch. */

void heat(const float *grid, int rows, int cols, int steps, float *tmp, float *out, float alpha) {
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
