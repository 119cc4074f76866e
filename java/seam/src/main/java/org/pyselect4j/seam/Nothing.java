package org.pyselect4j.seam;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The seam's null: Python sees None. */
@ExportLibrary(InteropLibrary.class)
final class Nothing implements TruffleObject {
    static final Nothing INSTANCE = new Nothing();

    @ExportMessage
    boolean isNull() {
        return true;
    }
}
