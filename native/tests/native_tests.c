/*
 * Calls every JNI function of libpyselect4j directly, without a JVM, and checks
 * its result and its -errno failures. The few functions that use the JNIEnv get
 * a fake one that implements just the calls they make.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pyselect4j.h"

static int failures;

#define CHECK(condition)                                                          \
    do {                                                                          \
        if (!(condition)) {                                                       \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                           \
        }                                                                         \
    } while (0)

#define ADDRESS(pointer) ((jlong)(intptr_t)(pointer))

/* The fake JNIEnv: a string is its text, copied; a direct buffer is its own address. */
static char last_string[8192];

static jstring JNICALL fake_new_string_utf(JNIEnv *env, const char *text)
{
    (void)env;
    snprintf(last_string, sizeof last_string, "%s", text);
    return (jstring)last_string;
}

static void *JNICALL fake_get_direct_buffer_address(JNIEnv *env, jobject buffer)
{
    (void)env;
    return buffer;
}

static struct JNINativeInterface_ fake_functions;
static JNIEnv fake_env = &fake_functions;
static JNIEnv *env = &fake_env;

static void make_pipe(int fds[2])
{
    int rc = PYSELECT4J_FN(pipe2)(env, NULL, ADDRESS(fds), O_CLOEXEC | O_NONBLOCK);
    CHECK(rc == 0);
}

static int is_cloexec(int fd)
{
    int flags = PYSELECT4J_FN(getFdFlags)(env, NULL, fd);
    return flags >= 0 && (flags & FD_CLOEXEC);
}

static void write_byte(int fd)
{
    char byte = 'x';
    CHECK(PYSELECT4J_FN(write)(env, NULL, fd, ADDRESS(&byte), 1) == 1);
}

static void test_memory_and_errno(void)
{
    char buffer[16];
    CHECK(PYSELECT4J_FN(address)(env, NULL, (jobject)buffer) == ADDRESS(buffer));
    CHECK(PYSELECT4J_FN(strerror)(env, NULL, EBADF) != NULL);
    CHECK(strcmp(last_string, "Bad file descriptor") == 0);
    PYSELECT4J_FN(strerror)(env, NULL, 99999);
    CHECK(strstr(last_string, "99999") != NULL);
}

static void test_constants(void)
{
    CHECK(PYSELECT4J_FN(constantNames)(env, NULL) != NULL);
    int spaces = 0;
    for (const char *c = last_string; *c; c++)
        spaces += *c == ' ';
    jint values[256];
    jint count = PYSELECT4J_FN(constantValues)(env, NULL, ADDRESS(values), 256);
    CHECK(count == spaces + 1);
    CHECK(strncmp(last_string, "epoll:EPOLLIN ", 14) == 0);
    CHECK(values[0] == EPOLLIN);
    CHECK(strstr(last_string, " limit:FD_SETSIZE ") != NULL);

    jint only_one[2] = { -1, -1 };
    CHECK(PYSELECT4J_FN(constantValues)(env, NULL, ADDRESS(only_one), 1) == count);
    CHECK(only_one[0] == EPOLLIN && only_one[1] == -1);
}

static void test_fd(void)
{
    int fds[2];
    make_pipe(fds);
    CHECK(is_cloexec(fds[0]) && is_cloexec(fds[1]));
    char byte = 0;
    CHECK(PYSELECT4J_FN(read)(env, NULL, fds[0], ADDRESS(&byte), 1) == -EAGAIN);
    write_byte(fds[1]);
    CHECK(PYSELECT4J_FN(read)(env, NULL, fds[0], ADDRESS(&byte), 1) == 1 && byte == 'x');
    CHECK(PYSELECT4J_FN(read)(env, NULL, fds[0], ADDRESS(&byte), -1) == -EINVAL);
    CHECK(PYSELECT4J_FN(write)(env, NULL, fds[1], ADDRESS(&byte), -1) == -EINVAL);
    CHECK(PYSELECT4J_FN(pipe2)(env, NULL, ADDRESS(fds), -1) == -EINVAL);
    CHECK(PYSELECT4J_FN(close)(env, NULL, fds[0]) == 0);
    CHECK(PYSELECT4J_FN(close)(env, NULL, fds[1]) == 0);
    CHECK(PYSELECT4J_FN(close)(env, NULL, fds[0]) == -EBADF);
    CHECK(PYSELECT4J_FN(getFdFlags)(env, NULL, fds[0]) == -EBADF);
    CHECK(PYSELECT4J_FN(read)(env, NULL, fds[0], ADDRESS(&byte), 1) == -EBADF);
    CHECK(PYSELECT4J_FN(write)(env, NULL, -1, ADDRESS(&byte), 1) == -EBADF);
}

static void test_wake_eventfd(void)
{
    int fd = PYSELECT4J_FN(eventfdCreate)(env, NULL, 0, EFD_CLOEXEC | EFD_NONBLOCK);
    CHECK(fd >= 0 && is_cloexec(fd));
    struct pollfd wake = { .fd = fd, .events = POLLIN };
    CHECK(PYSELECT4J_FN(eventfdDrain)(env, NULL, fd) == -EAGAIN);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(&wake), 1, 0) == 0);
    CHECK(PYSELECT4J_FN(eventfdSignal)(env, NULL, fd) == 0);
    CHECK(PYSELECT4J_FN(eventfdSignal)(env, NULL, fd) == 0);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(&wake), 1, -1) == 1 && wake.revents == POLLIN);
    CHECK(PYSELECT4J_FN(eventfdDrain)(env, NULL, fd) == 0);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(&wake), 1, 0) == 0);
    CHECK(PYSELECT4J_FN(close)(env, NULL, fd) == 0);
    CHECK(PYSELECT4J_FN(eventfdSignal)(env, NULL, fd) == -EBADF);
    CHECK(PYSELECT4J_FN(eventfdDrain)(env, NULL, fd) == -EBADF);
}

static void test_epoll(void)
{
    CHECK(PYSELECT4J_FN(epollCreate)(env, NULL, -1) == -EINVAL);
    int epfd = PYSELECT4J_FN(epollCreate)(env, NULL, EPOLL_CLOEXEC);
    CHECK(epfd >= 0 && is_cloexec(epfd));
    int fds[2];
    make_pipe(fds);

    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_ADD, fds[0], EPOLLIN) == 0);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_ADD, fds[0], EPOLLIN) == -EEXIST);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_MOD, fds[1], EPOLLOUT) == -ENOENT);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_DEL, fds[1], 0) == -ENOENT);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, -1, EPOLL_CTL_ADD, fds[1], EPOLLOUT) == -EBADF);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_ADD, epfd, EPOLLIN) == -EINVAL);

    struct epoll_event events[4];
    memset(events, 0, sizeof events);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 4, 0) == 0);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 4, 10) == 0);
    write_byte(fds[1]);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 4, -1) == 1);
    CHECK(events[0].events == EPOLLIN && events[0].data.fd == fds[0]);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_MOD, fds[0], EPOLLOUT) == 0);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 4, 0) == 0);
    CHECK(PYSELECT4J_FN(epollCtl)(env, NULL, epfd, EPOLL_CTL_DEL, fds[0], 0) == 0);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 0, 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, fds[0], ADDRESS(events), 4, 0) == -EINVAL);

    PYSELECT4J_FN(close)(env, NULL, fds[0]);
    PYSELECT4J_FN(close)(env, NULL, fds[1]);
    PYSELECT4J_FN(close)(env, NULL, epfd);
    CHECK(PYSELECT4J_FN(epollWait)(env, NULL, epfd, ADDRESS(events), 4, 0) == -EBADF);
}

static void test_poll(void)
{
    int fds[2];
    make_pipe(fds);
    struct pollfd entries[2] = { { .fd = fds[0], .events = POLLIN }, { .fd = -1, .events = POLLIN } };
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(entries), 2, 0) == 0);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(entries), 2, 10) == 0);
    write_byte(fds[1]);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(entries), 2, -1) == 1);
    CHECK(entries[0].revents == POLLIN && entries[1].revents == 0);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(entries), -1, 0) == -EINVAL);

    PYSELECT4J_FN(close)(env, NULL, fds[0]);
    PYSELECT4J_FN(close)(env, NULL, fds[1]);
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(entries), 1, 0) == 1);
    CHECK(entries[0].revents == POLLNVAL);
}

static void test_select(void)
{
    int fds[2];
    make_pipe(fds);
    /* Read end in the read list, write end in the write list, read end again in the except list. */
    jint lists[3] = { fds[0], fds[1], fds[0] };
    unsigned char ready[3] = { 9, 9, 9 };
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(lists), 1, 1, 1, ADDRESS(ready), 1000) == 1);
    CHECK(ready[0] == 0 && ready[1] == 1 && ready[2] == 0);

    write_byte(fds[1]);
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(lists), 1, 0, 0, ADDRESS(ready), -1) == 1);
    CHECK(ready[0] == 1);
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(lists), 0, 0, 0, ADDRESS(ready), 0) == 0);

    jint out_of_range[2] = { FD_SETSIZE, -1 };
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(out_of_range), 1, 0, 0, ADDRESS(ready), 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(&out_of_range[1]), 0, 1, 0, ADDRESS(ready), 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(lists), -1, 0, 0, ADDRESS(ready), 0) == -EINVAL);

    PYSELECT4J_FN(close)(env, NULL, fds[0]);
    PYSELECT4J_FN(close)(env, NULL, fds[1]);
    CHECK(PYSELECT4J_FN(selectFds)(env, NULL, ADDRESS(lists), 1, 0, 0, ADDRESS(ready), 0) == -EBADF);
}

static void test_binding_problem(void)
{
    /* Not loaded by a JVM here: nothing was registered, so only the count can differ. */
    jstring problem = PYSELECT4J_FN(bindingProblem)(env, NULL, -1);
    CHECK(problem != NULL && strstr((const char *)problem, "declares -1 native methods") != NULL);
}

static void test_timerfd(void)
{
    CHECK(PYSELECT4J_FN(timerfdCreate)(env, NULL, 12345, TFD_CLOEXEC) == -EINVAL);
    int fd = PYSELECT4J_FN(timerfdCreate)(env, NULL, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    CHECK(fd >= 0 && is_cloexec(fd));

    int64_t spec[4] = { -1, -1, -1, -1 };
    CHECK(PYSELECT4J_FN(timerfdSettime)(env, NULL, fd, 0, 10, 0, 0, 500000000, ADDRESS(spec)) == 0);
    CHECK(spec[0] == 0 && spec[1] == 0 && spec[2] == 0 && spec[3] == 0);
    CHECK(PYSELECT4J_FN(timerfdGettime)(env, NULL, fd, ADDRESS(spec)) == 0);
    CHECK(spec[0] >= 9 && spec[0] <= 10 && spec[2] == 0 && spec[3] == 500000000);
    CHECK(PYSELECT4J_FN(timerfdSettime)(env, NULL, fd, 0, 0, 1000000000, 0, 0, ADDRESS(spec)) == -EINVAL);

    uint64_t expirations = 0;
    CHECK(PYSELECT4J_FN(timerfdSettime)(env, NULL, fd, 0, 0, 1000000, 0, 0, ADDRESS(spec)) == 0);
    CHECK(spec[2] == 0 && spec[3] == 500000000);
    struct pollfd entry = { .fd = fd, .events = POLLIN };
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(&entry), 1, 5000) == 1);
    CHECK(PYSELECT4J_FN(read)(env, NULL, fd, ADDRESS(&expirations), 8) == 8 && expirations == 1);
    CHECK(PYSELECT4J_FN(read)(env, NULL, fd, ADDRESS(&expirations), 8) == -EAGAIN);

    PYSELECT4J_FN(close)(env, NULL, fd);
    CHECK(PYSELECT4J_FN(timerfdGettime)(env, NULL, fd, ADDRESS(spec)) == -EBADF);
    CHECK(PYSELECT4J_FN(timerfdSettime)(env, NULL, fd, 0, 1, 0, 0, 0, ADDRESS(spec)) == -EBADF);
}

static void test_eventfd(void)
{
    int fd = PYSELECT4J_FN(eventfdCreate)(env, NULL, 3, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE);
    CHECK(fd >= 0 && is_cloexec(fd));
    uint64_t value = 0;
    CHECK(PYSELECT4J_FN(read)(env, NULL, fd, ADDRESS(&value), 8) == 8 && value == 1);
    PYSELECT4J_FN(close)(env, NULL, fd);
    /* An initial value above INT_MAX arrives as a negative jint and must stay unsigned. */
    fd = PYSELECT4J_FN(eventfdCreate)(env, NULL, (jint)0xFFFFFFFFu, EFD_NONBLOCK);
    CHECK(fd >= 0 && !is_cloexec(fd));
    CHECK(PYSELECT4J_FN(read)(env, NULL, fd, ADDRESS(&value), 8) == 8 && value == 0xFFFFFFFFu);
    PYSELECT4J_FN(close)(env, NULL, fd);
    CHECK(PYSELECT4J_FN(eventfdCreate)(env, NULL, 0, -1) == -EINVAL);
}

static void test_pidfd(void)
{
    int fd = PYSELECT4J_FN(pidfdOpen)(env, NULL, getpid(), 0);
    CHECK(fd >= 0 && is_cloexec(fd)); /* the kernel makes every pidfd close-on-exec */
    struct pollfd entry = { .fd = fd, .events = POLLIN };
    CHECK(PYSELECT4J_FN(poll)(env, NULL, ADDRESS(&entry), 1, 0) == 0); /* we are alive */
    PYSELECT4J_FN(close)(env, NULL, fd);
    CHECK(PYSELECT4J_FN(pidfdOpen)(env, NULL, 0, 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(pidfdOpen)(env, NULL, getpid(), 1) == -EINVAL);
}

static void test_clock(void)
{
    int64_t time[2] = { -1, -1 };
    CHECK(PYSELECT4J_FN(clockGettime)(env, NULL, CLOCK_MONOTONIC, ADDRESS(time)) == 0);
    CHECK(time[0] >= 0 && time[1] >= 0 && time[1] < 1000000000);
    CHECK(PYSELECT4J_FN(clockGetres)(env, NULL, CLOCK_REALTIME, ADDRESS(time)) == 0);
    CHECK(time[0] == 0 && time[1] > 0);
    CHECK(PYSELECT4J_FN(clockGettime)(env, NULL, 12345, ADDRESS(time)) == -EINVAL);
    CHECK(PYSELECT4J_FN(clockGetres)(env, NULL, 12345, ADDRESS(time)) == -EINVAL);
}

/*
 * Only refusals: the tests may run as root, so CLOCK_REALTIME gets nothing but
 * times the kernel rejects before it checks the privilege (an nsec of one
 * second, a time before the epoch).
 */
static void test_clock_settime(void)
{
    CHECK(PYSELECT4J_FN(clockSettime)(env, NULL, CLOCK_MONOTONIC, 0, 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(clockSettime)(env, NULL, 12345, 0, 0) == -EINVAL);
    CHECK(PYSELECT4J_FN(clockSettime)(env, NULL, CLOCK_REALTIME, 0, 1000000000) == -EINVAL);
    CHECK(PYSELECT4J_FN(clockSettime)(env, NULL, CLOCK_REALTIME, -1, 0) == -EINVAL);
}

static void *read_thread_clock(void *clockid)
{
    CHECK(PYSELECT4J_FN(pthreadSelfGetcpuclockid)(env, NULL, ADDRESS(clockid)) == 0);
    return NULL;
}

static void test_thread_cpu_clock(void)
{
    int64_t mine = 0, again = 0, other = 0;
    CHECK(PYSELECT4J_FN(pthreadSelfGetcpuclockid)(env, NULL, ADDRESS(&mine)) == 0);
    CHECK(PYSELECT4J_FN(pthreadSelfGetcpuclockid)(env, NULL, ADDRESS(&again)) == 0);
    clockid_t expected;
    CHECK(pthread_getcpuclockid(pthread_self(), &expected) == 0);
    CHECK(mine == expected && again == mine);
    CHECK(mine != CLOCK_THREAD_CPUTIME_ID);
    int64_t time[2] = { -1, -1 };
    CHECK(PYSELECT4J_FN(clockGettime)(env, NULL, (jint)mine, ADDRESS(time)) == 0);
    CHECK(time[0] >= 0 && time[1] >= 0 && time[1] < 1000000000);

    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, read_thread_clock, &other) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK(other != 0 && other != mine);
}

/* Another thread lowers this one's priority: only this thread's nice value changes. */
static void *lower_own_priority(void *process_nice)
{
    jint tid = (jint)gettid();
    CHECK(PYSELECT4J_FN(setThreadNice)(env, NULL, tid, 19) == 0);
    CHECK(getpriority(PRIO_PROCESS, (id_t)tid) == 19);
    CHECK(getpriority(PRIO_PROCESS, (id_t)getpid()) == *(int *)process_nice);
    return NULL;
}

static void test_thread_nice(void)
{
    int process_nice = getpriority(PRIO_PROCESS, (id_t)getpid());
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, lower_own_priority, &process_nice) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK(PYSELECT4J_FN(setThreadNice)(env, NULL, -1, 19) == -ESRCH);
}

static int exit_marker_fd = -1;

static void write_exit_marker(void)
{
    (void)!write(exit_marker_fd, "x", 1);
}

/* The process ends with the status given, and nothing of its own runs after (here: its atexit handler). */
static void test_exit_now(void)
{
    int ends[2];
    CHECK(pipe(ends) == 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(ends[0]);
        exit_marker_fd = ends[1];
        atexit(write_exit_marker);
        PYSELECT4J_FN(exitNow)(env, NULL, 7);
    }
    close(ends[1]);
    int status = 0;
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 7);
    char byte;
    CHECK(read(ends[0], &byte, 1) == 0);
    close(ends[0]);
}

/* A taken-over signal sets its pending bit once per burst, writes its number to the wake-up fd and wakes the notify fd. */
static void test_signal(void)
{
    int notify = eventfd(0, EFD_NONBLOCK);
    int ends[2];
    CHECK(pipe2(ends, O_NONBLOCK) == 0);
    PYSELECT4J_FN(signalSetNotifyFd)(env, NULL, notify);
    CHECK(PYSELECT4J_FN(signalSetWakeupFd)(env, NULL, ends[1], JNI_TRUE) == -1);
    CHECK(PYSELECT4J_FN(signalHandle)(env, NULL, SIGUSR1, JNI_TRUE) == 0);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, SIGUSR1) == 0);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, SIGUSR1) == 0);
    CHECK(PYSELECT4J_FN(signalTakePending)(env, NULL) == (jlong)(UINT64_C(1) << (SIGUSR1 - 1)));
    CHECK(PYSELECT4J_FN(signalTakePending)(env, NULL) == 0);
    unsigned char bytes[4];
    CHECK(read(ends[0], bytes, sizeof bytes) == 2 && bytes[0] == SIGUSR1 && bytes[1] == SIGUSR1);
    uint64_t count = 0;
    CHECK(read(notify, &count, 8) == 8 && count == 2);
    /* A waiter's eventfd is woken by the signals set for it, and no longer once unset. */
    int waiter = eventfd(0, EFD_NONBLOCK);
    PYSELECT4J_FN(signalSetWaiterFd)(env, NULL, (jlong)(UINT64_C(1) << (SIGUSR1 - 1)), waiter);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, SIGUSR1) == 0);
    CHECK(read(waiter, &count, 8) == 8 && count == 1);
    PYSELECT4J_FN(signalSetWaiterFd)(env, NULL, (jlong)(UINT64_C(1) << (SIGUSR1 - 1)), -1);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, SIGUSR1) == 0);
    CHECK(read(waiter, &count, 8) == -1 && errno == EAGAIN);
    close(waiter);
    PYSELECT4J_FN(signalTakePending)(env, NULL);
    CHECK(read(ends[0], bytes, sizeof bytes) == 2);
    CHECK(read(notify, &count, 8) == 8 && count == 2);
    /* A write that fails for another reason than a full buffer is reported once. */
    close(ends[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, SIGUSR1) == 0);
    CHECK(PYSELECT4J_FN(signalTakeWakeupError)(env, NULL) == EPIPE);
    CHECK(PYSELECT4J_FN(signalTakeWakeupError)(env, NULL) == 0);
    CHECK(PYSELECT4J_FN(signalSetWakeupFd)(env, NULL, -1, JNI_TRUE) == ends[1]);
    CHECK(PYSELECT4J_FN(signalRestore)(env, NULL, SIGUSR1) == 0);
    CHECK(PYSELECT4J_FN(signalRestore)(env, NULL, SIGUSR1) == -EINVAL);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    CHECK(now.sa_handler == SIG_DFL);
    CHECK(PYSELECT4J_FN(signalHandle)(env, NULL, SIGKILL, JNI_TRUE) == -EINVAL);
    CHECK(PYSELECT4J_FN(signalHandle)(env, NULL, 65, JNI_TRUE) == -EINVAL);
    CHECK(PYSELECT4J_FN(signalRaise)(env, NULL, 65) == -EINVAL);
    PYSELECT4J_FN(signalSetNotifyFd)(env, NULL, -1);
    PYSELECT4J_FN(signalTakePending)(env, NULL);
    close(ends[1]);
    close(notify);
}

/*
 * argv[1] == "--under-valgrind": valgrind 3.19 does not know pidfd_open(2) and
 * answers ENOSYS, so that test runs only in the direct run.
 */
int main(int argc, char **argv)
{
    int under_valgrind = argc > 1 && strcmp(argv[1], "--under-valgrind") == 0;

    fake_functions.NewStringUTF = fake_new_string_utf;
    fake_functions.GetDirectBufferAddress = fake_get_direct_buffer_address;

    test_memory_and_errno();
    test_constants();
    test_fd();
    test_wake_eventfd();
    test_epoll();
    test_poll();
    test_select();
    test_binding_problem();
    test_timerfd();
    test_eventfd();
    if (!under_valgrind)
        test_pidfd();
    test_clock();
    test_clock_settime();
    test_thread_cpu_clock();
    test_thread_nice();
    test_exit_now();
    test_signal();

    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    puts("all native checks passed");
    return 0;
}
