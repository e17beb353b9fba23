/* Attack: define the call shim itself, so the harness calls this instead of the generated one and
 * the "return value" is whatever this writes (the entry below is never called).
 * Expected: link_error (the generated shim cannot be compiled beside it), never passed. */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
}

void evs_call_shim(const long long *a, long long *r) {
    r[0] = 0;
}
