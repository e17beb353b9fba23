/* Attack: sit at the edge of the relative tolerance: every output scaled by (1 + FACTOR). With
 * FACTOR = 9e-6 (within rel 1e-5) this is correct as the harness defines it and must pass in
 * validation, the differential test and the benchmark alike; the test rewrites FACTOR to 3e-5 and
 * adds 2e-4 (beyond both abs and rel), which must be wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
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
    for (i = 0; i < rows * cols; i++) {
        out[i] = out[i] * (1.0f + 9e-6f) + 0.0f; /* FACTOR */
    }
}
