/* The worker's side of one sandboxed child (see conn.h). */
#define _GNU_SOURCE
#include "conn.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Children alive at once: at most the two sides of a benchmark round. */
#define EVS_MAX_LIVE 4
static pid_t g_live[EVS_MAX_LIVE];

static void register_live(pid_t pid) {
    for (int i = 0; i < EVS_MAX_LIVE; i++)
        if (g_live[i] <= 0) { g_live[i] = pid; return; }
}

static void forget_live(pid_t pid) {
    for (int i = 0; i < EVS_MAX_LIVE; i++)
        if (g_live[i] == pid) g_live[i] = 0;
}

void evs_conn_abandon(void) {
    for (int i = 0; i < EVS_MAX_LIVE; i++)
        if (g_live[i] > 0) evs_kill_and_reap(g_live[i]);
    _exit(0);
}

int evs_conn_start(child_conn *c, const evs_job *job, evs_reply *r) {
    memset(c, 0, sizeof *c);
    c->pid = -1;
    c->fd = -1;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "socketpair: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "fork: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        evs_child_main(job, sv[1]);
    }
    close(sv[1]);
    c->pid = pid;
    c->fd = sv[0];
    register_live(pid);
    return 0;
}

/* Waits until the child's socket is readable, at most timeout_ms. If the evolver goes away
 * meanwhile (our stdin hangs up), every child is killed and the worker exits at once: a killed
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
        if (p[1].revents & (POLLHUP | POLLERR)) evs_conn_abandon();
        if (p[0].revents) return 0;
    }
}

int evs_conn_read(child_conn *c, frame *f, int timeout_ms, uint32_t max_len) {
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

void evs_conn_send(child_conn *c, uint8_t tag, uint32_t a, uint32_t b, int with_poison, uint8_t poison) {
    uint8_t m[14];
    uint32_t len = with_poison ? 9 : 8;
    m[0] = tag;
    memcpy(m + 1, &len, 4);
    memcpy(m + 5, &a, 4);
    memcpy(m + 9, &b, 4);
    m[13] = poison;
    evs_write_full(c->fd, m, 5 + len);
}

void evs_conn_kill(child_conn *c) {
    if (c->pid > 0) {
        c->killed = 1;
        evs_kill_and_reap(c->pid);
        forget_live(c->pid);
        c->pid = -1;
    }
}

/* Describes how a child that ended by itself ended, from its wait status. */
static void describe_end(child_conn *c, evs_reply *r, int st, const char *phase) {
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

static void reap_ended(child_conn *c, evs_reply *r, const char *phase) {
    int st = evs_reap(c->pid, 1000);
    forget_live(c->pid);
    c->pid = -1;
    describe_end(c, r, st, phase);
}

int evs_conn_stop(child_conn *c, evs_reply *r, const char *phase) {
    if (c->pid <= 0) return 0;
    kill(c->pid, SIGSTOP);
    for (;;) {
        int st = 0;
        pid_t w = waitpid(c->pid, &st, WUNTRACED);
        if (w < 0 && errno == EINTR) continue;
        if (w == c->pid && WIFSTOPPED(st)) return 1;
        if (w == c->pid) {
            forget_live(c->pid);
            c->pid = -1;
            describe_end(c, r, st, phase);
            return 0;
        }
        r->status = EVS_INTERNAL_ERROR;
        evs_reply_detail(r, "waitpid: %s", strerror(errno));
        evs_conn_kill(c);
        return 0;
    }
}

void evs_conn_resume(child_conn *c) {
    if (c->pid > 0) kill(c->pid, SIGCONT);
}

int evs_conn_pending(child_conn *c) {
    struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
    if (poll(&pfd, 1, 0) != 1 || !(pfd.revents & POLLIN)) return 0;
    uint8_t extra;
    return recv(c->fd, &extra, 1, MSG_DONTWAIT | MSG_PEEK) == 1;
}

int evs_conn_await_ready(child_conn *c, const evs_job *job, evs_reply *r) {
    frame f = { 0 };
    uint64_t deadline = evs_now_ns() + (uint64_t)job->compile_deadline_ms * job->nkernels * 1000000ull;
    for (;;) {
        uint64_t now = evs_now_ns();
        int left = now >= deadline ? 0 : (int)((deadline - now) / 1000000ull) + 1;
        int rc = evs_conn_read(c, &f, left, 1 << 16);
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
                /* Believed: the child sends READY before its kernel has run (see compile_kernel). */
                const uint8_t *id = f.payload + EVS_READY_IDS + 33 * k;
                r->has_image_id[k] = id[0] == 1;
                if (r->has_image_id[k]) memcpy(r->image_sha256[k], id + 1, 32);
            }
            free(f.payload);
            if (r->status == EVS_OK) return 1;
            if (r->status > EVS_INTERNAL_ERROR) r->status = EVS_INTERNAL_ERROR;
            evs_reap(c->pid, 1000);
            forget_live(c->pid);
            c->pid = -1;
            return 0;
        }
        if (rc == -2) {
            evs_conn_kill(c);
            r->status = EVS_COMPILE_ERROR;
            evs_reply_detail(r, "compilation did not finish within %u ms (killed)", job->compile_deadline_ms);
        } else if (rc == -1) {
            int st = evs_reap(c->pid, 1000);
            forget_live(c->pid);
            c->pid = -1;
            int undefined = c->diag.data && memmem(c->diag.data, c->diag.len, "undefined symbol", 16) != NULL;
            r->status = undefined ? EVS_LINK_ERROR : EVS_COMPILE_ERROR;
            if (WIFSIGNALED(st))
                evs_reply_detail(r, "the compiler died with signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
            else
                evs_reply_detail(r, "the compiler exited with status %d", WEXITSTATUS(st));
        } else {
            evs_conn_kill(c);
            r->status = EVS_INTERNAL_ERROR;
            evs_reply_detail(r, "unexpected frame during compilation");
        }
        free(f.payload);
        return 0;
    }
}

void evs_conn_unexpected(child_conn *c, evs_reply *r, int rc, frame *f, const char *phase, int timeout_ms) {
    if (rc == -2) {
        evs_conn_kill(c);
        r->status = EVS_TIMEOUT;
        evs_reply_detail(r, "did not finish %s within %d ms (killed)", phase, timeout_ms);
        return;
    }
    if (rc == -1) {
        reap_ended(c, r, phase);
        return;
    }
    if (rc == 0 && f->tag == EVS_TAG_FAULT && f->len == 14) {
        uint8_t st = f->payload[0];
        evs_conn_kill(c);
        switch (st) {
        case EVS_CRASHED:
        case EVS_MEMORY_VIOLATION:
        case EVS_INPUT_MODIFIED:
        case EVS_SANDBOX_VIOLATION:
            r->status = st;
            r->fault_reason = f->payload[1] <= EVS_FAULT_LAST ? f->payload[1] : 0;
            memcpy(&r->fault_param, f->payload + 2, 4);
            memcpy(&r->fault_addr, f->payload + 6, 8);
            evs_reply_detail(r, "fault during %s", phase);
            return;
        case EVS_INTERNAL_ERROR:
            if (!c->kernel_ran) {
                r->status = EVS_INTERNAL_ERROR;
                evs_reply_detail(r, "the harness faulted (signal %u) before the kernel ran", f->payload[1]);
            } else {
                r->status = EVS_CRASHED;
                evs_reply_detail(r, "the harness in the sandboxed child faulted after the kernel ran during %s: the kernel corrupted it", phase);
            }
            return;
        default:
            r->status = EVS_SANDBOX_VIOLATION;
            evs_reply_detail(r, "sent a fault report with status %u during %s, which the harness never sends (a forged frame)", st, phase);
            return;
        }
    }
    evs_conn_kill(c);
    r->status = EVS_SANDBOX_VIOLATION;
    if (rc == 0 && f->tag == EVS_TAG_DONE)
        evs_reply_detail(r, "sent a window report the harness did not send during %s (a forged frame)", phase);
    else
        evs_reply_detail(r, "wrote to the harness channel during %s (protocol violation)", phase);
}

void evs_conn_close(child_conn *c, evs_reply *r) {
    if (c->pid > 0) evs_conn_kill(c);
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    if (r->diagnostics.data == NULL) {
        r->diagnostics = c->diag;
    } else {
        free(c->diag.data);
    }
    memset(&c->diag, 0, sizeof c->diag);
}
