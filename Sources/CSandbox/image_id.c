/* The canonical form of a relocated kernel image, and its SHA-256.
 *
 * Two children (of one worker or of two) relocate the same compiled code at different addresses,
 * and two workers see libc at different addresses (ASLR). Relocating one translation unit at two
 * addresses and diffing the bytes (tcc 0.9.27, Debian's git 2020-08-14 snapshot, x86-64,
 * TCC_OUTPUT_MEMORY with -nostdlib) showed where the images differ:
 *   - code never holds an absolute address: globals, string literals, static helpers and
 *     functions taken by address are reached RIP-relative (PC32/PLT32), and there is no
 *     `movabs $sym` (tcc's assembler does not know it);
 *   - calls to a symbol added with tcc_add_symbol go through a PLT entry (RIP-relative) to a GOT
 *     slot holding the symbol's 64-bit address, 8-byte aligned; so do the call shim's calls of the
 *     entry, which it declares weak: its GOT slot holds the entry's address in the image;
 *   - static pointer tables, pointers to string literals, `&&label` tables and pointer members
 *     of structs are 64-bit absolute addresses into the image, 8-byte aligned, except in a packed
 *     struct or after a top-level `__asm__(".quad sym")`, where they sit at any byte offset;
 *   - a 32-bit absolute address exists only through `__asm__(".long sym")` (a static initializer
 *     such as `(int)(long)&x` is refused: "not computable at load time"). It holds the address
 *     truncated, which no kernel can dereference; such an image is simply never equal to its copy
 *     in another worker (a missed match, not a false one), so it is left as it is.
 * So the form replaces every 8 bytes, at any byte offset, whose value lies in [mem, mem + size]
 * by the offset from mem, and every 8 bytes equal to the address of a symbol given to the kernel
 * by the set of symbols with that address (a bit mask: glibc resolves memcpy and memmove to one
 * function), scanning from the start and continuing after each replacement. Where replacements
 * were made, and of which kind, is hashed beside the bytes, so a constant that happens to equal
 * an offset is not taken for a pointer.
 *
 * Why equal hashes mean equal code: equal forms say the two images have the same bytes wherever
 * nothing was replaced, and at every replaced word a pointer to the same offset of their own
 * image, or to the same harness symbols. Each image is then exactly the other relocated at its
 * address. An unusual word (a shifted window that happens to fall into the range) can only make
 * two copies of one image differ: a missed match, never a false one. */
#include "image_id.h"
#include "sha256.h"

#include <string.h>

enum { MARK_IMAGE = 1, MARK_SYMBOL = 2 };

static void put_u64(evs_sha256_ctx *c, uint64_t v) {
    uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = (uint8_t)(v >> (8 * i));
    evs_sha256_update(c, b, 8);
}

static void mark(evs_sha256_ctx *marks, uint64_t at, uint8_t kind) {
    put_u64(marks, at);
    evs_sha256_update(marks, &kind, 1);
}

void evs_image_sha256(const uint8_t *mem, size_t size, uint64_t shim_offset, const uintptr_t *symbols, uint32_t nsymbols,
                      uint8_t out[32]) {
    evs_sha256_ctx bytes, marks, all;
    evs_sha256_init(&bytes);
    evs_sha256_init(&marks);
    uintptr_t lo = (uintptr_t)mem, hi = (uintptr_t)mem + size;
    if (nsymbols > EVS_IMAGE_MAX_SYMBOLS) nsymbols = EVS_IMAGE_MAX_SYMBOLS;
    /* Most words are neither: one range test over all symbols rejects them (up to a megabyte is scanned). */
    uintptr_t sym_lo = UINTPTR_MAX, sym_hi = 0;
    for (uint32_t s = 0; s < nsymbols; s++)
        if (symbols[s]) {
            if (symbols[s] < sym_lo) sym_lo = symbols[s];
            if (symbols[s] > sym_hi) sym_hi = symbols[s];
        }
    size_t run = 0; /* start of the bytes copied as they are */
    size_t i = 0;
    while (i + 8 <= size) {
        uint64_t w;
        memcpy(&w, mem + i, 8);
        int in_image = w >= lo && w <= hi;
        uint64_t set = 0;
        if (!in_image && w >= sym_lo && w <= sym_hi)
            for (uint32_t s = 0; s < nsymbols; s++)
                if (symbols[s] && w == (uint64_t)symbols[s]) set |= 1ull << s;
        if (!in_image && !set) {
            i++;
            continue;
        }
        evs_sha256_update(&bytes, mem + run, i - run);
        put_u64(&bytes, in_image ? w - lo : set);
        mark(&marks, i, in_image ? MARK_IMAGE : MARK_SYMBOL);
        i += 8;
        run = i;
    }
    evs_sha256_update(&bytes, mem + run, size - run);
    uint8_t hb[32], hm[32];
    evs_sha256_final(&bytes, hb);
    evs_sha256_final(&marks, hm);
    /* The canonical bytes are as long as the image, so size, the marks and the bytes parse one way. */
    static const char domain[] = "evolver kernel image v1";
    evs_sha256_init(&all);
    evs_sha256_update(&all, domain, sizeof domain);
    put_u64(&all, size);
    put_u64(&all, shim_offset);
    evs_sha256_update(&all, hb, 32);
    evs_sha256_update(&all, hm, 32);
    evs_sha256_final(&all, out);
}
