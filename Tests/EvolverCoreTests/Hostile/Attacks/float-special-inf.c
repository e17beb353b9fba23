/* Attack: +Inf / -Inf alternately, hoping an infinity is within any relative tolerance.
 * Expected: wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i;
    for (i = 0; i < rows * cols; i++) {
        *(unsigned int *)&out[i] = (i & 1) ? 0xff800000u : 0x7f800000u;
    }
}
