package org.pyselect4j.seam;

import org.pyselect4j.core.ReadyList;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * The (fd, events) pairs a poll reported, flattened (fd, events, fd, events,
 * ...), as an array Python reads inline. Each number is boxed as Python reads
 * it, in compiled code, rather than all of them ahead behind the boundary; most
 * are small enough for {@link Integer}'s cache. Event masks are unsigned: one
 * with the top bit set is read as a {@code long}.
 */
@ExportLibrary(InteropLibrary.class)
final class ReadyPairs implements TruffleObject {
    private final ReadyList ready;

    ReadyPairs(ReadyList ready) {
        this.ready = ready;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return 2L * ready.size();
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < getArraySize();
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        int pair = (int) (index >>> 1);
        if ((index & 1) == 0) {
            return ready.fd(pair);
        }
        int events = ready.events(pair);
        return events >= 0 ? (Object) events : (Object) Integer.toUnsignedLong(events);
    }
}
