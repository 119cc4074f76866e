package org.pyselect4j.graalpy;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.pyselect4j.core.Clocks;
import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.Poll;
import org.pyselect4j.core.ReadyList;
import org.pyselect4j.core.Select;
import org.pyselect4j.core.SelectResult;
import org.pyselect4j.core.TimeSpec;
import org.pyselect4j.core.TimerFd;
import org.pyselect4j.core.TimerSpec;
import org.pyselect4j.core.WaitHook;
import org.pyselect4j.core.WaitInterruptedException;

/**
 * What the Python glue ({@code _pyselect4j}) calls: one instance per context.
 * Arguments arrive already converted and checked as CPython does; results go
 * back as plain numbers or {@link IntArray}s. Core exceptions leave as Python
 * exceptions ({@link PythonErrors}).
 *
 * <p>Blocking waits call back into Python at every checkpoint, so that GraalPy
 * runs pending signal handlers and honours cancellation during the wait; an
 * exception from a handler ends the wait, as on CPython.
 */
public final class Bridge {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final PythonErrors errors;
    private final WaitHook hook;

    private Bridge(Value builtins, Value checkpoint) {
        this.errors = new PythonErrors(builtins);
        this.hook = () -> {
            checkpoint.executeVoid();
            if (Thread.interrupted()) {
                throw new WaitInterruptedException();
            }
        };
    }

    /** Called once by the glue as the context starts. */
    @Export
    public static Bridge create(Value builtins, Value checkpoint) {
        return new Bridge(builtins, checkpoint);
    }

    /** Names and values of one constant family ("epoll", "poll", "timerfd", "clock"), flattened. */
    @Export
    public ProxyArray constants(String family) {
        var map = switch (family) {
            case "epoll" -> LinuxConstants.epollConstants();
            case "poll" -> LinuxConstants.pollConstants();
            case "timerfd" -> LinuxConstants.timerfdConstants();
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

    // select.epoll

    @Export
    public Epoll epollCreate() {
        try {
            return Epoll.create();
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public Epoll epollFromFd(int fd) {
        return Epoll.fromFd(fd);
    }

    @Export
    public int epollFileno(Epoll epoll) {
        try {
            return epoll.fileno();
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public boolean epollIsClosed(Epoll epoll) {
        return epoll.isClosed();
    }

    @Export
    public void epollClose(Epoll epoll) {
        try {
            epoll.close();
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public void epollRegister(Epoll epoll, int fd, int events) {
        try {
            epoll.register(fd, events);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public void epollModify(Epoll epoll, int fd, int events) {
        try {
            epoll.modify(fd, events);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public void epollUnregister(Epoll epoll, int fd) {
        try {
            epoll.unregister(fd);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    /** Ready (fd, events) pairs, flattened. */
    @Export
    public IntArray epollPoll(Epoll epoll, long timeoutNs, int maxEvents) {
        try {
            return pairs(epoll.poll(timeoutNs, maxEvents, hook));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    // select.poll

    @Export
    public Poll pollCreate() {
        return new Poll();
    }

    @Export
    public void pollRegister(Poll poll, int fd, int events) {
        poll.register(fd, events);
    }

    @Export
    public void pollModify(Poll poll, int fd, int events) {
        try {
            poll.modify(fd, events);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public boolean pollUnregister(Poll poll, int fd) {
        return poll.unregister(fd);
    }

    @Export
    public IntArray pollPoll(Poll poll, long timeoutNs) {
        try {
            return pairs(poll.poll(timeoutNs, hook));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    // select.select

    /** Indexes of the ready entries of each list: [read, write, except]. */
    @Export
    public ProxyArray select(int[] read, int[] write, int[] except, long timeoutNs) {
        try {
            SelectResult ready = Select.select(read, write, except, timeoutNs, hook);
            return ProxyArray.fromArray(IntArray.of(ready.readIndexes()),
                    IntArray.of(ready.writeIndexes()), IntArray.of(ready.exceptIndexes()));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    // os.timerfd_*

    @Export
    public int timerfdCreate(int clockid, int flags) {
        try {
            return TimerFd.create(clockid, flags);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    /** Arms the timer; returns the previous setting as [initial sec, nsec, interval sec, nsec]. */
    @Export
    public IntArray timerfdSetTime(int fd, int flags, long initialNs, long intervalNs) {
        try {
            return spec(TimerFd.setTime(fd, flags,
                    Math.floorDiv(initialNs, NANOS_PER_SECOND), Math.floorMod(initialNs, NANOS_PER_SECOND),
                    Math.floorDiv(intervalNs, NANOS_PER_SECOND), Math.floorMod(intervalNs, NANOS_PER_SECOND)));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public IntArray timerfdGetTime(int fd) {
        try {
            return spec(TimerFd.getTime(fd));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    // time.clock_*

    @Export
    public IntArray clockGetTime(int clockid) {
        try {
            return time(Clocks.gettime(clockid));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Export
    public IntArray clockGetRes(int clockid) {
        try {
            return time(Clocks.getres(clockid));
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    private static IntArray pairs(ReadyList ready) {
        long[] flat = new long[ready.size() * 2];
        for (int i = 0; i < ready.size(); i++) {
            flat[2 * i] = ready.fd(i);
            flat[2 * i + 1] = Integer.toUnsignedLong(ready.events(i)); // event masks are unsigned
        }
        return IntArray.of(flat);
    }

    private static IntArray spec(TimerSpec spec) {
        return IntArray.of(spec.initialSec(), spec.initialNsec(), spec.intervalSec(), spec.intervalNsec());
    }

    private static IntArray time(TimeSpec time) {
        return IntArray.of(time.sec(), time.nsec());
    }
}
