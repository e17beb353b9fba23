/* Attack: forge the return value of a void kernel. The shim stores 0 through its `r` after the
 * entry returns, so the kernel first points the shim's saved `r` (rbp-16 in the shim's frame) at a
 * harmless word further down the call page, then writes a NaN pattern into the real return word.
 * The outputs are correct. Validation ignores a void kernel's return word; the benchmark compares
 * the candidate's return word with the incumbent's (always 0), so the forgery can only count
 * against the kernel. Expected: not passed (wrong_output on the benchmark workload), worker alive. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    long *fp = (long *)__builtin_frame_address(0);
    long *shim = (long *)fp[0];
    long long *a = (long long *)shim[-1];
    long long *r = (long long *)shim[-2];
    if (r != a + 16 || a[0] != (long long)grid || a[1] != rows || a[6] != (long long)out) {
        *(volatile int *)0 = 1; /* the frame is not laid out as this attack assumes: say so by crashing */
    }
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
    shim[-2] = (long)(r + 8);
    r[0] = 0x7ff80000deadbeefLL;
}
