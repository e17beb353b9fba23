/* Attack: every output NaN (a quiet NaN with a payload), hoping NaN compares equal to anything.
 * Expected: wrong_output (NaN only matches NaN, and the stencil never makes one). */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i;
    for (i = 0; i < rows * cols; i++) {
        *(unsigned int *)&out[i] = 0x7fc00001u;
    }
}
