/* The worker: reads jobs, forks sandboxed children, enforces deadlines and decides what happened
 * from what it observed itself: how a child ended, which calls returned, and the outputs it read
 * from memory it shares with the child. Nothing a child reports is believed beyond "this call
 * returned" (and a fault report counts only against the kernel). Single-threaded, spawned (never
 * forked) by the evolver. */
#define _GNU_SOURCE
#include "evs_internal.h"
#include "bench.h"
#include "child_layout.h"
#include "conn.h"
#include "reply.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The worker's own look at a call's slot: poisoned bands intact. Returns 0 or a canary fault. */
static int check_bands(const evs_job *job, const evs_layout *l, uint32_t call, int32_t *param) {
    return evs_layout_check_canaries(l, call, job->call_poison[call], param);
}

/* After the last call, with the child dead: every call's memory must be as it was when the call
 * returned (a later call may not write into an earlier call's buffers or bands). */
static void verify_after_end(const evs_job *job, const evs_layout *l, const uint64_t *hashes, evs_reply *r) {
    for (uint32_t i = 0; i < r->completed; i++) {
        int32_t param = -1;
        if (check_bands(job, l, i, &param) || evs_layout_hash(l, i) != hashes[i]) {
            r->status = EVS_MEMORY_VIOLATION;
            r->fault_reason = EVS_FAULT_LATE_WRITE;
            r->fault_param = param;
            r->fault_addr = i;
            evs_reply_detail(r, "a later call changed the memory of call %u", i);
            return;
        }
    }
}

/* Validation: one call per command; after each, the worker checks the call's bands and copies its
 * return value and outputs from the shared slot itself. */
static void run_validation(const evs_job *job, evs_reply *r) {
    evs_layout layout;
    if (evs_layout_plan(&layout, job) != 0) {
        r->status = EVS_RESOURCE_LIMIT;
        evs_reply_detail(r, "inputs and output buffers do not fit in the memory limit");
        evs_layout_release(&layout);
        return;
    }
    size_t ret_bytes = ((size_t)job->ncalls * 8 + 4095) & ~(size_t)4095;
    int64_t *rets = mmap(NULL, ret_bytes ? ret_bytes : 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    uint64_t *hashes = calloc(job->ncalls + 1, sizeof(uint64_t));
    if (rets == MAP_FAILED || !hashes) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "out of memory for the call slots");
        if (rets != MAP_FAILED) munmap(rets, ret_bytes ? ret_bytes : 4096);
        free(hashes);
        evs_layout_release(&layout);
        return;
    }
    evs_job view = *job;
    view.layout = &layout;
    view.call_ret = rets;
    child_conn c;
    if (evs_conn_start(&c, &view, r) == 0) {
        if (evs_conn_await_ready(&c, &view, r)) {
            frame f = { 0 };
            for (uint32_t i = 0; i < job->ncalls; i++) {
                rets[i] = 0;
                c.kernel_ran = 1;
                evs_conn_send(&c, EVS_TAG_RUN, 0, i, 1, job->call_poison[i]);
                int rc = evs_conn_read(&c, &f, (int)job->call_deadline_ms, 14);
                uint32_t said = 0;
                if (rc == 0 && f.tag == EVS_TAG_OUTPUT && f.len == 4) memcpy(&said, f.payload, 4);
                if (rc != 0 || f.tag != EVS_TAG_OUTPUT || f.len != 4 || said != i) {
                    r->failing_call = (int32_t)i;
                    evs_conn_unexpected(&c, r, rc, &f, "a call", (int)job->call_deadline_ms);
                    break;
                }
                int32_t param = -1;
                int broken = check_bands(job, &layout, i, &param);
                if (broken) {
                    evs_conn_kill(&c);
                    r->failing_call = (int32_t)i;
                    r->status = EVS_MEMORY_VIOLATION;
                    r->fault_reason = (uint8_t)broken;
                    r->fault_param = param;
                    evs_reply_detail(r, "fault during a call");
                    break;
                }
                hashes[i] = evs_layout_hash(&layout, i);
                evs_buf_put(&r->outputs, &rets[i], 8);
                for (uint32_t p = 0; p < job->nparams; p++)
                    if (job->params[p].kind == EVS_PARAM_OUTPUT)
                        evs_buf_put(&r->outputs, evs_layout_buffer(&layout, i, p), (size_t)evs_layout_bytes(&layout, i, p));
                r->completed++;
            }
            free(f.payload);
            if (r->status == EVS_OK && evs_conn_pending(&c)) {
                r->status = EVS_SANDBOX_VIOLATION;
                evs_reply_detail(r, "wrote to the harness channel after its last call (protocol violation)");
            }
            evs_conn_kill(&c);
            if (r->status == EVS_OK) verify_after_end(job, &layout, hashes, r);
        }
        evs_conn_close(&c, r);
    }
    munmap(rets, ret_bytes ? ret_bytes : 4096);
    free(hashes);
    evs_layout_release(&layout);
}

/* Reads one job into memory of its own (a benchmark child unmaps it before its kernel runs). */
static uint8_t *read_job(uint32_t len, size_t *mapped) {
    *mapped = ((size_t)len + 4095) & ~(size_t)4095;
    if (*mapped == 0) *mapped = 4096;
    uint8_t *buf = mmap(NULL, *mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) return NULL;
    if (evs_read_full(0, buf, len, -1) != 0) {
        munmap(buf, *mapped);
        return NULL;
    }
    return buf;
}

int evs_worker_main(int argc, char **argv) {
    /* No parent-death signal here: it would fire when the evolver thread that spawned us exits.
     * The evolver's end is seen as EOF/hang-up on stdin instead (see conn.c). */
    if (argc > 1 && getppid() != (pid_t)atoi(argv[1])) return 1;
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) return 1;
    if (signal(SIGINT, SIG_IGN) == SIG_ERR) return 1; /* Ctrl-C is the evolver's to handle: it stops cleanly and closes our pipe */
    if (syscall(SYS_close_range, 3u, ~0u, 0u) != 0)
        for (int fd = 3; fd < 1024; fd++) close(fd);
    for (;;) {
        uint32_t len;
        if (evs_read_full(0, &len, 4, -1) != 0) return 0;
        size_t mapped = 0;
        uint8_t *buf = read_job(len, &mapped);
        if (!buf) return 1;
        evs_job job;
        evs_reply r;
        evs_reply_init(&r);
        char reason[256];
        if (evs_decode_job(buf, len, &job, reason, sizeof reason) != 0) {
            r.status = EVS_INTERNAL_ERROR;
            evs_reply_detail(&r, "bad job: %s", reason);
            evs_reply_send(&r, EVS_MODE_VALIDATE, 1);
        } else {
            job.raw = buf;
            job.raw_len = mapped;
            char sreason[256];
            uint32_t bad = 0;
            int rejected = 0;
            for (uint32_t k = 0; k < job.nkernels && !rejected; k++) {
                if (evs_screen_source(job.sources[k], job.source_len[k], (size_t)1 << 20, sreason, sizeof sreason) != 0) {
                    rejected = 1;
                    bad = k;
                }
            }
            if (rejected) {
                r.status = EVS_REJECTED_SOURCE;
                r.failed_kernel = (uint8_t)bad;
                evs_reply_detail(&r, "%s", sreason);
            } else if (job.mode == EVS_MODE_VALIDATE) {
                run_validation(&job, &r);
            } else {
                evs_run_benchmark(&job, &r);
            }
            evs_reply_send(&r, job.mode, 1);
            evs_free_job(&job);
        }
        evs_reply_free(&r);
        munmap(buf, mapped);
    }
}
