/* Attack: -0.0 everywhere, hoping negative zero is mistaken for poison or for any small value.
 * Expected: wrong_output. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    int i;
    for (i = 0; i < rows * cols; i++) {
        *(unsigned int *)&out[i] = 0x80000000u;
    }
}
