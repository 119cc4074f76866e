package org.pyselect4j.seam;

import java.nio.ByteOrder;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * Unsigned 32-bit numbers the seam hands back in bulk: a poll's (fd, events)
 * pairs flattened, select's indexes. Python can read it as an array, but the
 * glue copies it at once into a {@code bytearray} ({@code copyInts}, see
 * {@link #copyInto}) and reads that: compiled Python reads a foreign array's
 * element in about 20 ns, its own bytes in a fraction of that.
 */
@ExportLibrary(InteropLibrary.class)
final class UnsignedInts implements TruffleObject {
    /** The order of Python's {@code memoryview.cast("I")} and {@code array("i")}. */
    static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final int[] values;

    UnsignedInts(int[] values) {
        this.values = values;
    }

    /**
     * Writes the numbers into {@code buffer}, a writable buffer of at least 4
     * bytes per number (the glue's bytearray), through {@code buffers}: called
     * from compiled code, where the engine inlines the writes. Returns false,
     * having written nothing, when {@code buffer} is not such a buffer.
     */
    boolean copyInto(Object buffer, InteropLibrary buffers)
            throws UnsupportedMessageException, InvalidBufferOffsetException {
        // Checked here: GraalPy 25's bytearray answers a write past its end with an internal error.
        if (!buffers.hasBufferElements(buffer) || !buffers.isBufferWritable(buffer)
                || buffers.getBufferSize(buffer) < 4L * values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            buffers.writeBufferInt(buffer, NATIVE, 4L * i, values[i]);
        }
        return true;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return values.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < values.length;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        int value = values[(int) index];
        return value >= 0 ? (Object) value : (Object) Integer.toUnsignedLong(value);
    }
}
