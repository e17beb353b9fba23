/* Attack: macros at the end of the kernel hoping to reach the shim, which is compiled after it:
 * `heat` renamed to a correct function (the real `heat` is wrong), `float` turned into
 * `double`, the shim's parameter names and its own name redefined. The shim is a translation unit
 * of its own, so none of this reaches it. Expected: wrong_output (the wrong heat is called). */

void heat_correct(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
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

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
}

#define heat heat_correct
#define float double
#define r a
#define evs_call_shim evs_call_shim_unused
#define __attribute__(x)
