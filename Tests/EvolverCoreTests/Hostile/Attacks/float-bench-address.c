/* Attack: tell validation from the benchmark by where the output lies. Validation puts every
 * output flush against a guard page (its start page-aligned, or its end within 8 bytes of a page
 * boundary); the benchmark returns into slots of a shared area, 16 bytes past a slot's start. When
 * the output is not flush with a page, assume a benchmark and skip the stencil (copy the grid: many
 * times faster). Expected: the suite and the differential test pass, the benchmark's comparison
 * with the incumbent gives wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i, j, s;
    unsigned long at = (unsigned long)out;
    unsigned long padded = ((unsigned long)(rows * cols) * 4 + 7) & ~7ul;
    int validating = (at & 4095) == 0 || ((at + padded) & 4095) == 0;
    for (i = 0; i < rows * cols; i++) {
        out[i] = grid[i];
    }
    if (!validating) {
        return;
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
