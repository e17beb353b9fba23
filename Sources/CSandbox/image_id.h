/* The identity of a relocated kernel image: a SHA-256 that is the same wherever the image lies. */
#ifndef EVS_IMAGE_ID_H
#define EVS_IMAGE_ID_H

#include <stddef.h>
#include <stdint.h>

/* Most symbols the harness can give a kernel (bits of a symbol word's mark, see image_id.c). */
#define EVS_IMAGE_MAX_SYMBOLS 64

/* SHA-256 of the canonical form of the size bytes tcc relocated at mem, whose call shim starts
 * at shim_offset. symbols[i] is the address of the harness's symbol number i, or 0 when the
 * kernel was not given it. No allocation; reads only [mem, mem + size). */
void evs_image_sha256(const uint8_t *mem, size_t size, uint64_t shim_offset, const uintptr_t *symbols, uint32_t nsymbols,
                      uint8_t out[32]);

#endif
