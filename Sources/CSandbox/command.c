/* Runs an outside program (a proposer) under a deadline: `/bin/sh -c command` in a process group
 * of its own, fed on stdin, its stdout and stderr collected with caps, the whole group killed at
 * the deadline and when the shell exits (nothing it started outlives the call). */
#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void close_pair(int p[2]) {
    if (p[0] >= 0) close(p[0]);
    if (p[1] >= 0) close(p[1]);
    p[0] = p[1] = -1;
}

static int spawn_shell(const char *command, const char *dir, int in_fd, int out_fd, int err_fd, pid_t *pid) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&fa);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return rc;
    }
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if ((rc = posix_spawn_file_actions_adddup2(&fa, in_fd, 0)) == 0 && (rc = posix_spawn_file_actions_adddup2(&fa, out_fd, 1)) == 0 &&
        (rc = posix_spawn_file_actions_adddup2(&fa, err_fd, 2)) == 0 &&
        (dir == NULL || (rc = posix_spawn_file_actions_addchdir_np(&fa, dir)) == 0) &&
        (rc = posix_spawnattr_setsigmask(&attr, &none)) == 0 && (rc = posix_spawnattr_setsigdefault(&attr, &all)) == 0 &&
        (rc = posix_spawnattr_setpgroup(&attr, 0)) == 0 &&
        (rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)) == 0) {
        char *argv[] = { "/bin/sh", "-c", (char *)command, NULL };
        rc = posix_spawn(pid, "/bin/sh", &fa, &attr, argv, environ);
    }
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return rc;
}

int evs_run_command(const char *command, const char *dir, const void *input, size_t input_len, int timeout_ms,
                    uint8_t *out, size_t out_cap, size_t *out_len, char *err, size_t err_cap, size_t *err_len, int *status) {
    *out_len = 0;
    *err_len = 0;
    *status = 0;
    int in_p[2] = { -1, -1 }, out_p[2] = { -1, -1 }, err_p[2] = { -1, -1 };
    /* stdin is a socket, so writing to a proposer that stopped reading is EPIPE, never SIGPIPE. */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_p) != 0 || pipe2(out_p, O_CLOEXEC) != 0 || pipe2(err_p, O_CLOEXEC) != 0) {
        int e = errno;
        close_pair(in_p); close_pair(out_p); close_pair(err_p);
        return e;
    }
    pid_t pid = -1;
    int rc = spawn_shell(command, dir, in_p[0], out_p[1], err_p[1], &pid);
    close(in_p[0]); close(out_p[1]); close(err_p[1]);
    in_p[0] = out_p[1] = err_p[1] = -1;
    if (rc != 0) {
        close_pair(in_p); close_pair(out_p); close_pair(err_p);
        return rc;
    }
    size_t written = 0;
    if (input_len == 0) { close(in_p[1]); in_p[1] = -1; }
    uint64_t deadline = evs_now_ns() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms) * 1000000ull;
    int result = 0, exited = 0;
    char discard[4096];
    while (out_p[0] >= 0 || err_p[0] >= 0) {
        uint64_t now = evs_now_ns();
        if (now >= deadline) { result = EVS_COMMAND_TIMEOUT; break; }
        if (!exited) {
            pid_t r = waitpid(pid, status, WNOHANG);
            if (r == pid) {
                exited = 1;
                /* Whatever the shell left running goes with it; what it wrote stays in the pipes. */
                kill(-pid, SIGKILL);
            }
        }
        struct pollfd fds[3];
        int n = 0, in_i = -1, out_i = -1, err_i = -1;
        if (in_p[1] >= 0) { in_i = n; fds[n++] = (struct pollfd){ in_p[1], POLLOUT, 0 }; }
        if (out_p[0] >= 0) { out_i = n; fds[n++] = (struct pollfd){ out_p[0], POLLIN, 0 }; }
        if (err_p[0] >= 0) { err_i = n; fds[n++] = (struct pollfd){ err_p[0], POLLIN, 0 }; }
        int wait_ms = (int)((deadline - now) / 1000000ull) + 1;
        if (wait_ms > 20) wait_ms = 20;
        int ready = poll(fds, (nfds_t)n, wait_ms);
        if (ready < 0) {
            if (errno == EINTR) continue;
            result = errno;
            break;
        }
        if (in_i >= 0 && fds[in_i].revents) {
            ssize_t put = (fds[in_i].revents & POLLOUT)
                ? send(in_p[1], (const uint8_t *)input + written, input_len - written, MSG_NOSIGNAL | MSG_DONTWAIT) : -1;
            if (put > 0) written += (size_t)put;
            if (put < 0 && errno == EAGAIN) {
            } else if (put <= 0 || written == input_len) {
                close(in_p[1]);
                in_p[1] = -1;
            }
        }
        if (out_i >= 0 && fds[out_i].revents) {
            if (*out_len == out_cap) { result = EVS_COMMAND_TOO_LARGE; break; }
            ssize_t got = read(out_p[0], out + *out_len, out_cap - *out_len);
            if (got > 0) *out_len += (size_t)got;
            else if (got == 0 || errno != EINTR) { close(out_p[0]); out_p[0] = -1; }
        }
        if (err_i >= 0 && fds[err_i].revents) {
            ssize_t got = read(err_p[0], discard, sizeof discard);
            if (got > 0) {
                /* Keep the last err_cap bytes: the end of stderr says why a program failed. */
                size_t g = (size_t)got;
                if (g >= err_cap) {
                    memcpy(err, discard + g - err_cap, err_cap);
                    *err_len = err_cap;
                } else {
                    size_t keep = *err_len + g > err_cap ? err_cap - g : *err_len;
                    memmove(err, err + *err_len - keep, keep);
                    memcpy(err + keep, discard, g);
                    *err_len = keep + g;
                }
            } else if (got == 0 || errno != EINTR) { close(err_p[0]); err_p[0] = -1; }
        }
    }
    kill(-pid, SIGKILL);
    if (!exited) {
        int s = 0;
        while (waitpid(pid, &s, 0) < 0 && errno == EINTR) {}
        if (result == 0) *status = s;
    }
    close_pair(in_p); close_pair(out_p); close_pair(err_p);
    return result;
}
