/* CSandbox: the evaluation boundary in C.
 *
 * The evolver (Swift, multi-threaded) never forks itself. It spawns `evolver-worker`, a small
 * single-threaded C process that reads framed jobs on stdin and answers on stdout. For every job the
 * worker forks children (one per validation, one per side and round of a benchmark) which compile
 * one kernel each with libtcc, lay out read-only inputs and guarded, poisoned output buffers in
 * memory shared with the worker, enter seccomp strict mode and then only execute calls on
 * command. The worker times windows itself and reads every call's outputs itself; nothing a child
 * says is believed beyond "this call returned"; expected outputs never enter either process.
 */
#ifndef CSANDBOX_H
#define CSANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Outcome of one job, as reported by the worker (mirrored by Swift's WorkerStatus). */
enum {
    EVS_OK = 0,
    EVS_REJECTED_SOURCE = 1,
    EVS_COMPILE_ERROR = 2,
    EVS_LINK_ERROR = 3,
    EVS_RESOURCE_LIMIT = 4,
    EVS_TIMEOUT = 5,
    EVS_CRASHED = 6,
    EVS_MEMORY_VIOLATION = 7,
    EVS_INPUT_MODIFIED = 8,
    EVS_SANDBOX_VIOLATION = 9,
    EVS_INTERNAL_ERROR = 10
};

/* Parameter kinds of a kernel's C signature. */
enum { EVS_PARAM_INT = 0, EVS_PARAM_INPUT = 1, EVS_PARAM_SCRATCH = 2, EVS_PARAM_OUTPUT = 3 };

/* Number classes of buffer elements and return values. */
enum { EVS_NUMBER_INTEGER = 0, EVS_NUMBER_F32 = 1, EVS_NUMBER_F64 = 2 };

/* Job modes. */
enum { EVS_MODE_VALIDATE = 1, EVS_MODE_BENCHMARK = 2 };

/* Wire protocol version spoken between the evolver and the worker. */
#define EVS_PROTOCOL_VERSION 3u

/* Largest number of kernel parameters the generic caller supports (all integer class). */
#define EVS_MAX_PARAMS 12

/* Lexically screens kernel source before it reaches a compiler: rejects preprocessor directives
 * that reach outside the source (#include, #pragma, #line, ...), digraph/trigraph spellings of
 * '#', _Pragma, time-dependent macros, NUL bytes and sources over max_len bytes.
 * Returns 0 when the source may be compiled, otherwise -1 with a one-line reason (with line number). */
int evs_screen_source(const char *src, size_t len, size_t max_len, char *reason, size_t reason_cap);

/* Spawns the worker executable at `path` with posix_spawn (never fork of the caller) and two pipes.
 * Returns 0 and fills pid/fds, or an errno value. Descriptors are close-on-exec in the caller. */
int evs_spawn_worker(const char *path, pid_t *pid, int *to_worker, int *from_worker);

enum { EVS_COMMAND_TIMEOUT = -1, EVS_COMMAND_TOO_LARGE = -2 };

/* Runs `/bin/sh -c command` in `dir` (NULL: the current folder) in a process group of its own,
 * writes `input` to its stdin, collects at most out_cap bytes of its stdout into `out` and the
 * last err_cap bytes of its stderr into `err`, and kills the whole group when the shell exits or
 * at the deadline. Returns 0 with the shell's wait status in *status, EVS_COMMAND_TIMEOUT,
 * EVS_COMMAND_TOO_LARGE (stdout over out_cap), or an errno value (it could not start). */
int evs_run_command(const char *command, const char *dir, const void *input, size_t input_len, int timeout_ms,
                    uint8_t *out, size_t out_cap, size_t *out_len, char *err, size_t err_cap, size_t *err_len, int *status);

/* Reads exactly len bytes, waiting at most timeout_ms in total (negative: forever).
 * Returns 0, -1 on EOF/error, -2 on timeout. */
int evs_read_full(int fd, void *buf, size_t len, int timeout_ms);

/* Writes exactly len bytes (no SIGPIPE). Returns 0 or -1. */
int evs_write_full(int fd, const void *buf, size_t len);

/* Sends SIGKILL to pid and reaps it. */
void evs_kill_and_reap(pid_t pid);

/* Reaps pid, waiting at most timeout_ms, then kills it. Returns its wait status. */
int evs_reap(pid_t pid, int timeout_ms);

/* Monotonic clock in nanoseconds. */
uint64_t evs_now_ns(void);

/* Calls a trusted kernel whose parameters are all integer class with up to EVS_MAX_PARAMS
 * arguments (x86-64 System V passes each in a 64-bit slot); returns its int result. */
int evs_call_generic(void *fn, const long *args);

/* SHA-256 of len bytes at data into out (FIPS 180-4; no allocation, async-signal-safe). */
void evs_sha256(const void *data, size_t len, uint8_t out[32]);

/* The worker's main loop: reads jobs from fd 0, answers on fd 1 until EOF. */
int evs_worker_main(int argc, char **argv);

#endif
