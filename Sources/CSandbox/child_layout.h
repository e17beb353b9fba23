/* Memory layout of the sandboxed child: read-only inputs and guarded, poisoned output buffers. */
#ifndef EVS_CHILD_LAYOUT_H
#define EVS_CHILD_LAYOUT_H

#include "evs_internal.h"

/* Where a faulting address lies. */
enum { EVS_WHERE_NONE = 0, EVS_WHERE_INPUT = 1, EVS_WHERE_GUARD_BEFORE = 2, EVS_WHERE_GUARD_AFTER = 3 };

/* One slot per validation call; each slot has its own
 * copy of the inputs and its own output regions, so calls run at different addresses. Every
 * scratch/output buffer sits in a span between two PROT_NONE guard pages; even slots place it
 * against the upper guard, odd ones against the lower guard, and the rest of the span is a
 * poisoned band checked after the call. */
typedef struct evs_layout {
    const evs_job *job;
    uint32_t nslots;
    uint32_t *slot_case;
    uint8_t **buf;       /* nslots * nparams */
    uint64_t *bytes;     /* nslots * nparams */
    uint8_t **span;      /* nslots * nparams: start of the span (outputs only) */
    uint64_t *span_len;  /* nslots * nparams */
    uintptr_t in_lo, in_hi, out_lo, out_hi;
    uint64_t in_total;
} evs_layout;

/* In the worker, before the fork: sizes the slots and maps every scratch/output span in one shared
 * mapping, so the worker reads what each call wrote without the child. Returns 0, or -1 when it
 * exceeds the memory limit. */
int evs_layout_plan(evs_layout *l, const evs_job *job);
/* In the worker, after the child ended: unmaps the spans and frees the plan. */
void evs_layout_release(evs_layout *l);
/* In the child, before lockdown: copies the inputs to read-only pages and puts PROT_NONE guard pages
 * around every span (in the child's view only). Returns 0 or -1. */
int evs_layout_apply(evs_layout *l);
/* A hash of all of a slot's writable memory (spans of scratch and outputs, bands included). */
uint64_t evs_layout_hash(const evs_layout *l, uint32_t slot);
uint32_t evs_layout_case(const evs_layout *l, uint32_t slot);
uint8_t *evs_layout_buffer(const evs_layout *l, uint32_t slot, uint32_t param);
uint64_t evs_layout_bytes(const evs_layout *l, uint32_t slot, uint32_t param);
/* Fills every scratch/output span of a slot with the poison byte. */
void evs_layout_poison(evs_layout *l, uint32_t slot, uint8_t poison);
/* Checks the poisoned bands around a slot's buffers: 0, or EVS_FAULT_CANARY_* with the parameter. */
int evs_layout_check_canaries(const evs_layout *l, uint32_t slot, uint8_t poison, int32_t *param);
/* Whether a slot's spans are still untouched (all zero, as mapped) before its first use. */
int evs_layout_untouched(const evs_layout *l, uint32_t slot, int32_t *param);
/* Classifies a faulting address (async-signal-safe). */
int evs_layout_classify(const evs_layout *l, uintptr_t addr, int32_t *param);

#endif
