/* Attack: never store an exact zero (skip the write when the cell would be 0.0f), as a kernel with
 * mostly-zero outputs would to save its zero fill. An unwritten cell still holds the poison; when
 * the poison pattern decodes within abs 1e-4 of 0 (0x00, and 113 of the 254 other bytes) the
 * comparison cannot tell it from a written zero. Expected: wrong_output whenever the poison is not
 * within the tolerance of zero. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i, j, s;
    for (i = 0; i < rows * cols; i++) {
        tmp[i] = grid[i];
    }
    for (s = 0; s < steps; s++) {
        for (i = 0; i < rows; i++) {
            for (j = 0; j < cols; j++) {
                float c = tmp[i * cols + j];
                if (i == 0 || j == 0 || i == rows - 1 || j == cols - 1) {
                    out[i * cols + j] = c;
                } else {
                    float sum = tmp[(i - 1) * cols + j] + tmp[(i + 1) * cols + j] + tmp[i * cols + j - 1] + tmp[i * cols + j + 1];
                    out[i * cols + j] = c + alpha * (sum - 4.0f * c);
                }
            }
        }
        for (i = 0; i < rows * cols; i++) {
            tmp[i] = out[i];
        }
    }
    for (i = 0; i < rows * cols; i++) {
        if (tmp[i] != 0.0f) {
            out[i] = tmp[i];
        }
    }
}
