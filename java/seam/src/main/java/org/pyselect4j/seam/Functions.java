package org.pyselect4j.seam;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The seam's entry points, read once by the glue: one member per {@link SeamFunction}, by its name. */
@ExportLibrary(InteropLibrary.class)
final class Functions implements TruffleObject {
    static final Functions INSTANCE = new Functions();

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        SeamFunction[] functions = SeamFunction.values();
        Object[] names = new Object[functions.length];
        for (int i = 0; i < functions.length; i++) {
            names[i] = functions[i].memberName;
        }
        return new ReadOnlyArray(names);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return SeamFunction.named(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        SeamFunction function = SeamFunction.named(member);
        if (function == null) {
            throw UnknownIdentifierException.create(member);
        }
        return function.executable;
    }
}
