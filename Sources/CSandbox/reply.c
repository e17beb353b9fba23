/* Encoding of the worker -> evolver reply (little-endian, length-prefixed). */
#include "reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void evs_buf_put(evs_buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n) cap *= 2;
        uint8_t *d = realloc(b->data, cap);
        if (!d) abort();
        b->data = d;
        b->cap = cap;
    }
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
}

void evs_buf_printf(evs_buf *b, const char *fmt, ...) {
    char tmp[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof tmp) n = sizeof tmp - 1;
    if (b->len + (size_t)n > (1u << 16)) return; /* cap diagnostics */
    evs_buf_put(b, tmp, (size_t)n);
}

void evs_reply_init(evs_reply *r) {
    memset(r, 0, sizeof *r);
    r->failing_call = -1;
    r->fault_param = -1;
}

void evs_reply_detail(evs_reply *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof r->detail, fmt, ap);
    va_end(ap);
}

static void put_u(evs_buf *b, uint64_t v, int bytes) {
    uint8_t t[8];
    for (int i = 0; i < bytes; i++) t[i] = (uint8_t)(v >> (8 * i));
    evs_buf_put(b, t, (size_t)bytes);
}

static void put_bytes(evs_buf *b, const void *p, size_t n) {
    put_u(b, n, 4);
    evs_buf_put(b, p, n);
}

void evs_reply_send(const evs_reply *r, uint32_t mode, int fd) {
    evs_buf b = { 0 };
    put_u(&b, 0, 4); /* length, patched below */
    put_u(&b, r->status, 4);
    put_u(&b, r->failed_kernel, 1);
    put_bytes(&b, r->detail, strlen(r->detail));
    put_bytes(&b, r->diagnostics.data, r->diagnostics.len);
    put_u(&b, (uint32_t)r->failing_call, 4);
    for (int k = 0; k < 2; k++) {
        put_u(&b, r->compile_ns[k], 8);
        put_u(&b, r->image_bytes[k], 8);
    }
    for (int k = 0; k < 2; k++) {
        put_u(&b, r->has_image_id[k] ? 1 : 0, 1);
        evs_buf_put(&b, r->image_sha256[k], 32);
    }
    put_u(&b, r->fault_reason, 1);
    put_u(&b, (uint32_t)r->fault_param, 4);
    put_u(&b, r->fault_addr, 8);
    put_u(&b, mode, 4);
    if (mode == EVS_MODE_VALIDATE) {
        put_u(&b, r->completed, 4);
        put_u(&b, r->outputs.len, 8);
        evs_buf_put(&b, r->outputs.data, r->outputs.len);
    } else {
        put_u(&b, r->reps_a, 4);
        put_u(&b, r->reps_b, 4);
        put_u(&b, r->overhead_ns, 8);
        put_u(&b, r->outputs_differ, 1);
        put_u(&b, r->differ_window, 4);
        put_u(&b, r->differ_call, 4);
        uint32_t n = (r->samples_a && r->samples_b) ? r->nsamples : 0;
        put_u(&b, n, 4);
        for (uint32_t i = 0; i < n; i++) put_u(&b, r->samples_a[i], 8);
        for (uint32_t i = 0; i < n; i++) put_u(&b, r->samples_b[i], 8);
    }
    uint32_t len = (uint32_t)(b.len - 4);
    for (int i = 0; i < 4; i++) b.data[i] = (uint8_t)(len >> (8 * i));
    evs_write_full(fd, b.data, b.len);
    free(b.data);
}

void evs_reply_free(evs_reply *r) {
    free(r->diagnostics.data);
    free(r->outputs.data);
    free(r->samples_a);
    free(r->samples_b);
    memset(r, 0, sizeof *r);
}
