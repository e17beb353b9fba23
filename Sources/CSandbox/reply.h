/* The worker's answer to one job, and the growable buffer it is built in. */
#ifndef EVS_REPLY_H
#define EVS_REPLY_H

#include "evs_internal.h"

typedef struct {
    uint8_t *data;
    size_t len, cap;
} evs_buf;

void evs_buf_put(evs_buf *b, const void *p, size_t n);
void evs_buf_printf(evs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct {
    uint32_t status;
    uint8_t failed_kernel;
    char detail[512];
    evs_buf diagnostics;
    int32_t failing_call;
    uint64_t compile_ns[2], image_bytes[2];
    /* Per kernel: whether it was relocated, and the SHA-256 of its canonical image (image_id.c). */
    uint8_t has_image_id[2];
    uint8_t image_sha256[2][32];
    uint8_t fault_reason;
    int32_t fault_param;
    uint64_t fault_addr;
    /* validation */
    uint32_t completed;
    evs_buf outputs;
    /* benchmark */
    uint32_t reps_a, reps_b; /* passes per window of each side (first round) */
    uint64_t overhead_ns;    /* the timer's round trip, subtracted from every window */
    uint8_t outputs_differ;  /* the sides disagreed on a call both made (or an audited one) */
    uint32_t differ_window, differ_call;
    uint32_t nsamples;
    uint64_t *samples_a, *samples_b;
} evs_reply;

void evs_reply_init(evs_reply *r);
void evs_reply_detail(evs_reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes the reply as one length-prefixed frame to fd. */
void evs_reply_send(const evs_reply *r, uint32_t mode, int fd);
void evs_reply_free(evs_reply *r);

#endif
