/* The shared memory of a benchmark child (see bench_area.h). */
#define _GNU_SOURCE
#include "bench_area.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define EVS_MAX_AREAS 4
static evs_bench_area *g_areas[EVS_MAX_AREAS];

static uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

static uint8_t *map_shared(size_t *len) {
    *len = (size_t)round_up(*len ? *len : 1, 4096);
    uint8_t *p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int evs_bench_area_create(evs_bench_area *a, const evs_job *job, uint32_t max_calls) {
    memset(a, 0, sizeof *a);
    uint32_t np = job->nparams, pp = job->per_pass;
    a->positions = pp;
    a->max_calls = max_calls;
    a->scratch_bytes = calloc((size_t)pp * np + 1, sizeof(uint64_t));
    if (!a->scratch_bytes) return -1;
    uint64_t max_pass_in = 0, pass_in = 0, out_cap[EVS_MAX_PARAMS] = { 0 };
    for (uint32_t c = 0; c < job->ncases; c++) {
        uint32_t pos = c % pp;
        uint64_t in = 0;
        for (uint32_t p = 0; p < np; p++) {
            const evs_arg *arg = &job->args[(size_t)c * np + p];
            uint64_t bytes = arg->count * job->params[p].elem;
            switch (job->params[p].kind) {
            case EVS_PARAM_INPUT: in += round_up(bytes, 64) + 64; break;
            case EVS_PARAM_OUTPUT: if (bytes > out_cap[p]) out_cap[p] = bytes; break;
            case EVS_PARAM_SCRATCH:
                if (bytes > a->scratch_bytes[(size_t)pos * np + p]) a->scratch_bytes[(size_t)pos * np + p] = bytes;
                break;
            default: break;
            }
        }
        /* A pass's inputs: the sum over its positions (cases of one pass are consecutive). */
        if (pos == 0) pass_in = 0;
        pass_in += in;
        if (pass_in > max_pass_in) max_pass_in = pass_in;
    }
    uint32_t off = EVS_SLOT_HEADER;
    for (uint32_t p = 0; p < np; p++) {
        if (job->params[p].kind != EVS_PARAM_OUTPUT) continue;
        a->out_off[p] = off - EVS_SLOT_HEADER;
        a->out_cap[p] = out_cap[p];
        off += (uint32_t)round_up(out_cap[p], 8);
    }
    a->slot_stride = (uint32_t)round_up(off, 64);
    /* A window uses at most max_calls / per_pass passes. */
    uint64_t passes = (max_calls + pp - 1) / pp + 1;
    a->in_len = (size_t)(passes * max_pass_in + 64);
    a->desc_len = (size_t)max_calls * evs_desc_words(job) * 8;
    a->slots_len = (size_t)max_calls * a->slot_stride;
    if (a->in_len + a->slots_len + a->desc_len > job->memory_limit) return -1;
    a->in = map_shared(&a->in_len);
    a->desc = map_shared(&a->desc_len);
    a->slots = map_shared(&a->slots_len);
    if (!a->in || !a->desc || !a->slots) return -1;
    for (int i = 0; i < EVS_MAX_AREAS; i++)
        if (!g_areas[i]) { g_areas[i] = a; break; }
    return 0;
}

void evs_bench_area_destroy(evs_bench_area *a) {
    for (int i = 0; i < EVS_MAX_AREAS; i++)
        if (g_areas[i] == a) g_areas[i] = NULL;
    if (a->in) munmap(a->in, a->in_len);
    if (a->desc) munmap(a->desc, a->desc_len);
    if (a->slots) munmap(a->slots, a->slots_len);
    free(a->scratch_bytes);
    memset(a, 0, sizeof *a);
}

int evs_bench_area_forget_others(const evs_bench_area *own) {
    int rc = 0;
    for (int i = 0; i < EVS_MAX_AREAS; i++) {
        evs_bench_area *a = g_areas[i];
        if (!a || a == own) continue;
        if (a->in && munmap(a->in, a->in_len) != 0) rc = -1;
        if (a->desc && munmap(a->desc, a->desc_len) != 0) rc = -1;
        if (a->slots && munmap(a->slots, a->slots_len) != 0) rc = -1;
        g_areas[i] = NULL;
    }
    return rc;
}
