#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <time.h>

#include "internal.h"

/*
 * Every value Java needs from the kernel headers, so that Java never hard-codes
 * one. Each name is tagged with its family ("epoll:EPOLLIN"); Java groups by it.
 * "internal" entries are for the Java core only: control codes, flags and the
 * layout of the structures it reads and writes in native memory.
 */
struct constant {
    const char *tagged_name;
    jint value;
};

#define CONSTANT(family, name) { #family ":" #name, (jint)(name) }
#define LAYOUT(name, value) { "internal:" name, (jint)(value) }

static const struct constant constants[] = {
    CONSTANT(epoll, EPOLLIN),
    CONSTANT(epoll, EPOLLOUT),
    CONSTANT(epoll, EPOLLPRI),
    CONSTANT(epoll, EPOLLERR),
    CONSTANT(epoll, EPOLLHUP),
    CONSTANT(epoll, EPOLLET),
    CONSTANT(epoll, EPOLLONESHOT),
    CONSTANT(epoll, EPOLLEXCLUSIVE),
    CONSTANT(epoll, EPOLLRDHUP),
    CONSTANT(epoll, EPOLLRDNORM),
    CONSTANT(epoll, EPOLLRDBAND),
    CONSTANT(epoll, EPOLLWRNORM),
    CONSTANT(epoll, EPOLLWRBAND),
    CONSTANT(epoll, EPOLLMSG),
    CONSTANT(epoll, EPOLL_CLOEXEC),

    CONSTANT(poll, POLLIN),
    CONSTANT(poll, POLLPRI),
    CONSTANT(poll, POLLOUT),
    CONSTANT(poll, POLLERR),
    CONSTANT(poll, POLLHUP),
    CONSTANT(poll, POLLNVAL),
    CONSTANT(poll, POLLRDNORM),
    CONSTANT(poll, POLLRDBAND),
    CONSTANT(poll, POLLWRNORM),
    CONSTANT(poll, POLLWRBAND),
    CONSTANT(poll, POLLMSG),
    CONSTANT(poll, POLLRDHUP),

    CONSTANT(timerfd, TFD_NONBLOCK),
    CONSTANT(timerfd, TFD_CLOEXEC),
    CONSTANT(timerfd, TFD_TIMER_ABSTIME),
    CONSTANT(timerfd, TFD_TIMER_CANCEL_ON_SET),

    CONSTANT(eventfd, EFD_CLOEXEC),
    CONSTANT(eventfd, EFD_NONBLOCK),
    CONSTANT(eventfd, EFD_SEMAPHORE),
    CONSTANT(clock, CLOCK_REALTIME),
    CONSTANT(clock, CLOCK_MONOTONIC),
    CONSTANT(clock, CLOCK_MONOTONIC_RAW),
    CONSTANT(clock, CLOCK_BOOTTIME),
    CONSTANT(clock, CLOCK_TAI),
    CONSTANT(clock, CLOCK_PROCESS_CPUTIME_ID),
    CONSTANT(clock, CLOCK_THREAD_CPUTIME_ID),

    CONSTANT(limit, FD_SETSIZE),
    CONSTANT(limit, PIPE_BUF),

    CONSTANT(errno, EPERM),
    CONSTANT(errno, ENOENT),
    CONSTANT(errno, EINTR),
    CONSTANT(errno, EBADF),
    CONSTANT(errno, EAGAIN),
    CONSTANT(errno, ENOMEM),
    CONSTANT(errno, EFAULT),
    CONSTANT(errno, EEXIST),
    CONSTANT(errno, EINVAL),
    CONSTANT(errno, EMFILE),
    CONSTANT(errno, ELOOP),
    CONSTANT(errno, ECANCELED),
    CONSTANT(errno, ESRCH),

    CONSTANT(internal, EPOLL_CTL_ADD),
    CONSTANT(internal, EPOLL_CTL_MOD),
    CONSTANT(internal, EPOLL_CTL_DEL),
    CONSTANT(internal, O_CLOEXEC),
    CONSTANT(internal, O_NONBLOCK),
    CONSTANT(internal, FD_CLOEXEC),
    LAYOUT("SIZEOF_EPOLL_EVENT", sizeof(struct epoll_event)),
    LAYOUT("OFFSETOF_EPOLL_EVENT_EVENTS", offsetof(struct epoll_event, events)),
    LAYOUT("OFFSETOF_EPOLL_EVENT_FD", offsetof(struct epoll_event, data) + offsetof(epoll_data_t, fd)),
    LAYOUT("SIZEOF_POLLFD", sizeof(struct pollfd)),
    LAYOUT("OFFSETOF_POLLFD_FD", offsetof(struct pollfd, fd)),
    LAYOUT("OFFSETOF_POLLFD_EVENTS", offsetof(struct pollfd, events)),
    LAYOUT("OFFSETOF_POLLFD_REVENTS", offsetof(struct pollfd, revents)),
};

#define CONSTANT_COUNT ((jint)(sizeof constants / sizeof constants[0]))

/* The tagged names separated by spaces, in the order of constantValues. */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(constantNames)(JNIEnv *env, jclass cls)
{
    (void)cls;
    char names[4096];
    size_t length = 0;
    for (jint i = 0; i < CONSTANT_COUNT; i++) {
        size_t name_length = strlen(constants[i].tagged_name);
        if (length + name_length + 1 >= sizeof names)
            return NULL; /* unreachable unless the table outgrows the buffer; Java then fails loudly */
        if (i > 0)
            names[length++] = ' ';
        memcpy(names + length, constants[i].tagged_name, name_length);
        length += name_length;
    }
    names[length] = '\0';
    return (*env)->NewStringUTF(env, names);
}

/* Writes up to capacity values at the address; returns how many there are. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(constantValues)(JNIEnv *env, jclass cls, jlong values, jint capacity)
{
    (void)env, (void)cls;
    jint *out = to_pointer(values);
    for (jint i = 0; i < CONSTANT_COUNT && i < capacity; i++)
        out[i] = constants[i].value;
    return CONSTANT_COUNT;
}
