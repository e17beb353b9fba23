/* The benchmark, driven and judged by the worker.
 *
 * Each round forks one child per side (the incumbent and the candidate never share a process).
 * Windows alternate between the two children in ABBA order; a child runs only inside its own
 * window: the worker starts its clock, resumes the child and tells it to go, and on its "done"
 * stops the clock and stops the child (SIGSTOP) before looking at anything. Every window uses
 * inputs no call has seen before (written into the child's read-only shared memory while it is
 * stopped) and returns every call into its own poisoned slot, which the worker reads itself.
 * Both sides' windows of a pair make the same calls on the same inputs, which must agree byte for
 * byte. Repetitions are calibrated per side from that side's own time and both sides make the
 * smaller number, so a fast kernel cannot make the other run long and the two windows of a pair
 * time the same work. */
#define _GNU_SOURCE
#include "bench.h"
#include "bench_area.h"
#include "conn.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

/* Empty windows per child that measure the timer's round trip before any kernel runs. */
#define EVS_OVERHEAD_WINDOWS 9

typedef struct {
    child_conn c;
    evs_bench_area area;
    uint32_t reps;
    uint64_t pass_ns;  /* calibration: one pass */
    uint32_t ncalls;   /* calls of the last window prepared */
    uint32_t *cases;   /* per call of that window: the pool case */
    uint8_t *poison;   /* per call of that window: the slot's poison byte */
} side;

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Poison of call j of window w: varies, and is 0x00 or 0xFF for half the calls. Both sides use the
 * same bytes, so an output that both leave untouched agrees. */
static uint8_t poison_byte(const evs_job *job, uint32_t w, uint32_t j) {
    uint64_t h = mix64(job->poison_seed ^ ((uint64_t)w << 32) ^ j);
    switch (h & 3) {
    case 0: return 0x00;
    case 1: return 0xFF;
    default: return (uint8_t)(h >> 8);
    }
}

static uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

/* Writes the window's n calls (the pool cases and poison bytes in s->cases and s->poison) into the
 * side's shared memory: inputs packed, call descriptors, and every slot poisoned. The child is stopped. */
static void prepare(const evs_job *job, side *s, uint32_t n) {
    evs_bench_area *a = &s->area;
    uint32_t words = evs_desc_words(job), np = job->nparams;
    size_t off = 64;
    for (uint32_t j = 0; j < n; j++) {
        uint32_t c = s->cases[j];
        int64_t *d = (int64_t *)(a->desc + (size_t)j * words * 8);
        d[0] = (int64_t)j * a->slot_stride;
        for (uint32_t p = 0; p < np; p++) {
            const evs_arg *arg = &job->args[(size_t)c * np + p];
            uint64_t bytes = arg->count * job->params[p].elem;
            switch (job->params[p].kind) {
            case EVS_PARAM_INT: d[1 + p] = arg->value; break;
            case EVS_PARAM_INPUT:
                if (bytes) memcpy(a->in + off, arg->data, (size_t)bytes);
                d[1 + p] = (int64_t)off;
                off += (size_t)round_up(bytes, 64) + 64;
                break;
            case EVS_PARAM_OUTPUT: d[1 + p] = (int64_t)j * a->slot_stride + EVS_SLOT_HEADER + a->out_off[p]; break;
            /* Scratch: the case position's buffer, and the byte it is poisoned with before the call. */
            default: d[1 + p] = (int64_t)(c % job->per_pass) | ((int64_t)s->poison[j] << 32); break;
            }
        }
        memset(a->slots + (size_t)j * a->slot_stride, s->poison[j], a->slot_stride);
    }
    s->ncalls = n;
}

/* One timed window of n prepared calls. Returns 1 with the elapsed time, or 0 (status set). */
static int run_window(side *s, uint32_t n, int timeout_ms, uint64_t *elapsed, evs_reply *r) {
    if (evs_conn_pending(&s->c)) {
        evs_conn_kill(&s->c);
        r->status = EVS_SANDBOX_VIOLATION;
        evs_reply_detail(r, "wrote to the harness channel outside its window (protocol violation)");
        return 0;
    }
    frame f = { 0 };
    if (n > 0) s->c.kernel_ran = 1;
    uint64_t t0 = evs_now_ns();
    evs_conn_resume(&s->c);
    evs_conn_send(&s->c, EVS_TAG_GO, n, 0, 0, 0);
    int rc = evs_conn_read(&s->c, &f, timeout_ms, 14);
    uint64_t t1 = evs_now_ns();
    uint32_t said = ~0u;
    if (rc == 0 && f.tag == EVS_TAG_DONE && f.len == 4) memcpy(&said, f.payload, 4);
    if (said != n) {
        evs_conn_unexpected(&s->c, r, rc, &f, "the benchmark", timeout_ms);
        free(f.payload);
        return 0;
    }
    free(f.payload);
    if (!evs_conn_stop(&s->c, r, "the benchmark")) return 0;
    *elapsed = t1 - t0;
    return 1;
}

/* Whether call j's slot of side x agrees with call jy's of side y: the return value, then each
 * output, compared as the harness says (x, the incumbent, is the reference of a relative tolerance). */
static int slot_equal(const evs_job *job, const side *x, uint32_t jx, const side *y, uint32_t jy) {
    const uint8_t *sx = x->area.slots + (size_t)jx * x->area.slot_stride;
    const uint8_t *sy = y->area.slots + (size_t)jy * y->area.slot_stride;
    uint8_t ret_elem = job->ret_cmp.number == EVS_NUMBER_F32 ? 4 : 8;
    if (!evs_values_agree(&job->ret_cmp, ret_elem, sx, sy, 1, -1, -1)) return 0;
    if (ret_elem == 4 && memcmp(sx + 4, sy + 4, 4) != 0) return 0;
    uint32_t c = x->cases[jx];
    for (uint32_t p = 0; p < job->nparams; p++) {
        if (job->params[p].kind != EVS_PARAM_OUTPUT) continue;
        uint64_t count = job->args[(size_t)c * job->nparams + p].count;
        if (!evs_values_agree(&job->params[p].cmp, job->params[p].elem, sx + EVS_SLOT_HEADER + x->area.out_off[p],
                              sy + EVS_SLOT_HEADER + y->area.out_off[p], count, x->poison[jx], y->poison[jy])) return 0;
    }
    return 1;
}

/* Whether call j never returned into its slot: the mark the harness writes after each call is
 * still poison. (A hostile child can forge the mark, but then its outputs are judged as outputs.) */
static int slot_unwritten(const side *x, uint32_t j) {
    uint64_t mark;
    memcpy(&mark, x->area.slots + (size_t)j * x->area.slot_stride + 8, 8);
    return mark != EVS_SLOT_MARK(j);
}

/* Compares call jx of side x with call jy of side y (same case). Returns 1 when they agree;
 * otherwise records why (a side whose slot was never written ended its window early: a violation;
 * else the outputs differ) and returns 0. Side 0 is the incumbent. */
static int agree(const evs_job *job, side *sides, int x, uint32_t jx, int y, uint32_t jy, uint32_t w, evs_reply *r) {
    if (slot_equal(job, &sides[x], jx, &sides[y], jy)) return 1;
    int ux = slot_unwritten(&sides[x], jx), uy = slot_unwritten(&sides[y], jy);
    if (ux != uy) {
        int who = ux ? x : y;
        r->status = EVS_SANDBOX_VIOLATION;
        r->failed_kernel = (uint8_t)who;
        evs_reply_detail(r, "reported a benchmark window done before call %u of it had returned (its harness was cut short or the report forged)",
                         who == x ? jx : jy);
        return 0;
    }
    r->outputs_differ = 1;
    r->differ_window = w;
    r->differ_call = jx;
    return 0;
}

/* Makes both sides' windows w (calls of passes w*R ...), in the order lead first, and compares every
 * call of one with the same call of the other. */
static int run_pair(const evs_job *job, side *sides, uint32_t w, int lead, int with_reps, uint64_t elapsed[2], evs_reply *r) {
    uint32_t pp = job->per_pass, stride = job->max_reps;
    int ok = 1;
    for (int t = 0; t < 2 && ok; t++) {
        int x = t ^ lead;
        side *s = &sides[x];
        uint32_t reps = with_reps ? s->reps : 1;
        uint32_t n = reps * pp;
        for (uint32_t j = 0; j < n; j++) {
            s->cases[j] = (w * stride + j / pp) * pp + j % pp;
            s->poison[j] = poison_byte(job, w, j);
        }
        prepare(job, s, n);
        /* A calibrated window may take 20 times its expected length (a loaded machine); the first,
         * uncalibrated one only what its calls' deadlines allow: a kernel that loops on the
         * workload is killed after pp deadlines, not twenty times that. */
        uint64_t timeout = with_reps ? s->pass_ns * reps / 1000000ull * 20 + 2000 : (uint64_t)job->call_deadline_ms * pp + 1000;
        int timeout_ms = (int)(timeout < INT32_MAX ? timeout : INT32_MAX);
        if (!run_window(s, n, timeout_ms, &elapsed[x], r)) {
            r->failed_kernel = (uint8_t)x;
            ok = 0;
        }
    }
    uint32_t common = sides[0].ncalls < sides[1].ncalls ? sides[0].ncalls : sides[1].ncalls;
    for (uint32_t j = 0; j < common && ok; j++)
        if (!agree(job, sides, 0, j, 1, j, w, r)) ok = 0;
    if (ok && sides[0].ncalls != sides[1].ncalls) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "the sides' windows made different numbers of calls");
        ok = 0;
    }
    return ok && r->status == EVS_OK && !r->outputs_differ;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The timer's round trip (resume, go, done) of one child, before its kernel ever ran. */
static int measure_overhead(side *s, uint64_t *median, evs_reply *r) {
    uint64_t t[EVS_OVERHEAD_WINDOWS];
    for (int i = 0; i < EVS_OVERHEAD_WINDOWS; i++)
        if (!run_window(s, 0, 1000, &t[i], r)) return 0;
    qsort(t, EVS_OVERHEAD_WINDOWS, sizeof t[0], cmp_u64);
    *median = t[EVS_OVERHEAD_WINDOWS / 2];
    return 1;
}

static uint64_t per_pass(uint64_t elapsed, uint64_t overhead, uint32_t reps) {
    uint64_t net = elapsed > overhead ? elapsed - overhead : 1;
    uint64_t v = net / (reps ? reps : 1);
    return v ? v : 1;
}

/* The CPU the children of a round share: the one the worker is on when the round starts, so
 * parallel workers spread their benchmarks over the machine while each pair shares a core. */
static int32_t round_cpu(void) {
    int cpu = sched_getcpu();
    return cpu >= 0 ? cpu : -1;
}

/* One round: a child per side, calibration, warm-up, then samples [first, first + count). */
static void run_round(const evs_job *job, evs_reply *r, uint32_t round, uint32_t first, uint32_t count, uint32_t *next_window) {
    side sides[2];
    memset(sides, 0, sizeof sides);
    evs_job views[2];
    uint32_t max_calls = job->max_reps * job->per_pass;
    int started = 0;
    int32_t cpu = round_cpu();
    for (int x = 0; x < 2; x++) {
        sides[x].c.pid = -1;
        sides[x].c.fd = -1;
        sides[x].cases = calloc(max_calls + 1, sizeof(uint32_t));
        sides[x].poison = calloc(max_calls + 1, 1);
        views[x] = *job;
        views[x].nkernels = 1;
        views[x].sources[0] = job->sources[x];
        views[x].source_len[0] = job->source_len[x];
        views[x].sources[1] = NULL;
        views[x].bench = &sides[x].area;
        views[x].pin_cpu = cpu;
        if (!sides[x].cases || !sides[x].poison || evs_bench_area_create(&sides[x].area, job, max_calls) != 0) {
            r->status = EVS_RESOURCE_LIMIT;
            evs_reply_detail(r, "the benchmark's inputs and outputs do not fit in the memory limit");
            break;
        }
        if (evs_conn_start(&sides[x].c, &views[x], r) != 0) break;
        started = x + 1;
    }
    for (int x = 0; x < started && r->status == EVS_OK; x++) {
        evs_reply part;
        evs_reply_init(&part);
        if (!evs_conn_await_ready(&sides[x].c, &views[x], &part)) {
            r->status = part.status;
            r->failed_kernel = (uint8_t)x;
            memcpy(r->detail, part.detail, sizeof r->detail);
        }
        r->compile_ns[x] = part.compile_ns[0];
        r->image_bytes[x] = part.image_bytes[0];
        r->has_image_id[x] = part.has_image_id[0];
        memcpy(r->image_sha256[x], part.image_sha256[0], 32);
        evs_reply_free(&part);
        if (r->status == EVS_OK && !evs_conn_stop(&sides[x].c, r, "the benchmark")) r->failed_kernel = (uint8_t)x;
    }
    uint64_t overhead[2] = { 0, 0 };
    for (int x = 0; x < 2 && r->status == EVS_OK; x++)
        if (!measure_overhead(&sides[x], &overhead[x], r)) r->failed_kernel = (uint8_t)x;
    uint64_t ov = overhead[0] < overhead[1] ? overhead[0] : overhead[1];
    int round_lead = (int)((round & 1) ^ job->lead);
    uint64_t e[2];
    if (r->status == EVS_OK) {
        if (round == 0 || ov < r->overhead_ns) r->overhead_ns = ov;
        if (run_pair(job, sides, (*next_window)++, round_lead, 0, e, r)) {
            uint64_t floor_ns = (uint64_t)job->overhead_factor * ov;
            uint64_t target = job->window_ns > floor_ns ? job->window_ns : floor_ns;
            uint32_t reps_of[2];
            for (int x = 0; x < 2; x++) {
                sides[x].pass_ns = per_pass(e[x], ov, 1);
                uint64_t reps = (target + sides[x].pass_ns - 1) / sides[x].pass_ns;
                reps_of[x] = (uint32_t)(reps < 1 ? 1 : reps > job->max_reps ? job->max_reps : reps);
            }
            /* Each side is calibrated from its own time; both then make the smaller number of passes,
             * so that the two windows of a pair time exactly the same inputs and neither side's
             * speed can make the other run longer than its own calibration asks. */
            uint32_t common = reps_of[0] < reps_of[1] ? reps_of[0] : reps_of[1];
            sides[0].reps = sides[1].reps = common;
            if (round == 0) {
                r->reps_a = sides[0].reps;
                r->reps_b = sides[1].reps;
            }
            int ok = 1;
            for (uint32_t i = 0; i < job->warmup && ok; i++)
                ok = run_pair(job, sides, (*next_window)++, (int)(i & 1) ^ round_lead, 1, e, r);
            for (uint32_t s = first; s < first + count && ok; s++) {
                ok = run_pair(job, sides, (*next_window)++, (int)(s & 1) ^ round_lead, 1, e, r);
                if (ok) {
                    r->samples_a[s] = per_pass(e[0], ov, sides[0].reps);
                    r->samples_b[s] = per_pass(e[1], ov, sides[1].reps);
                }
            }
        }
    }
    for (int x = 0; x < 2; x++) {
        evs_conn_close(&sides[x].c, r);
        evs_bench_area_destroy(&sides[x].area);
        free(sides[x].cases);
        free(sides[x].poison);
    }
}

void evs_run_benchmark(const evs_job *job, evs_reply *r) {
    r->samples_a = calloc(job->samples, 8);
    r->samples_b = calloc(job->samples, 8);
    r->nsamples = job->samples;
    uint32_t next_window = 0;
    for (uint32_t k = 0; k < job->children && r->status == EVS_OK && !r->outputs_differ; k++) {
        uint32_t first = job->samples * k / job->children, last = job->samples * (k + 1) / job->children;
        run_round(job, r, k, first, last - first, &next_window);
    }
}
