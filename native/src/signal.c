/*
 * Signals that have a Python handler, delivered as CPython delivers them.
 *
 * The handler below is all that runs in signal context, so it only does what
 * is async-signal-safe: it sets the signal's bit in one pending mask (a burst
 * of one signal coalesces into one bit, as CPython's per-signal flag), writes
 * the signal number as one byte to the wake-up fd that signal.set_wakeup_fd
 * chose (if any), adds 1 to the eventfd of the wait that the thread which runs
 * its Python handler is blocked in (if any), so that it wakes at once, and to the
 * notify eventfd that the Java dispatcher thread waits on. Java takes the mask
 * and runs the Python handlers in the main thread; the library never calls
 * into the JVM from a signal.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "internal.h"

/* Bit signum - 1 of the mask stands for signal signum (1 to 64). */
#define MAX_SIGNAL 64

static _Atomic uint64_t pending;
static atomic_int notify_fd = -1;
static atomic_int wakeup_fd = -1;
static atomic_int wakeup_warn_on_full_buffer = 1;
/* errno of the last failed write to the wake-up fd that must be reported; 0 when none. */
static atomic_int wakeup_error;
/* Per signal, 1 + the eventfd of the wait that the thread running its Python handler is blocked in; 0 when none. */
static atomic_int waiter_fd_plus_one[MAX_SIGNAL + 1];

/* The action each signal had before signalHandle took it over; only Java's signal lock touches these. */
static struct sigaction previous[MAX_SIGNAL + 1];
static unsigned char taken[MAX_SIGNAL + 1];

static void on_signal(int signum)
{
    int saved_errno = errno;
    atomic_fetch_or(&pending, UINT64_C(1) << (signum - 1));
    int fd = atomic_load(&wakeup_fd);
    if (fd != -1) {
        unsigned char byte = (unsigned char)signum;
        ssize_t written;
        do {
            written = write(fd, &byte, 1);
        } while (written < 0 && errno == EINTR);
        /* A full non-blocking buffer is reported only if asked (warn_on_full_buffer). */
        if (written < 0 && (atomic_load(&wakeup_warn_on_full_buffer) || (errno != EAGAIN && errno != EWOULDBLOCK))) {
            atomic_store(&wakeup_error, errno);
        }
    }
    int waiter = atomic_load(&waiter_fd_plus_one[signum]) - 1;
    if (waiter != -1) {
        eventfd_write(waiter, 1);
    }
    int notify = atomic_load(&notify_fd);
    if (notify != -1) {
        eventfd_write(notify, 1);
    }
    errno = saved_errno;
}

/*
 * The eventfd that each signal of the mask (bit signum - 1) wakes, from its
 * handler, besides the notify fd; -1 for none. Java keeps the descriptor open
 * for the life of the process, so the handler never writes to a reused one.
 */
JNIEXPORT void JNICALL PYSELECT4J_FN(signalSetWaiterFd)(JNIEnv *env, jclass cls, jlong signals, jint fd)
{
    (void)env, (void)cls;
    uint64_t mask = (uint64_t)signals;
    while (mask != 0) {
        int signum = __builtin_ctzll(mask) + 1;
        mask &= mask - 1;
        atomic_store(&waiter_fd_plus_one[signum], fd + 1);
    }
}

JNIEXPORT void JNICALL PYSELECT4J_FN(signalSetNotifyFd)(JNIEnv *env, jclass cls, jint fd)
{
    (void)env, (void)cls;
    atomic_store(&notify_fd, fd);
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(signalHandle)(JNIEnv *env, jclass cls, jint signum, jboolean restart)
{
    (void)env, (void)cls;
    if (signum < 1 || signum > MAX_SIGNAL) {
        return -EINVAL;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = SA_ONSTACK | (restart ? SA_RESTART : 0);
    sigemptyset(&action.sa_mask);
    struct sigaction before;
    if (sigaction(signum, &action, &before) < 0) {
        return -errno;
    }
    if (!taken[signum]) {
        previous[signum] = before;
        taken[signum] = 1;
    }
    return 0;
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(signalRestore)(JNIEnv *env, jclass cls, jint signum)
{
    (void)env, (void)cls;
    if (signum < 1 || signum > MAX_SIGNAL || !taken[signum]) {
        return -EINVAL;
    }
    if (sigaction(signum, &previous[signum], NULL) < 0) {
        return -errno;
    }
    taken[signum] = 0;
    return 0;
}

JNIEXPORT jlong JNICALL PYSELECT4J_FN(signalTakePending)(JNIEnv *env, jclass cls)
{
    (void)env, (void)cls;
    return (jlong)atomic_exchange(&pending, 0);
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(signalSetWakeupFd)(JNIEnv *env, jclass cls, jint fd, jboolean warnOnFullBuffer)
{
    (void)env, (void)cls;
    atomic_store(&wakeup_warn_on_full_buffer, warnOnFullBuffer ? 1 : 0);
    return atomic_exchange(&wakeup_fd, fd);
}

JNIEXPORT jint JNICALL PYSELECT4J_FN(signalTakeWakeupError)(JNIEnv *env, jclass cls)
{
    (void)env, (void)cls;
    return atomic_exchange(&wakeup_error, 0);
}

/* raise(3): the calling thread gets signum before this returns, if it does not block it. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalRaise)(JNIEnv *env, jclass cls, jint signum)
{
    (void)env, (void)cls;
    return raise(signum) != 0 ? -errno : 0;
}

/* Whether signum's action is SIG_IGN, as when it came ignored from the parent (nohup, a shell's background job). */
JNIEXPORT jint JNICALL PYSELECT4J_FN(signalIsIgnored)(JNIEnv *env, jclass cls, jint signum)
{
    (void)env, (void)cls;
    struct sigaction current;
    if (sigaction(signum, NULL, &current) < 0) {
        return -errno;
    }
    return !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN;
}
