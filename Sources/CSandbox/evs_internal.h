/* Internal types shared by the worker, the job decoder and the sandboxed child. */
#ifndef EVS_INTERNAL_H
#define EVS_INTERNAL_H

#include "csandbox.h"

/* One parameter of the kernel's signature. */
/* How values of a buffer or a return value compare: exactly, or as floating point within a
 * tolerance (|a-b| <= abs, or <= rel*|a|, or at most ulps apart; NaN only equals NaN). */
typedef struct {
    uint8_t number; /* EVS_NUMBER_* */
    double abs_tol;
    double rel_tol;
    uint64_t ulps;
} evs_compare;

/* One parameter of the kernel's signature. */
typedef struct {
    uint8_t kind; /* EVS_PARAM_* */
    uint8_t elem; /* element size in bytes for buffers */
    evs_compare cmp; /* how an output's elements compare */
} evs_param;

/* One argument of one case: an int value or a buffer (count elements; data for inputs). */
typedef struct {
    int64_t value;
    uint64_t count;
    const uint8_t *data;
} evs_arg;

/* A decoded job. Pointers point into the job buffer. */
typedef struct {
    uint32_t mode;
    uint32_t compile_deadline_ms;
    uint32_t call_deadline_ms;
    uint64_t memory_limit;
    uint64_t max_image;
    char *entry;
    uint32_t nsymbols;
    char **symbols;
    uint32_t nkernels;
    char *sources[2];
    size_t source_len[2];
    /* The call shim, compiled as a translation unit of its own beside each kernel: it takes the
     * arguments from memory, calls the entry with its real C types and stores the return value. */
    char *shim;
    evs_compare ret_cmp; /* how return values compare */
    uint32_t nparams;
    evs_param params[EVS_MAX_PARAMS];
    uint32_t ncases;
    evs_arg *args; /* ncases * nparams */
    /* validation: the calls to make, in order */
    uint32_t ncalls;
    uint32_t *call_case;
    uint8_t *call_poison;
    /* benchmark */
    uint32_t warmup;
    uint32_t samples;
    uint64_t window_ns;
    uint32_t max_reps;
    uint32_t children; /* benchmark children, kernel order swapped in every other one */
    uint32_t overhead_factor; /* a timed window lasts at least this many timer round trips */
    uint32_t per_pass;        /* benchmark: cases in one pass of the workload; the cases are passes in a row */
    uint32_t lead;            /* benchmark: 1 when the candidate's window comes first in the first round */
    uint64_t poison_seed;     /* benchmark: varies the poison bytes of the output slots */
    /* The job as received (an mmap'd buffer), so a benchmark child can drop the inputs of windows to come. */
    uint8_t *raw;
    size_t raw_len;
    /* Benchmark: the CPU both children of a round run on (-1: any), so neither side gets a core of its own. */
    int32_t pin_cpu;
    /* A benchmark child's shared memory with the worker (NULL in validation). */
    const struct evs_bench_area *bench;
    /* Validation: the slots planned by the worker, and per call the return value the harness stores
     * (both shared with the worker). */
    const struct evs_layout *layout;
    int64_t *call_ret;
} evs_job;

/* Whether count elements at a and b agree as cmp says (a is the reference for `rel`). A
 * floating-point cell still holding its side's poison byte (poison_a, poison_b; -1 or 0 for none)
 * is unwritten: it agrees only with a cell unwritten on the other side, however close its value. */
int evs_values_agree(const evs_compare *cmp, uint8_t elem, const uint8_t *a, const uint8_t *b, uint64_t count, int poison_a, int poison_b);

/* Decodes a job payload in place. Returns 0 or -1 with a reason. */
int evs_decode_job(uint8_t *buf, size_t len, evs_job *job, char *reason, size_t cap);
void evs_free_job(evs_job *job);

/* Fault reasons reported by the child's signal handler (mirrored by Swift's FaultReason). */
enum {
    EVS_FAULT_NULL = 1,
    EVS_FAULT_STACK = 2,
    EVS_FAULT_PAST_END = 3,
    EVS_FAULT_BEFORE_START = 4,
    EVS_FAULT_INPUT_WRITE = 5,
    EVS_FAULT_IMAGE_WRITE = 6,
    EVS_FAULT_TSC = 7,
    EVS_FAULT_SEGV = 8,
    EVS_FAULT_FPE = 9,
    EVS_FAULT_ILL = 10,
    EVS_FAULT_BUS = 11,
    EVS_FAULT_TRAP = 12,
    EVS_FAULT_CANARY_PAST_END = 13,
    EVS_FAULT_CANARY_BEFORE_START = 14,
    EVS_FAULT_EXEC = 15,
    EVS_FAULT_READ_PAST_END = 16,
    EVS_FAULT_READ_BEFORE_START = 17,
    EVS_FAULT_FOREIGN_WRITE = 18,
    EVS_FAULT_LATE_WRITE = 19,
    EVS_FAULT_ABOVE_STACK = 20,
    EVS_FAULT_LAST = 20
};

/* Frames between worker and child: 1-byte tag, 4-byte little-endian length, payload. */
enum {
    EVS_TAG_DIAG = 'G',    /* child -> worker: one compiler diagnostic */
    EVS_TAG_READY = 'K',   /* child -> worker: compile report */
    EVS_TAG_RUN = 'R',     /* worker -> child: call the kernel on one validation slot */
    EVS_TAG_OUTPUT = 'O',  /* child -> worker: that call returned (u32 call index); the worker reads the slot itself */
    EVS_TAG_GO = 'B',      /* worker -> child: make the window's calls (u32 count) as the shared descriptor says */
    EVS_TAG_DONE = 'D',    /* child -> worker: the window's calls returned (u32 count) */
    EVS_TAG_FAULT = 'F',   /* child -> worker: signal report */
    EVS_TAG_QUIT = 'Q'     /* worker -> child */
};

/* Length of the READY payload: status, failing kernel, then (compile ns, image bytes) for 2
 * kernels, then from EVS_READY_IDS (has identity: u8, image SHA-256: 32 bytes) for 2 kernels. */
#define EVS_READY_IDS 34
#define EVS_READY_LEN (EVS_READY_IDS + 2 * 33)

/* Runs the sandboxed child for a job over socket fd; never returns. */
void evs_child_main(const evs_job *job, int fd) __attribute__((noreturn));

#endif
