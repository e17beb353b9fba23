/* Decoding of the evolver -> worker job payload (little-endian, bounds-checked). */
#include "evs_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint8_t *p;
    size_t left;
    int failed;
} cursor;

static uint8_t *take(cursor *c, size_t n) {
    if (c->failed || n > c->left) { c->failed = 1; return NULL; }
    uint8_t *r = c->p;
    c->p += n;
    c->left -= n;
    return r;
}

static uint64_t get_u(cursor *c, int bytes) {
    uint8_t *b = take(c, (size_t)bytes);
    if (!b) return 0;
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; i--) v = (v << 8) | b[i];
    return v;
}

/* Strings are u32 length + bytes, copied and NUL-terminated; the length is kept when asked for
 * (a source may hold a NUL byte, which the screen must see). */
static char *get_str_len(cursor *c, size_t *len) {
    uint64_t n = get_u(c, 4);
    if (len) *len = (size_t)n;
    uint8_t *b = take(c, (size_t)n);
    if (!b) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) { c->failed = 1; return NULL; }
    memcpy(s, b, (size_t)n);
    s[n] = 0;
    return s;
}

static char *get_str(cursor *c) { return get_str_len(c, NULL); }

static double get_f64(cursor *c) {
    uint64_t bits = get_u(c, 8);
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

/* A comparison: number class, then the tolerance (abs, rel, ulps). Returns 0, or -1 when malformed. */
static int get_compare(cursor *c, evs_compare *cmp) {
    cmp->number = (uint8_t)get_u(c, 1);
    cmp->abs_tol = get_f64(c);
    cmp->rel_tol = get_f64(c);
    cmp->ulps = get_u(c, 8);
    if (cmp->number > EVS_NUMBER_F64) return -1;
    if (!(cmp->abs_tol >= 0) || !(cmp->rel_tol >= 0)) return -1;
    return 0;
}

void evs_free_job(evs_job *job) {
    free(job->entry);
    for (uint32_t i = 0; i < job->nsymbols && job->symbols; i++) free(job->symbols[i]);
    free(job->symbols);
    for (uint32_t i = 0; i < 2; i++) free(job->sources[i]);
    free(job->shim);
    free(job->args);
    free(job->call_case);
    free(job->call_poison);
    memset(job, 0, sizeof *job);
}

int evs_decode_job(uint8_t *buf, size_t len, evs_job *job, char *reason, size_t cap) {
    memset(job, 0, sizeof *job);
    job->pin_cpu = -1;
    cursor c = { buf, len, 0 };
#define FAIL(msg) do { snprintf(reason, cap, "%s", msg); evs_free_job(job); return -1; } while (0)
    if (get_u(&c, 4) != EVS_PROTOCOL_VERSION) FAIL("protocol version mismatch");
    job->mode = (uint32_t)get_u(&c, 4);
    job->compile_deadline_ms = (uint32_t)get_u(&c, 4);
    job->call_deadline_ms = (uint32_t)get_u(&c, 4);
    job->memory_limit = get_u(&c, 8);
    job->max_image = get_u(&c, 8);
    job->entry = get_str(&c);
    job->nsymbols = (uint32_t)get_u(&c, 4);
    if (job->nsymbols > 64) FAIL("too many symbols");
    job->symbols = calloc(job->nsymbols + 1, sizeof(char *));
    for (uint32_t i = 0; i < job->nsymbols; i++) job->symbols[i] = get_str(&c);
    job->nkernels = (uint32_t)get_u(&c, 4);
    if (job->nkernels < 1 || job->nkernels > 2) FAIL("a job has one or two kernels");
    for (uint32_t i = 0; i < job->nkernels; i++) job->sources[i] = get_str_len(&c, &job->source_len[i]);
    job->shim = get_str(&c);
    job->nparams = (uint32_t)get_u(&c, 4);
    if (job->nparams > EVS_MAX_PARAMS) FAIL("too many parameters");
    for (uint32_t i = 0; i < job->nparams; i++) {
        job->params[i].kind = (uint8_t)get_u(&c, 1);
        job->params[i].elem = (uint8_t)get_u(&c, 1);
        if (job->params[i].kind > EVS_PARAM_OUTPUT) FAIL("bad parameter kind");
        if (job->params[i].kind != EVS_PARAM_INT) {
            uint8_t e = job->params[i].elem;
            if (e != 1 && e != 2 && e != 4 && e != 8) FAIL("bad element size");
        }
        if (get_compare(&c, &job->params[i].cmp) != 0) FAIL("bad comparison of a parameter");
        uint8_t num = job->params[i].cmp.number;
        if (num == EVS_NUMBER_F32 && job->params[i].elem != 4 && job->params[i].kind != EVS_PARAM_INT) FAIL("f32 elements are 4 bytes");
        if (num == EVS_NUMBER_F64 && job->params[i].elem != 8 && job->params[i].kind != EVS_PARAM_INT) FAIL("f64 elements are 8 bytes");
    }
    if (get_compare(&c, &job->ret_cmp) != 0) FAIL("bad comparison of the return value");
    job->ncases = (uint32_t)get_u(&c, 4);
    if (job->ncases > 1000000) FAIL("too many cases");
    job->args = calloc((size_t)job->ncases * job->nparams + 1, sizeof(evs_arg));
    for (uint32_t k = 0; k < job->ncases && !c.failed; k++) {
        for (uint32_t p = 0; p < job->nparams; p++) {
            evs_arg *a = &job->args[(size_t)k * job->nparams + p];
            if (job->params[p].kind == EVS_PARAM_INT) {
                a->value = (int64_t)get_u(&c, 8);
                continue;
            }
            a->count = get_u(&c, 8);
            if (a->count > (1ull << 32)) FAIL("buffer too large");
            if (job->params[p].kind == EVS_PARAM_INPUT) a->data = take(&c, (size_t)(a->count * job->params[p].elem));
        }
    }
    if (job->mode == EVS_MODE_VALIDATE) {
        job->ncalls = (uint32_t)get_u(&c, 4);
        if (job->ncalls > 1000000) FAIL("too many calls");
        job->call_case = calloc(job->ncalls + 1, sizeof(uint32_t));
        job->call_poison = calloc(job->ncalls + 1, 1);
        for (uint32_t i = 0; i < job->ncalls; i++) {
            job->call_case[i] = (uint32_t)get_u(&c, 4);
            job->call_poison[i] = (uint8_t)get_u(&c, 1);
            if (job->call_case[i] >= job->ncases) FAIL("call names an unknown case");
        }
    } else if (job->mode == EVS_MODE_BENCHMARK) {
        job->warmup = (uint32_t)get_u(&c, 4);
        job->samples = (uint32_t)get_u(&c, 4);
        job->window_ns = get_u(&c, 8);
        job->max_reps = (uint32_t)get_u(&c, 4);
        job->children = (uint32_t)get_u(&c, 4);
        job->overhead_factor = (uint32_t)get_u(&c, 4);
        job->per_pass = (uint32_t)get_u(&c, 4);
        job->lead = (uint32_t)get_u(&c, 4);
        job->poison_seed = get_u(&c, 8);
        if (job->per_pass < 1 || job->ncases % job->per_pass != 0) FAIL("the benchmark cases are not whole passes");
        if (job->max_reps < 1 || job->max_reps > 4096) FAIL("bad repetition cap");
        uint64_t windows = (uint64_t)job->children * (1 + job->warmup) + job->samples;
        if ((uint64_t)job->ncases / job->per_pass < windows * job->max_reps) FAIL("too few passes of benchmark inputs for its windows");
        if (job->overhead_factor < 10 || job->overhead_factor > 100000) FAIL("bad overhead factor");
        if (job->children < 1 || job->children > job->samples) FAIL("bad benchmark child count");
        if (job->samples < 1 || job->samples > 100000) FAIL("bad sample count");
        if (job->nkernels != 2) FAIL("a benchmark needs two kernels");
    } else {
        FAIL("unknown mode");
    }
    if (c.failed || !job->entry || !job->shim) FAIL("truncated job");
    if (c.left != 0) FAIL("trailing bytes after job");
#undef FAIL
    return 0;
}
