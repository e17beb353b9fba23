/* Attack: reach the harness's call page through the call shim's frame (the shim keeps its
 * arguments `a` and `r` at rbp-8 and rbp-16; a = page + 16 words, r = page + 32 words) and use it
 * as storage across calls: the first call leaves a mark in every word of the page (the
 * trampoline's words, the argument words, the return word and the rest); a later call that finds
 * its mark skips the work and leaves the output as it is. If the page carried anything over from
 * one call to the next, this kernel would return stale or unwritten outputs; it also checks that
 * scribbling over the page does not derail the calls after it.
 * Expected: passed (the harness clears and rewrites the page before every call), the worker alive. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
    long *fp = (long *)__builtin_frame_address(0);
    long *shim = (long *)fp[0];
    long long *a = (long long *)shim[-1];
    long long *r = (long long *)shim[-2];
    long long *page;
    int k;
    if (r != a + 16 || a[0] != (long long)grid || a[1] != rows || a[6] != (long long)out) {
        *(volatile int *)0 = 1; /* the frame is not laid out as this attack assumes: say so by crashing */
    }
    page = a - 16;
    if (page[100] == 0x5eed5eed5eedLL) {
        return; /* state survived from an earlier call: skip the work */
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
    for (k = 0; k < 512; k++) {
        page[k] = 0x5eed5eed5eedLL;
    }
}
