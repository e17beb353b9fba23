/* The sandboxed child: compile, lay out memory, lock down, then execute calls on command.
 *
 * Everything before evs_lockdown() runs trusted harness code only. After it the process is in
 * seccomp strict mode (read, write, exit, rt_sigreturn), cannot read the timestamp counter and
 * talks to the worker over one socket on fd 3. Faults are reported by a signal handler on an
 * alternate stack, which classifies the faulting address against the memory layout.
 */
#define _GNU_SOURCE
#include "evs_internal.h"
#include "child_layout.h"

#include <libtcc.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef TCC_LIB_DIR
#define TCC_LIB_DIR "/usr/lib/x86_64-linux-gnu/tcc"
#endif

/* Address space allowed beyond the sandbox's memory limit (worker image, job data, compiler). */
#define EVS_AS_HEADROOM (512ull << 20)

typedef long (*evs_fn)(long, long, long, long, long, long, long, long, long, long, long, long);

static const evs_job *g_job;
static evs_layout g_layout;
static evs_fn g_fn[2];
static uintptr_t g_img_lo[2], g_img_hi[2];
static uintptr_t g_stack_hi;
static uint64_t g_stack_limit = 8ull << 20;
static volatile int g_in_call;
static uint64_t *g_slot_hash; /* per validation slot: hash of all its writable memory right after its call */
static volatile uint32_t g_current_kernel;

/* ---- raw channel (async-signal-safe: only the write/read/exit system calls) ---- */

static int raw_write(const void *buf, size_t len) {
    const uint8_t *p = buf;
    while (len > 0) {
        long n = syscall(SYS_write, 3, p, len);
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int raw_read(void *buf, size_t len) {
    uint8_t *p = buf;
    while (len > 0) {
        long n = syscall(SYS_read, 3, p, len);
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static __attribute__((noreturn)) void raw_exit(int code) {
    for (;;) syscall(SYS_exit, code);
}

static void frame_header(uint8_t tag, uint32_t len) {
    uint8_t h[5] = { tag, (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)(len >> 16), (uint8_t)(len >> 24) };
    raw_write(h, 5);
}

static void send_frame(uint8_t tag, const void *payload, uint32_t len) {
    frame_header(tag, len);
    if (len) raw_write(payload, len);
}

static __attribute__((noreturn)) void report_fault(uint8_t status, uint8_t reason, int32_t param, uint64_t addr) {
    uint8_t p[14];
    p[0] = status;
    p[1] = reason;
    memcpy(p + 2, &param, 4);
    memcpy(p + 6, &addr, 8);
    send_frame(EVS_TAG_FAULT, p, sizeof p);
    raw_exit(0);
}

/* ---- fault classification ---- */

static void on_fault(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    uintptr_t addr = (uintptr_t)si->si_addr;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    int is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    if (!g_in_call) report_fault(EVS_INTERNAL_ERROR, (uint8_t)sig, -1, addr);
    if (sig == SIGFPE) report_fault(EVS_CRASHED, EVS_FAULT_FPE, -1, rip);
    if (sig == SIGILL) report_fault(EVS_CRASHED, EVS_FAULT_ILL, -1, rip);
    if (sig == SIGBUS) report_fault(EVS_CRASHED, EVS_FAULT_BUS, -1, addr);
    if (sig == SIGTRAP) report_fault(EVS_CRASHED, EVS_FAULT_TRAP, -1, rip);
    if (si->si_code == SI_KERNEL) {
        /* General protection: with PR_TSC_SIGSEGV, rdtsc/rdtscp land here. RIP is valid code. */
        uint32_t k = g_current_kernel;
        if (rip >= g_img_lo[k] && rip + 3 <= g_img_hi[k]) {
            const uint8_t *ins = (const uint8_t *)rip;
            if ((ins[0] == 0x0f && ins[1] == 0x31) || (ins[0] == 0x0f && ins[1] == 0x01 && ins[2] == 0xf9))
                report_fault(EVS_SANDBOX_VIOLATION, EVS_FAULT_TSC, -1, rip);
        }
        report_fault(EVS_CRASHED, EVS_FAULT_SEGV, -1, rip);
    }
    if (addr == rip) report_fault(EVS_CRASHED, EVS_FAULT_EXEC, -1, addr);
    if (addr < 65536) report_fault(EVS_CRASHED, EVS_FAULT_NULL, -1, addr);
    int32_t param = -1;
    int where = evs_layout_classify(&g_layout, addr, &param);
    if (where == EVS_WHERE_INPUT && is_write) report_fault(EVS_INPUT_MODIFIED, EVS_FAULT_INPUT_WRITE, param, addr);
    if (where == EVS_WHERE_GUARD_AFTER)
        report_fault(EVS_MEMORY_VIOLATION, is_write ? EVS_FAULT_PAST_END : EVS_FAULT_READ_PAST_END, param, addr);
    if (where == EVS_WHERE_GUARD_BEFORE)
        report_fault(EVS_MEMORY_VIOLATION, is_write ? EVS_FAULT_BEFORE_START : EVS_FAULT_READ_BEFORE_START, param, addr);
    for (int k = 0; k < 2; k++)
        if (addr >= g_img_lo[k] && addr < g_img_hi[k] && is_write) report_fault(EVS_MEMORY_VIOLATION, EVS_FAULT_IMAGE_WRITE, -1, addr);
    uintptr_t rsp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    if (addr < g_stack_hi && (addr + g_stack_limit + (1u << 20) > g_stack_hi || addr + 65536 > rsp))
        report_fault(EVS_CRASHED, EVS_FAULT_STACK, -1, addr); /* deep recursion, or a frame larger than the stack */
    report_fault(EVS_CRASHED, EVS_FAULT_SEGV, -1, addr);
}

static void install_handlers(void) {
    static uint8_t *alt;
    size_t alt_size = 1 << 16;
    alt = mmap(NULL, alt_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = { .ss_sp = alt, .ss_size = alt_size, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
}

/* ---- compilation ---- */

static uint8_t g_diag_kernel;

static void on_diag(void *opaque, const char *msg) {
    (void)opaque;
    size_t n = strlen(msg);
    if (n > 4000) n = 4000;
    uint8_t buf[4001];
    buf[0] = g_diag_kernel;
    memcpy(buf + 1, msg, n);
    send_frame(EVS_TAG_DIAG, buf, (uint32_t)n + 1);
}

static void *provided_symbol(const char *name) {
    if (strcmp(name, "memcpy") == 0) return (void *)memcpy;
    if (strcmp(name, "memset") == 0) return (void *)memset;
    if (strcmp(name, "memmove") == 0) return (void *)memmove;
    if (strcmp(name, "memcmp") == 0) return (void *)memcmp;
    if (strcmp(name, "abs") == 0) return (void *)abs;
    if (strcmp(name, "labs") == 0) return (void *)labs;
    if (strcmp(name, "llabs") == 0) return (void *)llabs;
    return NULL;
}

/* Compiles kernel k. Returns EVS_OK or a failure status; fills compile time and image size. */
static int compile_kernel(uint32_t k, uint64_t *ns, uint64_t *image) {
    g_diag_kernel = (uint8_t)k;
    uint64_t t0 = evs_now_ns();
    TCCState *s = tcc_new();
    if (!s) return EVS_INTERNAL_ERROR;
    tcc_set_error_func(s, NULL, on_diag);
    tcc_set_options(s, "-nostdlib -nostdinc");
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (tcc_compile_string(s, g_job->sources[k]) < 0) return EVS_COMPILE_ERROR;
    if (access(TCC_LIB_DIR "/libtcc1.a", R_OK) == 0) tcc_add_file(s, TCC_LIB_DIR "/libtcc1.a");
    for (uint32_t i = 0; i < g_job->nsymbols; i++) {
        void *p = provided_symbol(g_job->symbols[i]);
        if (p) tcc_add_symbol(s, g_job->symbols[i], p);
    }
    int size = tcc_relocate(s, NULL);
    if (size < 0) return EVS_LINK_ERROR;
    *image = (uint64_t)size;
    if ((uint64_t)size > g_job->max_image) {
        char msg[160];
        snprintf(msg, sizeof msg, "kernel image is %d bytes (code and static storage), over the %llu-byte limit",
                 size, (unsigned long long)g_job->max_image);
        on_diag(NULL, msg);
        return EVS_RESOURCE_LIMIT;
    }
    size_t mapped = ((size_t)size + 4095) & ~(size_t)4095;
    void *mem = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return EVS_RESOURCE_LIMIT;
    if (tcc_relocate(s, mem) < 0) return EVS_LINK_ERROR;
    void *fn = tcc_get_symbol(s, g_job->entry);
    if (!fn) {
        char msg[200];
        snprintf(msg, sizeof msg, "undefined entry symbol '%s' (the kernel must define it)", g_job->entry);
        on_diag(NULL, msg);
        return EVS_LINK_ERROR;
    }
    /* Code and static storage become read-only: a kernel may not keep state across calls. */
    if (mprotect(mem, mapped, PROT_READ | PROT_EXEC) != 0) return EVS_INTERNAL_ERROR;
    g_fn[k] = (evs_fn)fn;
    g_img_lo[k] = (uintptr_t)mem;
    g_img_hi[k] = (uintptr_t)mem + mapped;
    *ns = evs_now_ns() - t0;
    return EVS_OK;
}

/* ---- calls ---- */

/* Word-wise hash of a slot's whole writable memory (spans of scratch and outputs). */
static uint64_t slot_memory_hash(uint32_t slot) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t p = 0; p < g_job->nparams; p++) {
        uint8_t kind = g_job->params[p].kind;
        if (kind != EVS_PARAM_SCRATCH && kind != EVS_PARAM_OUTPUT) continue;
        size_t i = (size_t)slot * g_job->nparams + p;
        const uint64_t *w = (const uint64_t *)g_layout.span[i];
        size_t words = (size_t)(g_layout.span_len[i] / 8);
        for (size_t k = 0; k < words; k++) h = (h ^ w[k]) * 0x100000001B3ull + (h >> 29);
    }
    return h;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n) {
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static void __attribute__((noinline)) scrub_stack(void) {
    volatile uint8_t pad[1 << 16];
    memset((void *)pad, 0, sizeof pad);
    __asm__ volatile("" : : "r"(pad) : "memory");
}

static int64_t call_slot(uint32_t kernel, uint32_t slot) {
    long argv[EVS_MAX_PARAMS] = { 0 };
    uint32_t c = evs_layout_case(&g_layout, slot);
    for (uint32_t p = 0; p < g_job->nparams; p++) {
        if (g_job->params[p].kind == EVS_PARAM_INT) argv[p] = (long)g_job->args[(size_t)c * g_job->nparams + p].value;
        else argv[p] = (long)evs_layout_buffer(&g_layout, slot, p);
    }
    scrub_stack();
    g_current_kernel = kernel;
    g_in_call = 1;
    long r = g_fn[kernel](argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7], argv[8], argv[9],
                          argv[10], argv[11]);
    g_in_call = 0;
    return (int64_t)(int)r;
}

static void run_slot(uint32_t kernel, uint32_t slot, uint8_t poison) {
    int32_t foreign = -1;
    /* A slot is used once: anything in it now was written by an earlier call, outside its buffers. */
    if (!evs_layout_untouched(&g_layout, slot, &foreign)) report_fault(EVS_MEMORY_VIOLATION, EVS_FAULT_FOREIGN_WRITE, foreign, 0);
    evs_layout_poison(&g_layout, slot, poison);
    int64_t ret = call_slot(kernel, slot);
    int32_t param = -1;
    int broken = evs_layout_check_canaries(&g_layout, slot, poison, &param);
    if (broken) report_fault(EVS_MEMORY_VIOLATION, (uint8_t)broken, param, 0);
    if (g_slot_hash) g_slot_hash[slot] = slot_memory_hash(slot);
    /* One write for the whole frame when it is small (most contracts return a few words). */
    uint8_t small[512];
    uint32_t len = 8;
    for (uint32_t p = 0; p < g_job->nparams; p++)
        if (g_job->params[p].kind == EVS_PARAM_OUTPUT) len += (uint32_t)evs_layout_bytes(&g_layout, slot, p);
    if (len + 5 <= sizeof small) {
        uint8_t *q = small;
        *q++ = EVS_TAG_OUTPUT;
        memcpy(q, &len, 4);
        q += 4;
        memcpy(q, &ret, 8);
        q += 8;
        for (uint32_t p = 0; p < g_job->nparams; p++)
            if (g_job->params[p].kind == EVS_PARAM_OUTPUT) {
                size_t n = (size_t)evs_layout_bytes(&g_layout, slot, p);
                memcpy(q, evs_layout_buffer(&g_layout, slot, p), n);
                q += n;
            }
        raw_write(small, (size_t)(q - small));
        return;
    }
    frame_header(EVS_TAG_OUTPUT, len);
    raw_write(&ret, 8);
    for (uint32_t p = 0; p < g_job->nparams; p++)
        if (g_job->params[p].kind == EVS_PARAM_OUTPUT)
            raw_write(evs_layout_buffer(&g_layout, slot, p), (size_t)evs_layout_bytes(&g_layout, slot, p));
}


/* After the last call: every used slot's bands must still hold its poison and its outputs must be
 * what was reported (a later call may not write into an earlier call's memory). Replies with one
 * FNV-1a hash of the outputs per slot, or a fault. */
static void verify_slots(uint32_t used) {
    if (used > g_layout.nslots) used = g_layout.nslots;
    for (uint32_t s = 0; s < used; s++) {
        int32_t param = -1;
        if (evs_layout_check_canaries(&g_layout, s, g_job->call_poison[s], &param) ||
            (g_slot_hash && g_slot_hash[s] != slot_memory_hash(s)))
            report_fault(EVS_MEMORY_VIOLATION, EVS_FAULT_LATE_WRITE, param, s);
    }
    frame_header(EVS_TAG_VERIFY, used * 8);
    for (uint32_t s = 0; s < used; s++) {
        uint64_t h = 14695981039346656037ull;
        for (uint32_t p = 0; p < g_job->nparams; p++)
            if (g_job->params[p].kind == EVS_PARAM_OUTPUT)
                h = fnv(h, evs_layout_buffer(&g_layout, s, p), (size_t)evs_layout_bytes(&g_layout, s, p));
        raw_write(&h, 8);
    }
}

static void run_bench(uint32_t kernel, uint32_t reps) {
    static int checksummed[2];
    uint64_t sum = 0;
    if (!checksummed[kernel]) {
        checksummed[kernel] = 1;
        sum = 14695981039346656037ull;
        for (uint32_t s = 0; s < g_layout.nslots; s++) {
            evs_layout_poison(&g_layout, s, 0xA5);
            int64_t ret = call_slot(kernel, s);
            sum = fnv(sum, &ret, 8);
            for (uint32_t p = 0; p < g_job->nparams; p++)
                if (g_job->params[p].kind == EVS_PARAM_OUTPUT)
                    sum = fnv(sum, evs_layout_buffer(&g_layout, s, p), (size_t)evs_layout_bytes(&g_layout, s, p));
        }
        if (reps > 0) reps--;
    }
    for (uint32_t r = 0; r < reps; r++)
        for (uint32_t s = 0; s < g_layout.nslots; s++) call_slot(kernel, s);
    send_frame(EVS_TAG_DONE, &sum, 8);
}

/* ---- setup and lockdown ---- */

static void set_limit(int resource, rlim_t value) {
    struct rlimit rl = { value, value };
    setrlimit(resource, &rl);
}

static void lockdown(void) {
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
    if (syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) != 0) {
        uint8_t st[EVS_READY_LEN] = { EVS_INTERNAL_ERROR };
        send_frame(EVS_TAG_READY, st, sizeof st);
        raw_exit(1);
    }
}

void evs_child_main(const evs_job *job, int fd) {
    g_job = job;
    int anchor;
    g_stack_hi = (uintptr_t)&anchor;
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (fd != 3) {
        dup2(fd, 3);
        close(fd);
    }
    close(0);
    close(1);
    close(2);
    syscall(SYS_close_range, 4u, ~0u, 0u);
    set_limit(RLIMIT_CORE, 0);
    set_limit(RLIMIT_FSIZE, 0);
    set_limit(RLIMIT_NOFILE, 8);
    set_limit(RLIMIT_STACK, (rlim_t)g_stack_limit);
    /* The worker itself, the job it received and libtcc's working memory fit in the headroom. */
    set_limit(RLIMIT_AS, (rlim_t)(job->memory_limit + EVS_AS_HEADROOM));
    uint64_t cpu_ms = job->mode == EVS_MODE_VALIDATE
        ? (uint64_t)job->compile_deadline_ms * 2 + (uint64_t)job->ncalls * job->call_deadline_ms
        : 600000ull;
    set_limit(RLIMIT_CPU, (rlim_t)(cpu_ms / 1000 + 2));

    /* READY: status, index of the failing kernel, then per kernel compile ns and image bytes. */
    uint8_t ready[EVS_READY_LEN];
    memset(ready, 0, sizeof ready);
    for (uint32_t k = 0; k < job->nkernels; k++) {
        uint64_t ns = 0, image = 0;
        int st = compile_kernel(k, &ns, &image);
        memcpy(ready + 2 + 16 * k, &ns, 8);
        memcpy(ready + 2 + 16 * k + 8, &image, 8);
        if (st != EVS_OK) {
            ready[0] = (uint8_t)st;
            ready[1] = (uint8_t)k;
            send_frame(EVS_TAG_READY, ready, sizeof ready);
            raw_exit(0);
        }
    }
    if (evs_layout_build(&g_layout, job) != 0) {
        ready[0] = EVS_RESOURCE_LIMIT;
        on_diag(NULL, "inputs and output buffers do not fit in the memory limit");
        send_frame(EVS_TAG_READY, ready, sizeof ready);
        raw_exit(0);
    }
    if (job->mode == EVS_MODE_VALIDATE) g_slot_hash = calloc(g_layout.nslots + 1, sizeof(uint64_t));
    install_handlers();
    ready[0] = EVS_OK;
    send_frame(EVS_TAG_READY, ready, sizeof ready);
    lockdown();

    for (;;) {
        uint8_t h[5];
        if (raw_read(h, 5) != 0) raw_exit(0);
        uint32_t len = (uint32_t)h[1] | (uint32_t)h[2] << 8 | (uint32_t)h[3] << 16 | (uint32_t)h[4] << 24;
        uint8_t payload[16];
        if (len > sizeof payload || raw_read(payload, len) != 0) raw_exit(2);
        uint32_t a = 0, b = 0;
        if (len >= 4) memcpy(&a, payload, 4);
        if (len >= 8) memcpy(&b, payload + 4, 4);
        switch (h[0]) {
        case EVS_TAG_RUN:
            if (a >= job->nkernels || b >= g_layout.nslots) raw_exit(2);
            run_slot(a, b, len >= 9 ? payload[8] : 0xA5);
            break;
        case EVS_TAG_BENCH:
            if (a >= job->nkernels) raw_exit(2);
            run_bench(a, b);
            break;
        case EVS_TAG_VERIFY:
            verify_slots(a);
            break;
        case EVS_TAG_PING:
            send_frame(EVS_TAG_PING, NULL, 0);
            break;
        default:
            raw_exit(0);
        }
    }
}
