/* The worker: reads jobs, forks one sandboxed child per job, enforces deadlines, times benchmark
 * windows and answers with what the kernel produced. Single-threaded, spawned (never forked) by
 * the evolver. */
#define _GNU_SOURCE
#include "evs_internal.h"
#include "reply.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* State of one job's child as seen from the worker. */
typedef struct {
    pid_t pid;
    int fd;
    int killed; /* we sent SIGKILL */
    evs_buf diag;
} child_conn;

typedef struct {
    uint8_t tag;
    uint32_t len;
    uint8_t *payload;
} frame;

/* Reads one frame from the child. Returns 0, -1 on EOF/error, -2 on timeout, -3 if too long. */
/* Waits until the child's socket is readable, at most timeout_ms. If the evolver goes away
 * meanwhile (our stdin hangs up), the child is killed and the worker exits at once: a killed
 * evolver leaves nothing behind. (Parent-death signals would follow the evolver's spawning thread,
 * not the process, so the pipe is the reliable signal.) Returns 0 when readable, -2 on timeout. */
static int await_child(child_conn *c, int timeout_ms) {
    uint64_t deadline = evs_now_ns() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms) * 1000000ull;
    for (;;) {
        uint64_t now = evs_now_ns();
        if (now >= deadline) return -2;
        struct pollfd p[2] = { { .fd = c->fd, .events = POLLIN }, { .fd = 0, .events = POLLIN } };
        int n = poll(p, 2, (int)((deadline - now + 999999ull) / 1000000ull));
        if (n < 0 && errno != EINTR) return 0;
        if (n <= 0) continue;
        if (p[1].revents & (POLLHUP | POLLERR)) {
            if (c->pid > 0) evs_kill_and_reap(c->pid);
            _exit(0);
        }
        if (p[0].revents) return 0;
    }
}

static int read_frame(child_conn *c, frame *f, int timeout_ms, uint32_t max_len) {
    uint8_t h[5];
    if (await_child(c, timeout_ms) != 0) return -2;
    int r = evs_read_full(c->fd, h, 5, timeout_ms);
    if (r != 0) return r;
    f->tag = h[0];
    f->len = (uint32_t)h[1] | (uint32_t)h[2] << 8 | (uint32_t)h[3] << 16 | (uint32_t)h[4] << 24;
    if (f->len > max_len) return -3;
    free(f->payload);
    f->payload = malloc(f->len + 1);
    if (!f->payload) return -1;
    if (f->len) {
        r = evs_read_full(c->fd, f->payload, f->len, timeout_ms);
        if (r != 0) return r;
    }
    return 0;
}

static void send_cmd(child_conn *c, uint8_t tag, uint32_t a, uint32_t b, int with_poison, uint8_t poison) {
    uint8_t m[14];
    uint32_t len = with_poison ? 9 : 8;
    m[0] = tag;
    memcpy(m + 1, &len, 4);
    memcpy(m + 5, &a, 4);
    memcpy(m + 9, &b, 4);
    m[13] = poison;
    evs_write_full(c->fd, m, 5 + len);
}

/* Describes how the child ended after EOF or a timeout; sets status and detail. */
static void classify_exit(child_conn *c, evs_reply *r, const char *phase) {
    int st = evs_reap(c->pid, 1000);
    c->pid = -1;
    if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        if (sig == SIGKILL && !c->killed) {
            r->status = EVS_SANDBOX_VIOLATION;
            evs_reply_detail(r, "killed by seccomp during %s: the kernel made a forbidden system call", phase);
        } else if (sig == SIGXCPU) {
            r->status = EVS_TIMEOUT;
            evs_reply_detail(r, "exceeded its CPU time limit during %s", phase);
        } else {
            r->status = EVS_CRASHED;
            evs_reply_detail(r, "terminated by signal %d (%s) during %s", sig, strsignal(sig), phase);
        }
    } else {
        r->status = EVS_CRASHED;
        evs_reply_detail(r, "exited with status %d during %s", WEXITSTATUS(st), phase);
    }
}

static void kill_child(child_conn *c) {
    if (c->pid > 0) {
        c->killed = 1;
        evs_kill_and_reap(c->pid);
        c->pid = -1;
    }
}

/* Handles a frame that is not the expected answer. Returns 1 when the job must stop. */
static int unexpected(child_conn *c, evs_reply *r, int rc, frame *f, const char *phase, int timeout_ms) {
    if (rc == -2) {
        kill_child(c);
        r->status = EVS_TIMEOUT;
        evs_reply_detail(r, "did not finish %s within %d ms (killed)", phase, timeout_ms);
        return 1;
    }
    if (rc == -1) {
        classify_exit(c, r, phase);
        return 1;
    }
    if (rc == 0 && f->tag == EVS_TAG_FAULT && f->len == 14) {
        r->status = f->payload[0];
        r->fault_reason = f->payload[1];
        memcpy(&r->fault_param, f->payload + 2, 4);
        memcpy(&r->fault_addr, f->payload + 6, 8);
        evs_reply_detail(r, "fault during %s", phase);
        evs_reap(c->pid, 1000);
        c->pid = -1;
        return 1;
    }
    kill_child(c);
    r->status = EVS_SANDBOX_VIOLATION;
    evs_reply_detail(r, "wrote to the harness channel during %s (protocol violation)", phase);
    return 1;
}

/* Waits for the compile report. Returns 1 when the kernels are ready to run. */
static int await_ready(child_conn *c, const evs_job *job, evs_reply *r) {
    frame f = { 0 };
    uint64_t deadline = evs_now_ns() + (uint64_t)job->compile_deadline_ms * job->nkernels * 1000000ull;
    for (;;) {
        uint64_t now = evs_now_ns();
        int left = now >= deadline ? 0 : (int)((deadline - now) / 1000000ull) + 1;
        int rc = read_frame(c, &f, left, 1 << 16);
        if (rc == 0 && f.tag == EVS_TAG_DIAG && f.len >= 1) {
            evs_buf_printf(&c->diag, "%u:%.*s\n", f.payload[0], (int)f.len - 1, (const char *)f.payload + 1);
            continue;
        }
        if (rc == 0 && f.tag == EVS_TAG_READY && f.len == EVS_READY_LEN) {
            r->status = f.payload[0];
            r->failed_kernel = f.payload[1];
            for (int k = 0; k < 2; k++) {
                memcpy(&r->compile_ns[k], f.payload + 2 + 16 * k, 8);
                memcpy(&r->image_bytes[k], f.payload + 2 + 16 * k + 8, 8);
            }
            free(f.payload);
            if (r->status == EVS_OK) return 1;
            evs_reap(c->pid, 1000);
            c->pid = -1;
            return 0;
        }
        if (rc == -2) {
            kill_child(c);
            r->status = EVS_COMPILE_ERROR;
            evs_reply_detail(r, "compilation did not finish within %u ms (killed)", job->compile_deadline_ms);
        } else if (rc == -1) {
            int st = evs_reap(c->pid, 1000);
            c->pid = -1;
            int undefined = c->diag.data && strstr((const char *)c->diag.data, "undefined symbol") != NULL;
            r->status = undefined ? EVS_LINK_ERROR : EVS_COMPILE_ERROR;
            if (WIFSIGNALED(st))
                evs_reply_detail(r, "the compiler died with signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
            else
                evs_reply_detail(r, "the compiler exited with status %d", WEXITSTATUS(st));
        } else {
            kill_child(c);
            r->status = EVS_INTERNAL_ERROR;
            evs_reply_detail(r, "unexpected frame during compilation");
        }
        free(f.payload);
        return 0;
    }
}

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* Asks the child to re-read every call's outputs and bands after the last call; any change since a
 * call returned means a later call wrote outside its own buffers. */
static void verify_outputs(child_conn *c, const evs_job *job, evs_reply *r, frame *f) {
    send_cmd(c, EVS_TAG_VERIFY, job->ncalls, 0, 0, 0);
    uint32_t expect = job->ncalls * 8;
    int rc = read_frame(c, f, 5000, expect > 14 ? expect : 14);
    if (rc != 0 || f->tag != EVS_TAG_VERIFY || f->len != expect) {
        unexpected(c, r, rc, f, "the final check of all outputs", 5000);
        return;
    }
    const uint8_t *out = r->outputs.data;
    for (uint32_t i = 0; i < job->ncalls; i++) {
        uint32_t cs = job->call_case[i];
        size_t n = 0;
        for (uint32_t p = 0; p < job->nparams; p++)
            if (job->params[p].kind == EVS_PARAM_OUTPUT) n += (size_t)(job->args[(size_t)cs * job->nparams + p].count * job->params[p].elem);
        uint64_t want = fnv(14695981039346656037ull, out + 8, n), got;
        memcpy(&got, f->payload + 8 * i, 8);
        if (want != got) {
            r->status = EVS_MEMORY_VIOLATION;
            r->fault_reason = EVS_FAULT_LATE_WRITE;
            r->fault_addr = i;
            evs_reply_detail(r, "a later call changed the outputs of call %u", i);
            return;
        }
        out += 8 + n;
    }
}

static void run_validation(child_conn *c, const evs_job *job, evs_reply *r) {
    frame f = { 0 };
    for (uint32_t i = 0; i < job->ncalls; i++) {
        uint32_t cs = job->call_case[i];
        uint32_t expect = 8;
        for (uint32_t p = 0; p < job->nparams; p++)
            if (job->params[p].kind == EVS_PARAM_OUTPUT)
                expect += (uint32_t)(job->args[(size_t)cs * job->nparams + p].count * job->params[p].elem);
        send_cmd(c, EVS_TAG_RUN, 0, i, 1, job->call_poison[i]);
        int rc = read_frame(c, &f, (int)job->call_deadline_ms, expect > 14 ? expect : 14);
        if (rc == 0 && f.tag == EVS_TAG_OUTPUT && f.len == expect) {
            evs_buf_put(&r->outputs, f.payload, f.len);
            r->completed++;
            continue;
        }
        r->failing_call = (int32_t)i;
        unexpected(c, r, rc, &f, "a call", (int)job->call_deadline_ms);
        free(f.payload);
        return;
    }
    verify_outputs(c, job, r, &f);
    free(f.payload);
}

static int timed_bench(child_conn *c, uint32_t kernel, uint32_t reps, int timeout_ms, uint64_t *elapsed,
                       uint64_t *checksum, evs_reply *r) {
    frame f = { 0 };
    uint64_t t0 = evs_now_ns();
    send_cmd(c, EVS_TAG_BENCH, kernel, reps, 0, 0);
    int rc = read_frame(c, &f, timeout_ms, 14); /* DONE is 8 bytes; a FAULT report is 14 */
    uint64_t t1 = evs_now_ns();
    if (rc == 0 && f.tag == EVS_TAG_DONE && f.len == 8) {
        *elapsed = t1 - t0;
        if (checksum) memcpy(checksum, f.payload, 8);
        free(f.payload);
        return 1;
    }
    r->failed_kernel = (uint8_t)kernel;
    unexpected(c, r, rc, &f, "the benchmark", timeout_ms);
    free(f.payload);
    return 0;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Runs one benchmark child's share of the samples: [first, first + count). In a swapped child the
 * candidate was compiled as kernel 0; samples and checksums are mapped back to job order. */
static void run_benchmark(child_conn *c, const evs_job *job, evs_reply *r, uint32_t first, uint32_t count, int swapped) {
    frame f = { 0 };
    uint64_t pings[16];
    for (int i = 0; i < 16; i++) {
        uint64_t t0 = evs_now_ns();
        send_cmd(c, EVS_TAG_PING, 0, 0, 0, 0);
        int rc = read_frame(c, &f, 1000, 0);
        if (rc != 0 || f.tag != EVS_TAG_PING) {
            unexpected(c, r, rc, &f, "the benchmark", 1000);
            free(f.payload);
            return;
        }
        pings[i] = evs_now_ns() - t0;
    }
    free(f.payload);
    qsort(pings, 16, sizeof pings[0], cmp_u64);
    r->overhead_ns = pings[8];
    int first_ms = (int)((uint64_t)job->call_deadline_ms * (job->ncases ? job->ncases : 1));
    uint64_t ta, tb, sum0 = 0, sum1 = 0;
    if (!timed_bench(c, 0, 1, first_ms, &ta, &sum0, r)) return;
    if (!timed_bench(c, 1, 1, first_ms, &tb, &sum1, r)) return;
    if (first == 0 || sum0 != sum1) {
        r->checksum[0] = swapped ? sum1 : sum0;
        r->checksum[1] = swapped ? sum0 : sum1;
    }
    /* Different outputs on the workload: nothing to time (the evolver reports wrong_output). */
    if (r->checksum[0] != r->checksum[1]) return;
    uint64_t per_pass = ta < tb ? ta : tb;
    if (per_pass < 1) per_pass = 1;
    uint64_t floor_ns = (uint64_t)job->overhead_factor * r->overhead_ns;
    uint64_t target = job->window_ns > floor_ns ? job->window_ns : floor_ns;
    uint64_t reps = (target + per_pass - 1) / per_pass;
    if (reps < 1) reps = 1;
    if (reps > job->max_reps && job->max_reps > 0) reps = job->max_reps;
    r->reps = (uint32_t)reps;
    uint64_t slow = ta > tb ? ta : tb;
    uint64_t expected_ms = slow * reps / 1000000ull;
    int timeout_ms = (int)(expected_ms * 20 + 2000);
    uint64_t e;
    for (uint32_t w = 0; w < job->warmup; w++) {
        if (!timed_bench(c, 0, r->reps, timeout_ms, &e, NULL, r)) return;
        if (!timed_bench(c, 1, r->reps, timeout_ms, &e, NULL, r)) return;
    }
    for (uint32_t s = first; s < first + count; s++) {
        /* ABBA order so that position effects cancel. */
        uint32_t lead = s & 1;
        for (uint32_t j = 0; j < 2; j++) {
            uint32_t k = j == 0 ? lead : 1 - lead;
            if (!timed_bench(c, k, r->reps, timeout_ms, &e, NULL, r)) return;
            ((k == 0) != (swapped != 0) ? r->samples_a : r->samples_b)[s] = e / r->reps;
        }
    }
}

static void run_child(const evs_job *job, evs_reply *r, uint32_t first, uint32_t count, int swapped);

/* Benchmarks spread their samples over several children, with the kernels' compile order (and so
 * their addresses) swapped in every other child: a bias that one child's memory layout gives one
 * side then shows up as spread, not as a shift. */
static void run_job(const evs_job *job, evs_reply *r) {
    if (job->mode == EVS_MODE_VALIDATE) {
        run_child(job, r, 0, 0, 0);
        return;
    }
    r->samples_a = calloc(job->samples, 8);
    r->samples_b = calloc(job->samples, 8);
    r->nsamples = job->samples;
    for (uint32_t k = 0; k < job->children && r->status == EVS_OK; k++) {
        uint32_t first = job->samples * k / job->children, last = job->samples * (k + 1) / job->children;
        evs_job view = *job;
        int swapped = (int)(k & 1);
        if (swapped) {
            view.sources[0] = job->sources[1];
            view.sources[1] = job->sources[0];
        }
        run_child(&view, r, first, last - first, swapped);
        if (r->status != EVS_OK && swapped) r->failed_kernel = (uint8_t)(1 - r->failed_kernel);
        if (r->status == EVS_OK && r->checksum[0] != r->checksum[1]) break;
    }
}

static void run_child(const evs_job *job, evs_reply *r, uint32_t first, uint32_t count, int swapped) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "socketpair: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "fork: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        return;
    }
    if (pid == 0) {
        close(sv[0]);
        evs_child_main(job, sv[1]);
    }
    close(sv[1]);
    child_conn c = { .pid = pid, .fd = sv[0] };
    if (await_ready(&c, job, r)) {
        if (job->mode == EVS_MODE_VALIDATE) run_validation(&c, job, r);
        else run_benchmark(&c, job, r, first, count, swapped);
        if (c.pid > 0) {
            /* Anything the child wrote beyond its last answer breaks the protocol. */
            struct pollfd pfd = { .fd = c.fd, .events = POLLIN };
            if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) && r->status == EVS_OK) {
                uint8_t extra;
                if (recv(c.fd, &extra, 1, MSG_DONTWAIT) == 1) {
                    r->status = EVS_SANDBOX_VIOLATION;
                    evs_reply_detail(r, "wrote to the harness channel (protocol violation)");
                }
            }
            kill_child(&c);
        }
    }
    if (c.pid > 0) kill_child(&c);
    close(c.fd);
    if (r->diagnostics.data == NULL) r->diagnostics = c.diag;
    else free(c.diag.data);
}

int evs_worker_main(int argc, char **argv) {
    /* No parent-death signal here: it would fire when the evolver thread that spawned us exits.
     * The evolver's end is seen as EOF/hang-up on stdin instead (see await_child). */
    if (argc > 1 && getppid() != (pid_t)atoi(argv[1])) return 1;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, SIG_IGN); /* Ctrl-C is the evolver's to handle: it stops cleanly and closes our pipe */
    syscall(SYS_close_range, 3u, ~0u, 0u);
    for (;;) {
        uint32_t len;
        if (evs_read_full(0, &len, 4, -1) != 0) return 0;
        uint8_t *buf = malloc(len ? len : 1);
        if (!buf || evs_read_full(0, buf, len, -1) != 0) return 1;
        evs_job job;
        evs_reply r;
        evs_reply_init(&r);
        char reason[256];
        if (evs_decode_job(buf, len, &job, reason, sizeof reason) != 0) {
            r.status = EVS_INTERNAL_ERROR;
            evs_reply_detail(&r, "bad job: %s", reason);
            evs_reply_send(&r, EVS_MODE_VALIDATE, 1);
        } else {
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
            } else {
                run_job(&job, &r);
            }
            evs_reply_send(&r, job.mode, 1);
            evs_free_job(&job);
        }
        evs_reply_free(&r);
        free(buf);
    }
}
