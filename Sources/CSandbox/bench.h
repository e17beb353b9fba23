/* The benchmark: each side in its own child, windows timed by the worker, every call verified. */
#ifndef EVS_BENCH_H
#define EVS_BENCH_H

#include "evs_internal.h"
#include "reply.h"

/* Runs a benchmark job: kernel 0 is the incumbent, kernel 1 the candidate. */
void evs_run_benchmark(const evs_job *job, evs_reply *r);

#endif
