/* SHA-256 (FIPS 180-4), incremental. No allocation, no library calls beyond memcpy: safe in the
 * child between fork and lockdown, and in a signal handler. */
#ifndef EVS_SHA256_H
#define EVS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;     /* message length so far */
    uint8_t block[64];  /* pending input, `bytes % 64` of it used */
} evs_sha256_ctx;

void evs_sha256_init(evs_sha256_ctx *c);
void evs_sha256_update(evs_sha256_ctx *c, const void *data, size_t len);
void evs_sha256_final(evs_sha256_ctx *c, uint8_t out[32]);

#endif
