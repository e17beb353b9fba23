/* Lexical screen of kernel source: the first line of defence before libtcc sees anything. */
#include "csandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int scan(const char *dst_buf, const int *line_buf, size_t n, char *reason, size_t cap);

static const char *const allowed_directives[] = {
    "define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif", "error", "warning", NULL
};

static const char *const forbidden_identifiers[] = {
    "_Pragma", "__DATE__", "__TIME__", "__TIMESTAMP__", "__has_include", "__has_include_next", NULL
};

static int is_ident_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

static int reject(char *reason, size_t cap, int line, const char *what, const char *name) {
    if (reason && cap) snprintf(reason, cap, "line %d: %s%s%s", line, what, name ? " " : "", name ? name : "");
    return -1;
}

/* Copies src into dst with line splices removed and comments, strings and character literals blanked
 * (newlines kept so line numbers survive). lines[i] is the physical line of dst[i]. */
static int normalize(const char *src, size_t len, char *dst, int *lines, size_t *out_len, char *reason, size_t cap) {
    size_t i = 0, o = 0;
    int line = 1;
    enum { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR } state = CODE;
    while (i < len) {
        char c = src[i];
        if (c == '\\' && i + 1 < len && (src[i + 1] == '\n' || (src[i + 1] == '\r' && i + 2 < len && src[i + 2] == '\n'))) {
            i += (src[i + 1] == '\n') ? 2 : 3;
            line++;
            continue;
        }
        if (c == '\n') {
            if (state == STRING || state == CHAR) return reject(reason, cap, line, "unterminated literal", NULL);
            if (state == LINE_COMMENT) state = CODE;
            dst[o] = '\n'; lines[o++] = line; line++; i++;
            continue;
        }
        switch (state) {
        case CODE:
            if (c == '/' && i + 1 < len && src[i + 1] == '/') { state = LINE_COMMENT; dst[o] = ' '; lines[o++] = line; i += 2; continue; }
            if (c == '/' && i + 1 < len && src[i + 1] == '*') { state = BLOCK_COMMENT; dst[o] = ' '; lines[o++] = line; i += 2; continue; }
            if (c == '"') { state = STRING; dst[o] = '"'; lines[o++] = line; i++; continue; }
            if (c == '\'') { state = CHAR; dst[o] = '\''; lines[o++] = line; i++; continue; }
            dst[o] = c; lines[o++] = line; i++;
            continue;
        case LINE_COMMENT:
            i++;
            continue;
        case BLOCK_COMMENT:
            if (c == '*' && i + 1 < len && src[i + 1] == '/') { state = CODE; i += 2; continue; }
            i++;
            continue;
        case STRING:
        case CHAR:
            if (c == '\\' && i + 1 < len) { i += 2; continue; }
            if ((state == STRING && c == '"') || (state == CHAR && c == '\'')) { dst[o] = c; lines[o++] = line; state = CODE; }
            i++;
            continue;
        }
    }
    if (state == BLOCK_COMMENT) return reject(reason, cap, line, "unterminated comment", NULL);
    if (state == STRING || state == CHAR) return reject(reason, cap, line, "unterminated literal", NULL);
    *out_len = o;
    return 0;
}

static int check_directive(const char *s, size_t n, int line, char *reason, size_t cap) {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f' || s[i] == '\v' || s[i] == '\r')) i++;
    if (i == n || s[i] == '\n') return 0; /* null directive */
    if (!is_ident_start(s[i])) return reject(reason, cap, line, "malformed preprocessor directive", NULL);
    char name[32];
    size_t k = 0;
    while (i < n && is_ident_char(s[i])) {
        if (k < sizeof name - 1) name[k++] = s[i];
        i++;
    }
    name[k] = 0;
    for (const char *const *a = allowed_directives; *a; a++)
        if (strcmp(*a, name) == 0) return 0;
    char what[64];
    snprintf(what, sizeof what, "preprocessor directive #%s is not allowed", name);
    return reject(reason, cap, line, what, NULL);
}

int evs_screen_source(const char *src, size_t len, size_t max_len, char *reason, size_t cap) {
    if (len > max_len) {
        if (reason && cap) snprintf(reason, cap, "source is %zu bytes, over the %zu-byte limit", len, max_len);
        return -1;
    }
    int line = 1;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\n') line++;
        if (src[i] == '\0') return reject(reason, cap, line, "NUL byte in source", NULL);
        if (src[i] == '?' && i + 2 < len && src[i + 1] == '?' && strchr("=/'()!<>-", src[i + 2]))
            return reject(reason, cap, line, "trigraphs are not allowed", NULL);
    }
    size_t n = 0;
    char *dst_buf = malloc(len + 1);
    int *line_buf = malloc((len + 1) * sizeof(int));
    if (!dst_buf || !line_buf) {
        free(dst_buf); free(line_buf);
        return reject(reason, cap, 0, "out of memory while screening", NULL);
    }
    int rc = normalize(src, len, dst_buf, line_buf, &n, reason, cap);
    if (rc == 0) rc = scan(dst_buf, line_buf, n, reason, cap);
    free(dst_buf); free(line_buf);
    return rc;
}

static int scan(const char *dst_buf, const int *line_buf, size_t n, char *reason, size_t cap) {
    int at_line_start = 1;
    for (size_t i = 0; i < n; i++) {
        char c = dst_buf[i];
        if (c == '\n') { at_line_start = 1; continue; }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r') continue;
        if (c == '%' && i + 1 < n && dst_buf[i + 1] == ':')
            return reject(reason, cap, line_buf[i], "digraph %: is not allowed", NULL);
        if (c == '#' && at_line_start) {
            size_t end = i + 1;
            while (end < n && dst_buf[end] != '\n') end++;
            if (check_directive(dst_buf + i + 1, end - i - 1, line_buf[i], reason, cap) != 0) return -1;
        }
        if (is_ident_start(c) && (i == 0 || !is_ident_char(dst_buf[i - 1]))) {
            size_t e = i;
            while (e < n && is_ident_char(dst_buf[e])) e++;
            for (const char *const *f = forbidden_identifiers; *f; f++)
                if (strlen(*f) == e - i && memcmp(*f, dst_buf + i, e - i) == 0)
                    return reject(reason, cap, line_buf[i], "identifier is not allowed:", *f);
            i = e - 1;
        }
        at_line_start = 0;
    }
    return 0;
}
