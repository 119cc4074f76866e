package org.pyselect4j.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.pyselect4j.core.Clocks;
import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.EventFd;
import org.pyselect4j.core.ErrnoException;
import org.pyselect4j.core.Fds;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.PidFd;
import org.pyselect4j.core.Poll;
import org.pyselect4j.core.Select;
import org.pyselect4j.core.SelectResult;
import org.pyselect4j.core.Signals;
import org.pyselect4j.core.TimeSpec;
import org.pyselect4j.core.TimerFd;
import org.pyselect4j.core.TimerSpec;
import org.pyselect4j.core.WaitHook;
import org.pyselect4j.seam.SeamHost;
import org.pyselect4j.seam.SelectCalls;

/**
 * What the Python glue ({@code _pyselect4j}) calls: one instance per context.
 * Arguments arrive already converted and checked as CPython does; results go
 * back as plain numbers or {@link IntArray}s. Core exceptions leave as Python
 * exceptions ({@link PythonErrors}).
 *
 * <p>Blocking waits sleep in the kernel and are woken when GraalPy has work
 * for their thread ({@link SafepointWaits}): they then call back into Python,
 * so that GraalPy runs pending signal handlers and cancellation, and wait
 * again with the time left; an exception from a handler ends the wait, as on
 * CPython.
 *
 * <p>The bridge remembers the epoll objects (and, on request, the timer
 * descriptors) its context creates, to close those still open when the context
 * ends: {@link #closeAll} runs at a normal close (from Python's exit hooks) and
 * when a cancellation of the context reaches a wait.
 */
public final class Bridge implements SeamHost {
    private final PythonErrors errors;
    private final WaitHook hook;
    /** The signals with a Python handler in this context; delivered to the thread that created the bridge. */
    private final Signals.Target signals = new Signals.Target(this::signalsArrived);
    /** Asks the main thread to run the glue's signal dispatch at its next safepoint; null until the glue sets it. */
    private volatile Runnable mainThreadDispatch;
    /** Python's main thread: the glue creates the bridge as the context starts, in it. */
    private final Thread mainThread = Thread.currentThread();
    private final Set<Epoll> epolls = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Timer descriptors to close with the context; null when the context keeps them, as CPython does. */
    private final Set<Integer> timerFds;

    /** The context's standard streams set through {@link PySelect4j#standardStreams}, by descriptor; null entries stay on it. */
    private final InputStream in;
    private final OutputStream[] outputs;

    private Bridge(Value builtins, Value checkpoint, Installation installation) {
        this.errors = new PythonErrors(builtins);
        boolean closeTimerFds = installation != null && installation.closeTimerFds;
        this.timerFds = closeTimerFds ? Collections.synchronizedSet(new HashSet<>()) : null;
        this.in = installation == null ? null : installation.in;
        this.outputs = installation == null ? new OutputStream[3]
                : new OutputStream[] {null, installation.out, installation.err};
        this.hook = new SafepointWaits(mainThread, signals, () -> {
            try {
                checkpoint.executeVoid();
            } catch (PolyglotException e) {
                if (e.isCancelled()) {
                    closeAll(); // the context is closing and will never run again
                }
                throw e;
            }
        });
    }

    /**
     * Called once by the glue as the context starts.
     *
     * @param checkpoint a Python function that does nothing: calling it lets GraalPy run what woke a wait
     * @param installationId what {@link PySelect4j} put in the context's environment, or null
     */
    @Export
    public static Bridge create(Value builtins, Value checkpoint, String installationId) {
        return new Bridge(builtins, checkpoint, Installation.byId(installationId));
    }

    /** How waits made by host calls block (the seam's: {@link #waitHook(Runnable)}). */
    WaitHook hostCallWaits() {
        return hook;
    }

    // What the seam (java/seam) asks of the binding, for the calls the glue makes through it.

    @Override
    public WaitHook waitHook(Runnable pendingWork) {
        return new SafepointWaits(mainThread, signals, pendingWork);
    }

    @Override
    public Value pythonException(RuntimeException e) {
        return errors.exception(e);
    }

    /** Whether the embedder gave descriptor {@code fd} (0, 1 or 2) a stream of its own. */
    @Export
    public boolean hasStandardStream(int fd) {
        return fd == 0 ? in != null : outputs[fd] != null;
    }

    /** Writes {@code bytes} (one Latin-1 character per byte) to the stream standing for descriptor 1 or 2. */
    @Export
    public void writeStandard(int fd, String bytes) {
        try {
            outputs[fd].write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw errors.ioError(e);
        }
    }

    @Export
    public void flushStandard(int fd) {
        try {
            outputs[fd].flush();
        } catch (IOException e) {
            throw errors.ioError(e);
        }
    }

    /** Up to {@code size} bytes (one Latin-1 character per byte) from the stream standing for descriptor 0; none at its end. */
    @Export
    public String readStandard(int size) {
        try {
            byte[] buffer = new byte[size];
            int count = in.read(buffer);
            return count <= 0 ? "" : new String(buffer, 0, count, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw errors.ioError(e);
        }
    }

    /**
     * Closes the epoll objects still open, and the timer descriptors when asked
     * to: the context is ending. A timer descriptor is closed only if its number
     * still names a timerfd, so that one the script closed itself, whose number
     * may now belong to another file, is left alone.
     */
    @Export
    @Override
    public void closeAll() {
        signals.releaseAll();
        for (Epoll epoll : takeAll(epolls)) {
            closeQuietly(epoll::close);
        }
        if (timerFds != null) {
            for (int fd : takeAll(timerFds)) {
                if (Fds.isTimerFd(fd)) {
                    closeQuietly(() -> Fds.close(fd));
                }
            }
        }
    }

    /** Empties a synchronized set, returning what it held. */
    private static <T> List<T> takeAll(Set<T> set) {
        synchronized (set) {
            List<T> all = new ArrayList<>(set);
            set.clear();
            return all;
        }
    }

    /** Nobody is left to report a failed close to while the context ends. */
    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (ErrnoException ignored) {
        }
    }

    /** Names and values of one constant family ("epoll", "poll", "timerfd", "clock"), flattened. */
    @Export
    public ProxyArray constants(String family) {
        var map = switch (family) {
            case "epoll" -> LinuxConstants.epollConstants();
            case "poll" -> LinuxConstants.pollConstants();
            case "timerfd" -> LinuxConstants.timerfdConstants();
            case "eventfd" -> LinuxConstants.eventfdConstants();
            case "clock" -> LinuxConstants.clockConstants();
            default -> throw new IllegalArgumentException(family);
        };
        Object[] pairs = new Object[map.size() * 2];
        int i = 0;
        for (var entry : map.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = Integer.toUnsignedLong(entry.getValue()); // EPOLLET is 1 << 31, positive in Python
        }
        return ProxyArray.fromArray(pairs);
    }

    @Export
    public long constant(String name) {
        return Integer.toUnsignedLong(LinuxConstants.get(name));
    }

    /** register()'s event mask when none is given: see {@link SelectCalls#DEFAULT_MASK}. */
    @Export
    public long defaultEventMask() {
        return SelectCalls.DEFAULT_MASK;
    }

    /**
     * The Java fast path of the common calls (see {@link FastCalls}).
     *
     * @param delegate what a call returns when the glue must do it in Python
     * @param notGiven what the glue passes for an argument not given
     * @param pair a Python callable making the tuple {@code (a, b)}
     * @param sequences an empty list and an empty tuple, whose types select() takes as they are
     */
    @Export
    public FastCalls fastCalls(Value delegate, Value notGiven, Value pair, Value sequences) {
        return new FastCalls(this, errors, delegate, notGiven, pair, sequences);
    }

    // signal: CPython's delivery (see _signals.py and Signals)

    /** Catches {@code signum} for a Python handler; {@code restart}: SA_RESTART (siginterrupt's flag, negated). */
    @Export
    public void signalHandle(int signum, boolean restart) {
        python(() -> signals.handle(signum, restart));
    }

    /** Gives {@code signum} back to the JVM's (GraalPy's) handling, if this context caught it. */
    @Export
    public void signalRelease(int signum) {
        python(() -> signals.release(signum));
    }

    @Export
    public boolean signalCatches(int signum) {
        return signals.catches(signum);
    }

    /** The signals that arrived since the last call, bit {@code signum - 1} each. */
    @Export
    public long signalsTakePending() {
        return signals.takePending();
    }

    /** Signals taken but not handled (a handler raised before their turn): pending again, dispatched again. */
    @Export
    public void signalsPutBack(long pending) {
        signals.putBack(pending);
        signalsArrived();
    }

    /** @return the previous wake-up fd, or -1 */
    @Export
    public int signalSetWakeupFd(int fd, boolean warnOnFullBuffer) {
        return signals.setWakeupFd(fd, warnOnFullBuffer);
    }

    /** Whether the process ignores {@code signum}, as one that came ignored from its parent. */
    @Export
    public boolean signalIsIgnored(int signum) {
        return python(() -> Signals.isIgnored(signum));
    }

    @Export
    public void signalRaise(int signum) {
        python(() -> Signals.raise(signum));
    }

    /** The errno of a failed write to the wake-up fd to report, or 0. */
    @Export
    public int signalWakeupError() {
        return Signals.takeWakeupError();
    }

    /**
     * @param dispatch a Java {@link Runnable} (from the seam language's
     *     {@code mainThreadCall}) that makes the main thread run the glue's dispatch
     */
    @Export
    public void signalDelivery(Value dispatch) {
        mainThreadDispatch = dispatch.asHostObject();
    }

    /** On the dispatcher thread: a main thread blocked in a wait is woken by Signals itself; one running Python code is asked here. */
    private void signalsArrived() {
        Runnable dispatch = mainThreadDispatch;
        if (dispatch != null) {
            dispatch.run();
        }
    }

    // select.epoll

    @Export
    public Epoll epollCreate() {
        return remember(python(() -> Epoll.create()));
    }

    @Export
    public Epoll epollFromFd(int fd) {
        return remember(python(() -> Epoll.fromFd(fd)));
    }

    private Epoll remember(Epoll epoll) {
        epolls.add(epoll);
        return epoll;
    }

    @Export
    public int epollFileno(Epoll epoll) {
        return python(() -> epoll.fileno());
    }

    @Export
    public boolean epollIsClosed(Epoll epoll) {
        return epoll.isClosed();
    }

    @Export
    public void epollClose(Epoll epoll) {
        epolls.remove(epoll);
        python(() -> epoll.close());
    }

    // The registrations and waits of epoll and poll objects, with the arguments the glue
    // converted (its slow path): the plain calls are FastCalls' or the seam's.

    /** Registers fd for the events (an unsigned 32-bit mask). */
    @Export
    public void epollRegister(Epoll epoll, int fd, long events) {
        python(() -> epoll.register(fd, (int) events));
    }

    @Export
    public void epollModify(Epoll epoll, int fd, long events) {
        python(() -> epoll.modify(fd, (int) events));
    }

    @Export
    public void epollUnregister(Epoll epoll, int fd) {
        python(() -> epoll.unregister(fd));
    }

    /** Ready (fd, events) pairs, flattened; null when none is ready. */
    @Export
    public IntArray epollPollNs(Epoll epoll, long timeoutNs, int maxEvents) {
        return python(() -> numbers(epoll.poll(timeoutNs, maxEvents, hook).flatten()));
    }

    // select.poll

    @Export
    public Poll pollCreate() {
        return new Poll();
    }

    @Export
    public void pollRegister(Poll poll, int fd, int events) {
        python(() -> poll.register(fd, events));
    }

    @Export
    public void pollModify(Poll poll, int fd, int events) {
        python(() -> poll.modify(fd, events));
    }

    /** Whether fd was registered. */
    @Export
    public boolean pollUnregister(Poll poll, int fd) {
        return python(() -> poll.unregister(fd));
    }

    @Export
    public IntArray pollPollNs(Poll poll, long timeoutNs) {
        return python(() -> numbers(poll.poll(timeoutNs, hook).flatten()));
    }

    // select.select

    /**
     * The indexes of the ready entries of each list, {@link SelectCalls#counted},
     * for the fds the glue converted; null when none is ready.
     */
    @Export
    public IntArray selectFds(int[] read, int[] write, int[] except, long timeoutNs) {
        SelectResult ready = python(() -> Select.select(read, write, except, timeoutNs, hook));
        return numbers(SelectCalls.counted(ready.readIndexes(), ready.writeIndexes(), ready.exceptIndexes()));
    }

    // os.timerfd_*

    @Export
    public int timerfdCreate(int clockid, int flags) {
        try {
            return createTimerFd(clockid, flags);
        } catch (ErrnoException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int createTimerFd(int clockid, int flags) {
        int fd = TimerFd.create(clockid, flags);
        if (timerFds != null) {
            timerFds.add(fd);
        }
        return fd;
    }

    /** Arms the timer; returns the previous setting as [initial sec, nsec, interval sec, nsec]. */
    @Export
    public IntArray timerfdSetTime(int fd, int flags, long initialNs, long intervalNs) {
        TimeSpec initial = TimeSpec.ofNanos(initialNs);
        TimeSpec interval = TimeSpec.ofNanos(intervalNs);
        return python(() -> spec(TimerFd.setTime(fd, flags, initial.sec(), initial.nsec(),
                interval.sec(), interval.nsec())));
    }

    @Export
    public IntArray timerfdGetTime(int fd) {
        return python(() -> spec(TimerFd.getTime(fd)));
    }

    // os.eventfd*, os.pidfd_open, os.pipe2

    /** @param initval 0 to 2**32 - 1 */
    @Export
    public int eventfdCreate(long initval, int flags) {
        return python(() -> EventFd.create((int) initval, flags));
    }

    /** The counter, an unsigned 64-bit value carried in a long. */
    @Export
    public long eventfdRead(int fd) {
        return python(() -> EventFd.read(fd, hook));
    }

    /** @param value an unsigned 64-bit value carried in a long */
    @Export
    public void eventfdWrite(int fd, long value) {
        python(() -> EventFd.write(fd, value));
    }

    /** @param flags 0 to 2**32 - 1 */
    @Export
    public int pidfdOpen(int pid, long flags) {
        return python(() -> PidFd.open(pid, (int) flags));
    }

    /** [read end, write end]. */
    @Export
    public IntArray pipe2(int flags) {
        int[] ends = python(() -> Fds.pipe2(flags));
        return IntArray.of(ends[0], ends[1]);
    }

    // time.clock_*

    @Export
    public IntArray clockGetTime(int clockid) {
        return python(() -> time(Clocks.gettime(clockid)));
    }

    @Export
    public IntArray clockGetRes(int clockid) {
        return python(() -> time(Clocks.getres(clockid)));
    }

    /** Sets a clock to a time in nanoseconds since the epoch. */
    @Export
    public void clockSetTime(int clockid, long ns) {
        python(() -> Clocks.settime(clockid, TimeSpec.ofNanos(ns)));
    }

    /** The calling thread's CPU-time clock id (the glue checks that the thread asked for is the caller). */
    @Export
    public int threadCpuClock() {
        return python(() -> Clocks.threadCpuClock());
    }

    /** Runs a core operation; its exceptions leave as the Python exceptions CPython raises. */
    <T> T python(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    private void python(Runnable operation) {
        python(() -> {
            operation.run();
            return null;
        });
    }

    /**
     * Unsigned numbers for the glue (a wait's ready pairs flattened, select's
     * fds), or null when there are none (Python sees None, asking nothing of the host).
     */
    static IntArray numbers(int[] numbers) {
        if (numbers.length == 0) {
            return null;
        }
        long[] unsigned = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            unsigned[i] = Integer.toUnsignedLong(numbers[i]); // event masks are unsigned: EPOLLET is 1 << 31
        }
        return IntArray.of(unsigned);
    }

    private static IntArray spec(TimerSpec spec) {
        return IntArray.of(spec.initialSec(), spec.initialNsec(), spec.intervalSec(), spec.intervalNsec());
    }

    private static IntArray time(TimeSpec time) {
        return IntArray.of(time.sec(), time.nsec());
    }
}
