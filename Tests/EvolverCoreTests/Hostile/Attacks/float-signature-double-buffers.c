/* A definition over doubles where the prototype has floats: it reads and writes twice the bytes
 * of every buffer. Expected: not passed (memory_violation: past the end of tmp or out). */

void heat(const double *grid, int rows, int cols, int steps, double alpha, double *tmp, double *out) {
    int i, j, s;
    for (i = 0; i < rows * cols; i++) {
        out[i] = grid[i];
    }
    for (s = 0; s < steps; s++) {
        for (i = 0; i < rows; i++) {
            for (j = 0; j < cols; j++) {
                double c = out[i * cols + j];
                if (i == 0 || j == 0 || i == rows - 1 || j == cols - 1) {
                    tmp[i * cols + j] = c;
                } else {
                    double sum = out[(i - 1) * cols + j] + out[(i + 1) * cols + j] + out[i * cols + j - 1] + out[i * cols + j + 1];
                    tmp[i * cols + j] = c + alpha * (sum - 4.0 * c);
                }
            }
        }
        for (i = 0; i < rows * cols; i++) {
            out[i] = tmp[i];
        }
    }
}
