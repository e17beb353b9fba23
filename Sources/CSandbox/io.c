/* Descriptor IO with deadlines, process spawning and reaping. */
#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

uint64_t evs_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int evs_read_full(int fd, void *buf, size_t len, int timeout_ms) {
    uint8_t *p = buf;
    uint64_t deadline = timeout_ms < 0 ? 0 : evs_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    while (len > 0) {
        int wait_ms = -1;
        if (timeout_ms >= 0) {
            uint64_t now = evs_now_ns();
            if (now >= deadline) return -2;
            wait_ms = (int)((deadline - now + 999999ull) / 1000000ull);
        }
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int r = poll(&pfd, 1, wait_ms);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) continue; /* re-check the deadline */
        ssize_t got = read(fd, p, len);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        if (got == 0) return -1;
        p += got;
        len -= (size_t)got;
    }
    return 0;
}

int evs_write_full(int fd, const void *buf, size_t len) {
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t put = send(fd, p, len, MSG_NOSIGNAL);
        if (put < 0 && errno == ENOTSOCK) put = write(fd, p, len);
        if (put < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        p += put;
        len -= (size_t)put;
    }
    return 0;
}

int evs_spawn_worker(const char *path, pid_t *pid, int *to_worker, int *from_worker) {
    int in_pipe[2], out_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0) return errno;
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
        int e = errno;
        close(in_pipe[0]); close(in_pipe[1]);
        return e;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char parent[32];
    snprintf(parent, sizeof parent, "%d", (int)getpid());
    char *argv[] = { (char *)path, parent, NULL };
    int rc = posix_spawn(pid, path, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(in_pipe[0]);
    close(out_pipe[1]);
    if (rc != 0) {
        close(in_pipe[1]);
        close(out_pipe[0]);
        return rc;
    }
    *to_worker = in_pipe[1];
    *from_worker = out_pipe[0];
    return 0;
}

void evs_kill_and_reap(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
}

int evs_reap(pid_t pid, int timeout_ms) {
    int status = 0;
    uint64_t deadline = evs_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0 && errno != EINTR) return -1;
        if (evs_now_ns() >= deadline) break;
        struct timespec ts = { 0, 200000 };
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return status;
}
