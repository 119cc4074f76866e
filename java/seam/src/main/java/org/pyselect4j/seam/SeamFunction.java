package org.pyselect4j.seam;

import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.ReadyList;
import org.pyselect4j.core.TimerFd;
import org.pyselect4j.core.TimerSpec;
import org.pyselect4j.core.WaitHook;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * One core operation as an executable object. The arguments arrive converted
 * by the glue; the result is a number, an {@link LongArray} or {@link Nothing}.
 * Only the happy path is wired: core exceptions are not translated (spike).
 */
@ExportLibrary(InteropLibrary.class)
final class SeamFunction implements TruffleObject {
    static final SeamFunction EPOLL_CREATE = new SeamFunction(0);
    static final SeamFunction EPOLL_POLL = new SeamFunction(1);
    static final SeamFunction TIMERFD_GETTIME = new SeamFunction(2);

    final int operation;

    private SeamFunction(int operation) {
        this.operation = operation;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments, @CachedLibrary(limit = "3") InteropLibrary numbers)
            throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
        switch (operation) {
            case 0:
                return new SeamEpoll(Epoll.create());
            case 1: {
                if (arguments.length != 3) {
                    throw ArityException.create(3, 3, arguments.length);
                }
                if (!(arguments[0] instanceof SeamEpoll epoll)) {
                    throw UnsupportedTypeException.create(arguments);
                }
                return poll(epoll.core, numbers.asLong(arguments[1]), numbers.asInt(arguments[2]));
            }
            default: {
                if (arguments.length != 1) {
                    throw ArityException.create(1, 1, arguments.length);
                }
                return getTime(numbers.asInt(arguments[0]));
            }
        }
    }

    @TruffleBoundary
    private static Object poll(Epoll epoll, long timeoutNs, int maxEvents) {
        ReadyList ready = epoll.poll(timeoutNs, maxEvents, WaitHook.NONE);
        if (ready.size() == 0) {
            return Nothing.INSTANCE;
        }
        long[] flat = new long[ready.size() * 2];
        for (int i = 0; i < ready.size(); i++) {
            flat[2 * i] = ready.fd(i);
            flat[2 * i + 1] = Integer.toUnsignedLong(ready.events(i));
        }
        return new LongArray(flat);
    }

    @TruffleBoundary
    private static Object getTime(int fd) {
        TimerSpec spec = TimerFd.getTime(fd);
        return new LongArray(new long[] {spec.initialSec(), spec.initialNsec(), spec.intervalSec(), spec.intervalNsec()});
    }
}
