/* float-signature-reordered.c (alpha moved last, the same registers by the ABI) plus one construct
 * the evolver's C front end does not parse but TinyCC accepts: an empty top-level asm statement. A
 * screen that compares the definition with the prototype through the front end cannot see this
 * one, so the kernel is judged by what it computes. Expected: passed (it is correct), or refused
 * with a message naming the prototype. */

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

__asm__("");
