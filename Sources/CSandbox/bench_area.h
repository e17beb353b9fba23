/* The memory a benchmark child shares with the worker, made by the worker before the fork.
 *
 * The worker writes one window's inputs and call descriptors while the child is stopped; the child
 * maps both read-only, so it sees each window's inputs only when that window starts. Each call of
 * a window returns into its own slot, which the worker poisons before the window and reads after
 * it (again with the child stopped): what a call produced is read by the worker, never reported by
 * the child. Scratch buffers are private to the child, one per case position of a pass. */
#ifndef EVS_BENCH_AREA_H
#define EVS_BENCH_AREA_H

#include "evs_internal.h"

typedef struct evs_bench_area {
    uint8_t *in;
    size_t in_len;
    uint8_t *desc;       /* per call: the slot offset of its return value (and mark), then one word per parameter */
    size_t desc_len;
    uint8_t *slots;
    size_t slots_len;
    uint32_t max_calls;
    uint32_t slot_stride;
    uint32_t out_off[EVS_MAX_PARAMS]; /* offset of each output parameter after the slot's header */
    uint64_t out_cap[EVS_MAX_PARAMS]; /* bytes reserved for it */
    uint32_t positions;               /* cases in one pass */
    uint64_t *scratch_bytes;          /* positions * nparams: bytes of each scratch buffer */
} evs_bench_area;

/* A slot: the return value, the harness's "returned" mark, then the outputs. */
#define EVS_SLOT_HEADER 16u
#define EVS_SLOT_MARK(j) (0x8000000000000000ull | (uint64_t)(j))

/* Words of one call's descriptor. */
static inline uint32_t evs_desc_words(const evs_job *job) { return 1 + job->nparams; }

/* Builds the shared areas for a benchmark job whose windows make at most max_calls calls. Returns 0
 * or -1 (out of memory). Registered, so that every other child unmaps them. */
int evs_bench_area_create(evs_bench_area *a, const evs_job *job, uint32_t max_calls);
void evs_bench_area_destroy(evs_bench_area *a);
/* In a child: unmaps every registered area except `own` (NULL: all of them). Returns 0 or -1. */
int evs_bench_area_forget_others(const evs_bench_area *own);

#endif
