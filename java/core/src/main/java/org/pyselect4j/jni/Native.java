package org.pyselect4j.jni;

import java.nio.ByteBuffer;

/**
 * The system calls of libpyselect4j, one native method each.
 *
 * <p>Every method returns the call's result, or {@code -errno} when it fails; it
 * never throws, never retries. Memory arguments are addresses of direct buffers
 * (see {@link #address}); structures are laid out as the kernel headers say,
 * which {@code LinuxConstants} reports ({@code SIZEOF_*}, {@code OFFSETOF_*}).
 * Results the return value cannot carry are written as consecutive int64
 * values at the given address.
 */
public final class Native {
    static {
        NativeLibrary.load();
    }

    private Native() {
    }

    /**
     * Null when the library bound every native method of this class (which
     * declares {@code javaNativeMethods} of them) as it loaded, else what differs.
     */
    public static native String bindingProblem(int javaNativeMethods);

    /** The address of a direct buffer's memory, or 0 for a heap buffer. */
    public static native long address(ByteBuffer directBuffer);

    /** libc's message for an errno value. */
    public static native String strerror(int errno);

    /**
     * Names of the kernel constants, each tagged with its family
     * ({@code "epoll:EPOLLIN"}), separated by single spaces, in the order of
     * {@link #constantValues}.
     */
    public static native String constantNames();

    /** Writes up to {@code capacity} int values at the address; returns how many exist. */
    public static native int constantValues(long values, int capacity);

    public static native int epollCreate(int flags);

    /** epoll_ctl with the event's data set to {@code fd}. */
    public static native int epollCtl(int epfd, int op, int fd, int events);

    public static native int epollWait(int epfd, long events, int maxEvents, int timeoutMs);

    public static native int poll(long fds, int nfds, int timeoutMs);

    /**
     * select(2) over descriptor lists: {@code fds} holds {@code readCount}, then
     * {@code writeCount}, then {@code exceptCount} int32 descriptors; on return
     * {@code ready} holds one byte per descriptor, in the same order, 1 where it
     * is ready in its set. A negative timeout waits without limit; -EINVAL for
     * an fd outside 0..FD_SETSIZE-1.
     */
    public static native int selectFds(long fds, int readCount, int writeCount, int exceptCount, long ready,
                                       long timeoutUs);

    public static native int timerfdCreate(int clockid, int flags);

    /** Writes the old value at {@code oldValue}: initial sec, nsec, interval sec, nsec. */
    public static native int timerfdSettime(int fd, int flags, long initialSec, long initialNsec,
                                            long intervalSec, long intervalNsec, long oldValue);

    /** Writes initial sec, nsec, interval sec, nsec at {@code value}. */
    public static native int timerfdGettime(int fd, long value);

    /** eventfd(2); {@code initval} is an unsigned 32-bit value carried in an int. */
    public static native int eventfdCreate(int initval, int flags);

    /** pidfd_open(2). */
    public static native int pidfdOpen(int pid, int flags);

    /** setpriority(2) of one thread, named by its kernel thread id. */
    public static native int setThreadNice(int tid, int nice);

    /** _exit(2): does not return. */
    public static native void exitNow(int status);

    /** Writes sec, nsec at {@code time}. */
    public static native int clockGettime(int clockid, long time);

    /** Writes sec, nsec at {@code resolution}. */
    public static native int clockGetres(int clockid, long resolution);

    public static native int clockSettime(int clockid, long sec, long nsec);

    /**
     * pthread_getcpuclockid(pthread_self()): writes the calling thread's CPU-time
     * clock id at {@code clockid}. It takes no thread on purpose: glibc
     * dereferences a pthread_t, so an arbitrary one could crash the JVM.
     */
    public static native int pthreadSelfGetcpuclockid(long clockid);

    /** Adds 1 to an eventfd's counter, making it readable. */
    public static native int eventfdSignal(int fd);

    /** Resets an eventfd's counter to 0; -EAGAIN if it was 0. */
    public static native int eventfdDrain(int fd);

    public static native int close(int fd);

    /** fcntl(fd, F_GETFD). */
    public static native int getFdFlags(int fd);

    /** fcntl(fd, F_GETFL). */
    public static native int getStatusFlags(int fd);

    /** Writes the read end and the write end as two ints at {@code fds}. */
    public static native int pipe2(long fds, int flags);

    public static native int read(int fd, long buffer, int length);

    public static native int write(int fd, long buffer, int length);

    // signal.c: the process's signals that have a Python handler (see org.pyselect4j.core.Signals)

    /** The eventfd the signal handler adds 1 to on every signal it catches; -1 for none. */
    public static native void signalSetNotifyFd(int fd);

    /**
     * The eventfd that the signal handler also adds 1 to on each signal of
     * {@code signals} (bit {@code signum - 1}); -1 for none. It must stay open
     * while set.
     */
    public static native void signalSetWaiterFd(long signals, int fd);

    /** Catches {@code signum} with the library's handler (sigaction, SA_RESTART if {@code restart}). */
    public static native int signalHandle(int signum, boolean restart);

    /** Gives {@code signum} back the action it had before the first {@link #signalHandle}; -EINVAL if not caught. */
    public static native int signalRestore(int signum);

    /** The signals caught since the last call, bit {@code signum - 1} each, and clears them. */
    public static native long signalTakePending();

    /** The fd the handler writes each caught signal's number to (-1: none); returns the previous one. */
    public static native int signalSetWakeupFd(int fd, boolean warnOnFullBuffer);

    /** The errno of the last failed write to the wake-up fd that must be reported, or 0; clears it. */
    public static native int signalTakeWakeupError();

    /** raise(3). */
    public static native int signalRaise(int signum);

    /** 1 if {@code signum}'s action is SIG_IGN, else 0. */
    public static native int signalIsIgnored(int signum);
}
