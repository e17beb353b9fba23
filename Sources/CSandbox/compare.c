/* Agreement of two sides' values: integers byte for byte, floating point within a tolerance. */
#include "evs_internal.h"

#include <math.h>
#include <string.h>

/* Distance in units in the last place, on the ordered integer line of the format's bit patterns. */
static uint64_t ulp_distance(uint64_t a, uint64_t b, int bits) {
    uint64_t sign = 1ull << (bits - 1);
    uint64_t oa = (a & sign) ? sign - (a & (sign - 1)) : sign + a;
    uint64_t ob = (b & sign) ? sign - (b & (sign - 1)) : sign + b;
    return oa > ob ? oa - ob : ob - oa;
}

static int real_agree(const evs_compare *c, double x, double y, uint64_t bx, uint64_t by, int bits) {
    if (isnan(x) || isnan(y)) return isnan(x) && isnan(y);
    if (x == y) return 1;
    if (isinf(x) || isinf(y)) return 0;
    double d = fabs(x - y);
    if (d <= c->abs_tol) return 1;
    if (d <= c->rel_tol * fabs(x)) return 1;
    return c->ulps > 0 && ulp_distance(bx, by, bits) <= c->ulps;
}

/* Whether the cell of n bytes at p still holds the poison byte (never 0: a written +0.0 looks the same). */
static int poisoned(const uint8_t *p, size_t n, int poison) {
    if (poison <= 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] != (uint8_t)poison) return 0;
    return 1;
}

int evs_values_agree(const evs_compare *cmp, uint8_t elem, const uint8_t *a, const uint8_t *b, uint64_t count, int poison_a, int poison_b) {
    if (cmp->number == EVS_NUMBER_F32 && elem == 4) {
        for (uint64_t i = 0; i < count; i++) {
            float x, y;
            uint32_t bx, by;
            memcpy(&x, a + i * 4, 4), memcpy(&y, b + i * 4, 4), memcpy(&bx, a + i * 4, 4), memcpy(&by, b + i * 4, 4);
            if (poisoned(a + i * 4, 4, poison_a) != poisoned(b + i * 4, 4, poison_b)) return 0;
            if (!real_agree(cmp, x, y, bx, by, 32)) return 0;
        }
        return 1;
    }
    if (cmp->number == EVS_NUMBER_F64 && elem == 8) {
        for (uint64_t i = 0; i < count; i++) {
            double x, y;
            uint64_t bx, by;
            memcpy(&x, a + i * 8, 8), memcpy(&y, b + i * 8, 8), memcpy(&bx, a + i * 8, 8), memcpy(&by, b + i * 8, 8);
            if (poisoned(a + i * 8, 8, poison_a) != poisoned(b + i * 8, 8, poison_b)) return 0;
            if (!real_agree(cmp, x, y, bx, by, 64)) return 0;
        }
        return 1;
    }
    return memcmp(a, b, (size_t)(count * elem)) == 0;
}
