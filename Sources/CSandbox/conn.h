/* The worker's side of one sandboxed child: its socket, frames, stops and how it ended. */
#ifndef EVS_CONN_H
#define EVS_CONN_H

#include "evs_internal.h"
#include "reply.h"

#include <sys/types.h>

/* State of one child as seen from the worker. */
typedef struct {
    pid_t pid;
    int fd;
    int killed;     /* the worker sent SIGKILL */
    int kernel_ran; /* the worker has let the kernel run at least once */
    evs_buf diag;
} child_conn;

typedef struct {
    uint8_t tag;
    uint32_t len;
    uint8_t *payload;
} frame;

/* Forks a child for `job` (it runs evs_child_main). Returns 0, or -1 with status and detail set. */
int evs_conn_start(child_conn *c, const evs_job *job, evs_reply *r);
/* Reads one frame, waiting at most timeout_ms. Returns 0, -1 on EOF/error, -2 on timeout, -3 if too long. */
int evs_conn_read(child_conn *c, frame *f, int timeout_ms, uint32_t max_len);
/* Sends a command frame: tag, two u32 words and optionally one poison byte. */
void evs_conn_send(child_conn *c, uint8_t tag, uint32_t a, uint32_t b, int with_poison, uint8_t poison);
/* Sends SIGKILL and reaps. */
void evs_conn_kill(child_conn *c);
/* Stops the child (SIGSTOP) and waits until it is stopped, so nothing runs while the worker looks.
 * Returns 1 when stopped; 0 when it ended instead (status and detail are set). */
int evs_conn_stop(child_conn *c, evs_reply *r, const char *phase);
/* Lets a stopped child run again. */
void evs_conn_resume(child_conn *c);
/* Whether the child has written anything the worker has not read. */
int evs_conn_pending(child_conn *c);
/* Waits for the compile report. Returns 1 when the kernel is ready to run. */
int evs_conn_await_ready(child_conn *c, const evs_job *job, evs_reply *r);
/* Sets status and detail for a frame that is not the expected answer (timeout, EOF, fault report
 * or anything else on the channel). A fault report counts only as a failure: a status the harness
 * never reports (OK, unknown) is a forgery, so a sandbox violation. */
void evs_conn_unexpected(child_conn *c, evs_reply *r, int rc, frame *f, const char *phase, int timeout_ms);
/* Closes the socket and keeps the diagnostics in the reply. */
void evs_conn_close(child_conn *c, evs_reply *r);

/* Kills every child still registered (the evolver went away) and exits the worker. */
void evs_conn_abandon(void) __attribute__((noreturn));

#endif
