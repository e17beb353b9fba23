/* Explicit heat diffusion: `steps` Jacobi sweeps of the 5-point stencil over a rows x cols grid
 * (row-major), the boundary held fixed. `out` starts as a copy of `grid`; each sweep writes the
 * next grid into `tmp` and copies it back. */

static float cell(const float *g, int cols, int i, int j) {
    return g[i * cols + j];
}

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i, j, s;
    for (i = 0; i < rows * cols; i++) {
        out[i] = grid[i];
    }
    for (s = 0; s < steps; s++) {
        for (i = 0; i < rows; i++) {
            for (j = 0; j < cols; j++) {
                float c = cell(out, cols, i, j);
                if (i == 0 || j == 0 || i == rows - 1 || j == cols - 1) {
                    tmp[i * cols + j] = c;
                } else {
                    float sum = cell(out, cols, i - 1, j) + cell(out, cols, i + 1, j) + cell(out, cols, i, j - 1) + cell(out, cols, i, j + 1);
                    tmp[i * cols + j] = c + alpha * (sum - 4.0f * c);
                }
            }
        }
        for (i = 0; i < rows * cols; i++) {
            out[i] = tmp[i];
        }
    }
}
