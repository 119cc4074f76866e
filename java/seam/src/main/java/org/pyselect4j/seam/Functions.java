package org.pyselect4j.seam;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The seam's entry points, read once by the glue: {@code epollCreate}, {@code epollPoll}, {@code timerfdGettime}, and
 * {@code mainThreadCall} ({@link MainThreadCalls}), which delivers signals. */
@ExportLibrary(InteropLibrary.class)
final class Functions implements TruffleObject {
    static final Functions INSTANCE = new Functions();
    private static final String[] NAMES = {"epollCreate", "epollPoll", "timerfdGettime", "mainThreadCall"};

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        return new LongArray(new long[0]); // names are not listed: the glue knows them
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return java.util.Arrays.asList(NAMES).contains(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        return switch (member) {
            case "epollCreate" -> SeamFunction.EPOLL_CREATE;
            case "epollPoll" -> SeamFunction.EPOLL_POLL;
            case "timerfdGettime" -> SeamFunction.TIMERFD_GETTIME;
            case "mainThreadCall" -> MainThreadCalls.INSTANCE;
            default -> throw UnknownIdentifierException.create(member);
        };
    }
}
