/* Attack: correct everywhere except on inputs shaped like the benchmark workload (56..64 rows and
 * columns, 4 steps: no suite case has that shape), where every interior cell is off by DRIFT, just
 * beyond the tolerance (abs 1e-4, rel 1e-5 of values within +-100). A kernel that is exact where
 * it is checked and sloppy where it is timed. Expected: wrong_output from the benchmark's own
 * comparison with the incumbent (the suite and the differential test pass). With DRIFT within the
 * tolerance (the test rewrites it to 5e-5f), passed. */

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
    if (steps == 4 && rows >= 56 && rows <= 64 && cols >= 56 && cols <= 64) {
        for (i = 1; i < rows - 1; i++) {
            for (j = 1; j < cols - 1; j++) {
                out[i * cols + j] += 2e-3f; /* DRIFT */
            }
        }
    }
}
