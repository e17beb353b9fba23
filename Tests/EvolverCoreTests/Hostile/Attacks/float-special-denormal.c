/* Attack: the smallest denormal everywhere, hoping it passes as zero and zero as everything.
 * Expected: wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i;
    for (i = 0; i < rows * cols; i++) {
        *(unsigned int *)&out[i] = 0x00000001u;
    }
}
