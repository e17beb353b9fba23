/* Memory layout of the sandboxed child (see child_layout.h). */
#define _GNU_SOURCE
#include "child_layout.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096ull
#define BAND 256ull

static uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

static int is_buffer(uint8_t kind) { return kind == EVS_PARAM_SCRATCH || kind == EVS_PARAM_OUTPUT; }

int evs_layout_plan(evs_layout *l, const evs_job *job) {
    memset(l, 0, sizeof *l);
    l->job = job;
    l->nslots = job->ncalls;
    size_t cells = (size_t)l->nslots * job->nparams + 1;
    l->slot_case = calloc(l->nslots + 1, sizeof(uint32_t));
    l->buf = calloc(cells, sizeof(uint8_t *));
    l->bytes = calloc(cells, sizeof(uint64_t));
    l->span = calloc(cells, sizeof(uint8_t *));
    l->span_len = calloc(cells, sizeof(uint64_t));
    if (!l->slot_case || !l->buf || !l->bytes || !l->span || !l->span_len) return -1;
    uint64_t in_total = PAGE, out_total = 0;
    for (uint32_t s = 0; s < l->nslots; s++) {
        uint32_t c = job->call_case[s];
        l->slot_case[s] = c;
        for (uint32_t p = 0; p < job->nparams; p++) {
            const evs_arg *a = &job->args[(size_t)c * job->nparams + p];
            size_t i = (size_t)s * job->nparams + p;
            if (job->params[p].kind == EVS_PARAM_INT) continue;
            l->bytes[i] = a->count * job->params[p].elem;
            if (job->params[p].kind == EVS_PARAM_INPUT) in_total += round_up(l->bytes[i], 64) + 64;
            else {
                l->span_len[i] = round_up(round_up(l->bytes[i], 8) + BAND, PAGE);
                out_total += l->span_len[i] + 2 * PAGE;
            }
        }
    }
    if (in_total + out_total > job->memory_limit) return -1;
    l->in_total = in_total;
    uint8_t *out = NULL;
    if (out_total) {
        out = mmap(NULL, out_total, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (out == MAP_FAILED) return -1;
    }
    uint8_t *op = out;
    for (uint32_t s = 0; s < l->nslots; s++)
        for (uint32_t p = 0; p < job->nparams; p++) {
            size_t i = (size_t)s * job->nparams + p;
            if (!is_buffer(job->params[p].kind)) continue;
            l->span[i] = op + PAGE;
            int against_upper = ((s + p) & 1) == 0;
            uint64_t padded = round_up(l->bytes[i], 8);
            l->buf[i] = against_upper ? l->span[i] + l->span_len[i] - padded : l->span[i];
            op += l->span_len[i] + 2 * PAGE;
        }
    l->out_lo = (uintptr_t)out;
    l->out_hi = (uintptr_t)out + out_total;
    return 0;
}

void evs_layout_release(evs_layout *l) {
    if (l->out_hi > l->out_lo) munmap((void *)l->out_lo, l->out_hi - l->out_lo);
    free(l->slot_case);
    free(l->buf);
    free(l->bytes);
    free(l->span);
    free(l->span_len);
    memset(l, 0, sizeof *l);
}

int evs_layout_apply(evs_layout *l) {
    const evs_job *job = l->job;
    uint8_t *in = mmap(NULL, l->in_total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (in == MAP_FAILED) return -1;
    uint8_t *ip = in + 64;
    for (uint32_t s = 0; s < l->nslots; s++) {
        uint32_t c = l->slot_case[s];
        for (uint32_t p = 0; p < job->nparams; p++) {
            const evs_arg *a = &job->args[(size_t)c * job->nparams + p];
            size_t i = (size_t)s * job->nparams + p;
            uint8_t kind = job->params[p].kind;
            if (kind == EVS_PARAM_INPUT) {
                l->buf[i] = ip;
                if (l->bytes[i]) memcpy(ip, a->data, (size_t)l->bytes[i]);
                ip += round_up(l->bytes[i], 64) + 64;
            } else if (is_buffer(kind)) {
                if (mprotect(l->span[i] - PAGE, PAGE, PROT_NONE) != 0) return -1;
                if (mprotect(l->span[i] + l->span_len[i], PAGE, PROT_NONE) != 0) return -1;
            }
        }
    }
    if (mprotect(in, l->in_total, PROT_READ) != 0) return -1;
    l->in_lo = (uintptr_t)in;
    l->in_hi = (uintptr_t)in + l->in_total;
    return 0;
}

uint64_t evs_layout_hash(const evs_layout *l, uint32_t slot) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t p = 0; p < l->job->nparams; p++) {
        size_t i = (size_t)slot * l->job->nparams + p;
        if (!is_buffer(l->job->params[p].kind)) continue;
        const uint64_t *w = (const uint64_t *)l->span[i];
        size_t words = (size_t)(l->span_len[i] / 8);
        for (size_t k = 0; k < words; k++) h = (h ^ w[k]) * 0x100000001B3ull + (h >> 29);
    }
    return h;
}

uint32_t evs_layout_case(const evs_layout *l, uint32_t slot) { return l->slot_case[slot]; }

uint8_t *evs_layout_buffer(const evs_layout *l, uint32_t slot, uint32_t param) {
    return l->buf[(size_t)slot * l->job->nparams + param];
}

uint64_t evs_layout_bytes(const evs_layout *l, uint32_t slot, uint32_t param) {
    return l->bytes[(size_t)slot * l->job->nparams + param];
}

void evs_layout_poison(evs_layout *l, uint32_t slot, uint8_t poison) {
    for (uint32_t p = 0; p < l->job->nparams; p++) {
        size_t i = (size_t)slot * l->job->nparams + p;
        if (is_buffer(l->job->params[p].kind)) memset(l->span[i], poison, (size_t)l->span_len[i]);
    }
}

static int band_intact(const uint8_t *from, const uint8_t *to, uint8_t poison) {
    for (const uint8_t *q = from; q < to; q++)
        if (*q != poison) return 0;
    return 1;
}

int evs_layout_check_canaries(const evs_layout *l, uint32_t slot, uint8_t poison, int32_t *param) {
    for (uint32_t p = 0; p < l->job->nparams; p++) {
        size_t i = (size_t)slot * l->job->nparams + p;
        if (!is_buffer(l->job->params[p].kind)) continue;
        const uint8_t *lo = l->span[i], *hi = l->span[i] + l->span_len[i];
        const uint8_t *b = l->buf[i], *e = l->buf[i] + l->bytes[i];
        if (!band_intact(lo, b, poison)) { *param = (int32_t)p; return EVS_FAULT_CANARY_BEFORE_START; }
        if (!band_intact(e, hi, poison)) { *param = (int32_t)p; return EVS_FAULT_CANARY_PAST_END; }
    }
    return 0;
}

int evs_layout_untouched(const evs_layout *l, uint32_t slot, int32_t *param) {
    for (uint32_t p = 0; p < l->job->nparams; p++) {
        size_t i = (size_t)slot * l->job->nparams + p;
        if (is_buffer(l->job->params[p].kind) && !band_intact(l->span[i], l->span[i] + l->span_len[i], 0)) {
            *param = (int32_t)p;
            return 0;
        }
    }
    return 1;
}

int evs_layout_classify(const evs_layout *l, uintptr_t addr, int32_t *param) {
    const evs_job *job = l->job;
    if (addr >= l->in_lo && addr < l->in_hi) {
        for (size_t i = 0; i < (size_t)l->nslots * job->nparams; i++) {
            uint32_t p = (uint32_t)(i % job->nparams);
            if (job->params[p].kind != EVS_PARAM_INPUT) continue;
            uintptr_t b = (uintptr_t)l->buf[i];
            if (addr >= b && addr < b + round_up(l->bytes[i], 64) + 64) { *param = (int32_t)p; break; }
        }
        return EVS_WHERE_INPUT;
    }
    if (addr < l->out_lo || addr >= l->out_hi) return EVS_WHERE_NONE;
    for (size_t i = 0; i < (size_t)l->nslots * job->nparams; i++) {
        uint32_t p = (uint32_t)(i % job->nparams);
        if (!is_buffer(job->params[p].kind)) continue;
        uintptr_t s = (uintptr_t)l->span[i], e = s + l->span_len[i];
        if (addr >= s - PAGE && addr < s) { *param = (int32_t)p; return EVS_WHERE_GUARD_BEFORE; }
        if (addr >= e && addr < e + PAGE) { *param = (int32_t)p; return EVS_WHERE_GUARD_AFTER; }
    }
    return EVS_WHERE_NONE;
}
