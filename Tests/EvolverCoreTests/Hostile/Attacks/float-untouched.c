/* Attack: never write the output, hoping the poison bytes pass as values within the tolerance
 * (0x00 poison reads as 0.0f, many other bytes as tiny floats) or as NaN equal to NaN (0xFF).
 * Expected: wrong_output (the suite's values are not near any poison pattern). */

void heat(const float *grid, int rows, int cols, int steps, float alpha, float *tmp, float *out) {
}
