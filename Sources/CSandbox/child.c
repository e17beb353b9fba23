/* The sandboxed child: compile, lay out memory, lock down, then execute calls on command.
 *
 * Everything before evs_lockdown() runs trusted harness code only. After it the process is in
 * seccomp strict mode (read, write, exit, rt_sigreturn), cannot read the timestamp counter and
 * talks to the worker over one socket on fd 3. Faults are reported by a signal handler on an
 * alternate stack, which classifies the faulting address against the memory layout.
 */
#define _GNU_SOURCE
#include "evs_internal.h"
#include "bench_area.h"
#include "child_layout.h"
#include "image_id.h"
#include "trampoline.h"

#include <libtcc.h>
#include <linux/seccomp.h>
#include <sched.h>
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

static const evs_job *g_job;
static evs_layout g_layout;
static void *g_fn; /* the call shim of the one kernel of this child */
/* The page through which the harness calls the shim: the trampoline's words, the arguments and
 * the return value (so the kernel's registers point at nothing of the harness). */
static long *g_call_page;
#define EVS_CALL_ARGS 16
#define EVS_CALL_RET 32
static uintptr_t g_img_lo, g_img_hi;
static uint64_t g_stack_limit = 8ull << 20;
static volatile int g_in_call;
/* The kernel's own stack: guard pages below (deep recursion, huge frames) and above (nothing of
 * the harness lies there). */
#define EVS_STACK_GUARD_BELOW (1ull << 20)
static uint8_t *g_kstack_lo, *g_kstack_hi; /* the usable stack */
static const int64_t *volatile g_bench_desc; /* the descriptor of the benchmark call running */

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
        if (rip >= g_img_lo && rip + 3 <= g_img_hi) {
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
    const evs_bench_area *bench = g_job->bench;
    if (bench && is_write && addr >= (uintptr_t)bench->in && addr < (uintptr_t)bench->in + bench->in_len) {
        /* The input of the current call that starts last at or before the address. */
        int64_t off = (int64_t)(addr - (uintptr_t)bench->in), best = -1;
        for (uint32_t p = 0; p < g_job->nparams && g_bench_desc; p++)
            if (g_job->params[p].kind == EVS_PARAM_INPUT && g_bench_desc[1 + p] <= off && g_bench_desc[1 + p] > best) {
                best = g_bench_desc[1 + p];
                param = (int32_t)p;
            }
        report_fault(EVS_INPUT_MODIFIED, EVS_FAULT_INPUT_WRITE, param, addr);
    }
    if (where == EVS_WHERE_GUARD_AFTER)
        report_fault(EVS_MEMORY_VIOLATION, is_write ? EVS_FAULT_PAST_END : EVS_FAULT_READ_PAST_END, param, addr);
    if (where == EVS_WHERE_GUARD_BEFORE)
        report_fault(EVS_MEMORY_VIOLATION, is_write ? EVS_FAULT_BEFORE_START : EVS_FAULT_READ_BEFORE_START, param, addr);
    if (addr >= g_img_lo && addr < g_img_hi && is_write) report_fault(EVS_MEMORY_VIOLATION, EVS_FAULT_IMAGE_WRITE, -1, addr);
    uintptr_t rsp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    uintptr_t lo = (uintptr_t)g_kstack_lo, hi = (uintptr_t)g_kstack_hi;
    if (addr >= hi && addr < hi + 4096) report_fault(EVS_CRASHED, EVS_FAULT_ABOVE_STACK, -1, addr);
    if (addr < hi && (addr + EVS_STACK_GUARD_BELOW >= lo || (rsp < hi && addr < rsp + 65536 && addr + 65536 > rsp)))
        report_fault(EVS_CRASHED, EVS_FAULT_STACK, -1, addr); /* deep recursion, or a frame larger than the stack */
    report_fault(EVS_CRASHED, EVS_FAULT_SEGV, -1, addr);
}

/* Returns 0, or -1 when the handlers or their stack cannot be set up. */
static int install_handlers(void) {
    size_t alt_size = 1 << 16;
    void *alt = mmap(NULL, alt_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (alt == MAP_FAILED) return -1;
    stack_t ss = { .ss_sp = alt, .ss_size = alt_size, .ss_flags = 0 };
    if (sigaltstack(&ss, NULL) != 0) return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], &sa, NULL) != 0) return -1;
    return 0;
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

/* The libc functions a sandbox may allow, in a fixed order: a symbol's number here is what the
 * image identity records for a word holding its address. */
static const struct { const char *name; void *addr; } k_symbols[] = {
    { "memcpy", (void *)memcpy }, { "memset", (void *)memset }, { "memmove", (void *)memmove },
    { "memcmp", (void *)memcmp }, { "abs", (void *)abs },         { "labs", (void *)labs },
    { "llabs", (void *)llabs },
};
#define EVS_NSYMBOLS (sizeof k_symbols / sizeof k_symbols[0])
_Static_assert(EVS_NSYMBOLS <= EVS_IMAGE_MAX_SYMBOLS, "the image identity marks symbols in 64 bits");

/* The number of an allowed symbol, or -1 when the harness does not provide it. */
static int provided_symbol(const char *name) {
    for (size_t i = 0; i < EVS_NSYMBOLS; i++)
        if (strcmp(name, k_symbols[i].name) == 0) return (int)i;
    return -1;
}

/* Compiles kernel k, the one this child runs. Returns EVS_OK or a failure status; fills compile
 * time and image size, and on EVS_OK the image's identity (see image_id.c). */
static int compile_kernel(uint32_t k, uint64_t *ns, uint64_t *image, uint8_t image_sha256[32]) {
    g_diag_kernel = (uint8_t)k;
    uint64_t t0 = evs_now_ns();
    TCCState *s = tcc_new();
    if (!s) return EVS_INTERNAL_ERROR;
    tcc_set_error_func(s, NULL, on_diag);
    tcc_set_options(s, "-nostdlib -nostdinc");
    tcc_set_output_type(s, TCC_OUTPUT_MEMORY);
    if (tcc_compile_string(s, g_job->sources[k]) < 0) return EVS_COMPILE_ERROR;
    /* The shim is a translation unit of its own: nothing the kernel defines reaches it. */
    if (tcc_compile_string(s, g_job->shim) < 0) {
        on_diag(NULL, "the call shim did not compile beside the kernel (does the kernel define evs_call_shim?)");
        return EVS_LINK_ERROR;
    }
    if (access(TCC_LIB_DIR "/libtcc1.a", R_OK) == 0) tcc_add_file(s, TCC_LIB_DIR "/libtcc1.a");
    uintptr_t given[EVS_NSYMBOLS] = { 0 };
    for (uint32_t i = 0; i < g_job->nsymbols; i++) {
        int n = provided_symbol(g_job->symbols[i]);
        if (n < 0) continue;
        tcc_add_symbol(s, k_symbols[n].name, k_symbols[n].addr);
        given[n] = (uintptr_t)k_symbols[n].addr;
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
    void *fn = tcc_get_symbol(s, "evs_call_shim");
    if (!tcc_get_symbol(s, g_job->entry) || !fn) {
        char msg[200];
        snprintf(msg, sizeof msg, "undefined entry symbol '%s' (the kernel must define it)", g_job->entry);
        on_diag(NULL, msg);
        return EVS_LINK_ERROR;
    }
    /* The identity is taken here, by harness code, before the kernel's first instruction runs: the
     * kernel cannot forge it, and can make its image equal another's only by being the same code. */
    evs_image_sha256(mem, (size_t)size, (uint64_t)((uintptr_t)fn - (uintptr_t)mem), given, EVS_NSYMBOLS, image_sha256);
    /* Code and static storage become read-only: a kernel may not keep state across calls. */
    if (mprotect(mem, mapped, PROT_READ | PROT_EXEC) != 0) return EVS_INTERNAL_ERROR;
    g_fn = fn;
    g_img_lo = (uintptr_t)mem;
    g_img_hi = (uintptr_t)mem + mapped;
    *ns = evs_now_ns() - t0;
    return EVS_OK;
}

/* ---- calls ---- */


static int make_kernel_stack(void) {
    size_t total = (size_t)(EVS_STACK_GUARD_BELOW + g_stack_limit + 4096);
    uint8_t *m = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return -1;
    g_kstack_lo = m + EVS_STACK_GUARD_BELOW;
    g_kstack_hi = g_kstack_lo + g_stack_limit;
    return mprotect(g_kstack_lo, (size_t)g_stack_limit, PROT_READ | PROT_WRITE);
}

/* The top of the kernel stack cleared before each benchmark call (frames of kernels are small;
 * validation clears more, see scrub_stack). */
#define EVS_BENCH_STACK_SCRUB (16u << 10)

/* Clears the part of the kernel stack that calls use, so no call sees what an earlier one left. */
static void scrub_stack(void) {
    memset(g_kstack_hi - (1 << 16), 0, 1 << 16);
}

/* Calls the kernel through its shim with the arguments of argv (one 64-bit word each); returns
 * the 64-bit word the shim stored: an integer sign- or zero-extended as its C type is, a double's
 * bits, or a float's bits in the low half with the high half zero. */
static int64_t call_kernel(const long *argv) {
    long *page = g_call_page;
    memset(page, 0, 4096);
    memcpy(page + EVS_CALL_ARGS, argv, EVS_MAX_PARAMS * sizeof(long));
    page[0] = (long)(page + EVS_CALL_ARGS);
    page[1] = (long)(page + EVS_CALL_RET);
    g_in_call = 1;
    evs_call_on_stack((void *)g_fn, page, g_kstack_hi);
    g_in_call = 0;
    int64_t r = page[EVS_CALL_RET];
    return r;
}

static int64_t call_slot(uint32_t slot) {
    long argv[EVS_MAX_PARAMS] = { 0 };
    uint32_t c = evs_layout_case(&g_layout, slot);
    for (uint32_t p = 0; p < g_job->nparams; p++) {
        if (g_job->params[p].kind == EVS_PARAM_INT) argv[p] = (long)g_job->args[(size_t)c * g_job->nparams + p].value;
        else argv[p] = (long)evs_layout_buffer(&g_layout, slot, p);
    }
    scrub_stack();
    return call_kernel(argv);
}

/* One validation call. The outputs stay where the kernel wrote them, in memory the worker reads
 * itself; the answer only says that the call returned. */
static void run_slot(uint32_t slot, uint8_t poison) {
    int32_t foreign = -1;
    /* A slot is used once: anything in it now was written by an earlier call, outside its buffers. */
    if (!evs_layout_untouched(&g_layout, slot, &foreign)) report_fault(EVS_MEMORY_VIOLATION, EVS_FAULT_FOREIGN_WRITE, foreign, 0);
    evs_layout_poison(&g_layout, slot, poison);
    int64_t ret = call_slot(slot);
    int32_t param = -1;
    int broken = evs_layout_check_canaries(&g_layout, slot, poison, &param);
    if (broken) report_fault(EVS_MEMORY_VIOLATION, (uint8_t)broken, param, 0);
    g_job->call_ret[slot] = ret;
    send_frame(EVS_TAG_OUTPUT, &slot, 4);
}

/* Private scratch of a benchmark child, one buffer set per case position of a pass. */
static uint8_t **g_bench_scratch;

static int make_bench_scratch(void) {
    const evs_bench_area *a = g_job->bench;
    g_bench_scratch = calloc((size_t)a->positions * g_job->nparams + 1, sizeof(uint8_t *));
    if (!g_bench_scratch) return -1;
    for (uint32_t c = 0; c < a->positions; c++)
        for (uint32_t p = 0; p < g_job->nparams; p++) {
            size_t i = (size_t)c * g_job->nparams + p;
            uint64_t n = a->scratch_bytes[i];
            if (g_job->params[p].kind != EVS_PARAM_SCRATCH) continue;
            size_t len = (size_t)((n + 4095) & ~4095ull);
            if (len == 0) len = 4096;
            uint8_t *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m == MAP_FAILED) return -1;
            g_bench_scratch[i] = m;
        }
    return 0;
}

/* One window: the calls the worker described, each returning into its own slot. */
static void run_window(uint32_t ncalls) {
    const evs_bench_area *a = g_job->bench;
    uint32_t words = evs_desc_words(g_job);
    if (ncalls > a->max_calls) raw_exit(2);
    for (uint32_t i = 0; i < ncalls; i++) {
        const int64_t *d = (const int64_t *)(a->desc + (size_t)i * words * 8);
        g_bench_desc = d;
        long argv[EVS_MAX_PARAMS] = { 0 };
        for (uint32_t p = 0; p < g_job->nparams; p++) {
            int64_t v = d[1 + p];
            switch (g_job->params[p].kind) {
            case EVS_PARAM_INT: argv[p] = (long)v; break;
            case EVS_PARAM_INPUT: argv[p] = (long)(a->in + v); break;
            case EVS_PARAM_OUTPUT: argv[p] = (long)(a->slots + v); break;
            default: {
                /* Poisoned before every call, so what a call computes depends on its inputs alone,
                 * never on what earlier calls (whose number follows the timing) left behind. */
                size_t i = (size_t)(v & 0xFFFFFFFF) * g_job->nparams + p;
                memset(g_bench_scratch[i], (int)((v >> 32) & 0xFF), (size_t)a->scratch_bytes[i]);
                argv[p] = (long)g_bench_scratch[i];
                break;
            }
            }
        }
        memset(g_kstack_hi - EVS_BENCH_STACK_SCRUB, 0, EVS_BENCH_STACK_SCRUB);
        int64_t ret = call_kernel(argv);
        uint64_t mark = EVS_SLOT_MARK(i);
        memcpy(a->slots + d[0], &ret, 8);
        memcpy(a->slots + d[0] + 8, &mark, 8);
    }
    send_frame(EVS_TAG_DONE, &ncalls, 4);
}

/* ---- setup and lockdown ---- */

/* Before lockdown, anything that fails means the child must not run a kernel: it reports
 * internal_error to the worker (trusted harness code has not yet run anything untrusted) and exits. */
static __attribute__((noreturn)) void setup_failed(const char *what) {
    on_diag(NULL, what);
    uint8_t st[EVS_READY_LEN] = { EVS_INTERNAL_ERROR };
    send_frame(EVS_TAG_READY, st, sizeof st);
    raw_exit(1);
}

static void set_limit(int resource, rlim_t value, const char *name) {
    struct rlimit rl = { value, value };
    if (setrlimit(resource, &rl) != 0) setup_failed(name);
}

/* Closes every descriptor from 4 up: close_range, else each one below the descriptor limit. */
static void close_inherited(void) {
    if (syscall(SYS_close_range, 4u, ~0u, 0u) == 0) return;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) setup_failed("getrlimit(RLIMIT_NOFILE) failed");
    rlim_t top = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > (1u << 20) ? (1u << 20) : rl.rlim_max;
    for (rlim_t fd = 4; fd < top; fd++) close((int)fd);
}

static void lockdown(void) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) setup_failed("prctl(PR_SET_NO_NEW_PRIVS) failed");
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) setup_failed("prctl(PR_SET_DUMPABLE) failed");
    if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) != 0) setup_failed("prctl(PR_SET_TSC) failed");
    if (syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) != 0) {
        uint8_t st[EVS_READY_LEN] = { EVS_INTERNAL_ERROR };
        send_frame(EVS_TAG_READY, st, sizeof st);
        raw_exit(1);
    }
}

/* A benchmark child sees only its own window's inputs: the job's inputs of every window to come,
 * the other side's shared memory and the worker's bookkeeping of cases go before the kernel runs. */
static void forget_what_is_not_ours(const evs_job *job) {
    if (evs_bench_area_forget_others(job->bench) != 0) setup_failed("munmap of another child's memory failed");
    if (job->raw && munmap(job->raw, job->raw_len) != 0) setup_failed("munmap of the job failed");
    memset(job->args, 0, ((size_t)job->ncases * job->nparams + 1) * sizeof(evs_arg));
}

/* Validation: read-only inputs and guard pages of this child's view; benchmark: the shared
 * descriptor and inputs become read-only here, scratch is private. */
static void prepare_memory(const evs_job *job, uint8_t *ready) {
    if (job->mode == EVS_MODE_VALIDATE) {
        g_layout = *job->layout;
        if (evs_layout_apply(&g_layout) != 0) {
            ready[0] = EVS_RESOURCE_LIMIT;
            on_diag(NULL, "inputs and output buffers do not fit in the memory limit");
            send_frame(EVS_TAG_READY, ready, EVS_READY_LEN);
            raw_exit(0);
        }
        if (evs_bench_area_forget_others(NULL) != 0) setup_failed("munmap of another child's memory failed");
        return;
    }
    const evs_bench_area *a = job->bench;
    if (job->pin_cpu >= 0) {
        /* Both sides of a round share one CPU (a measurement choice, not a protection: if the
         * kernel refuses, the child runs where it is). */
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(job->pin_cpu, &set);
        (void)sched_setaffinity(0, sizeof set, &set);
    }
    if (mprotect(a->in, a->in_len, PROT_READ) != 0 || mprotect(a->desc, a->desc_len, PROT_READ) != 0)
        setup_failed("mprotect of the shared inputs failed");
    if (make_bench_scratch() != 0) {
        ready[0] = EVS_RESOURCE_LIMIT;
        on_diag(NULL, "scratch buffers do not fit in the memory limit");
        send_frame(EVS_TAG_READY, ready, EVS_READY_LEN);
        raw_exit(0);
    }
    forget_what_is_not_ours(job);
}

void evs_child_main(const evs_job *job, int fd) {
    g_job = job;
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) raw_exit(1);
    if (fd != 3) {
        if (dup2(fd, 3) != 3) raw_exit(1);
        close(fd);
    }
    close(0);
    close(1);
    close(2);
    close_inherited();
    set_limit(RLIMIT_CORE, 0, "setrlimit(RLIMIT_CORE) failed");
    set_limit(RLIMIT_FSIZE, 0, "setrlimit(RLIMIT_FSIZE) failed");
    set_limit(RLIMIT_NOFILE, 8, "setrlimit(RLIMIT_NOFILE) failed");
    set_limit(RLIMIT_STACK, (rlim_t)g_stack_limit + (1u << 20), "setrlimit(RLIMIT_STACK) failed");
    /* The worker itself, the job it received and libtcc's working memory fit in the headroom. */
    set_limit(RLIMIT_AS, (rlim_t)(job->memory_limit + EVS_AS_HEADROOM), "setrlimit(RLIMIT_AS) failed");
    uint64_t cpu_ms = job->mode == EVS_MODE_VALIDATE
        ? (uint64_t)job->compile_deadline_ms * 2 + (uint64_t)job->ncalls * job->call_deadline_ms
        : 600000ull;
    set_limit(RLIMIT_CPU, (rlim_t)(cpu_ms / 1000 + 2), "setrlimit(RLIMIT_CPU) failed");
    if (make_kernel_stack() != 0) setup_failed("the kernel's stack could not be mapped");
    g_call_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g_call_page == MAP_FAILED) setup_failed("the call page could not be mapped");

    /* READY: status, index of the failing kernel, then per kernel compile ns and image bytes, then
     * per kernel whether it has an image identity and the identity (this child fills kernel 0). */
    uint8_t ready[EVS_READY_LEN];
    memset(ready, 0, sizeof ready);
    uint64_t ns = 0, image = 0;
    uint8_t sha[32] = { 0 };
    int st = compile_kernel(0, &ns, &image, sha);
    memcpy(ready + 2, &ns, 8);
    memcpy(ready + 2 + 8, &image, 8);
    if (st == EVS_OK) {
        ready[EVS_READY_IDS] = 1;
        memcpy(ready + EVS_READY_IDS + 1, sha, 32);
    }
    if (st != EVS_OK) {
        ready[0] = (uint8_t)st;
        send_frame(EVS_TAG_READY, ready, sizeof ready);
        raw_exit(0);
    }
    prepare_memory(job, ready);
    if (install_handlers() != 0) setup_failed("the fault handlers could not be installed");
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
            if (job->mode != EVS_MODE_VALIDATE || b >= g_layout.nslots) raw_exit(2);
            run_slot(b, len >= 9 ? payload[8] : 0xA5);
            break;
        case EVS_TAG_GO:
            if (job->mode != EVS_MODE_BENCHMARK) raw_exit(2);
            run_window(a);
            break;
        default:
            raw_exit(0);
        }
    }
}
