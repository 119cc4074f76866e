package org.pyselect4j.seam;

import org.pyselect4j.core.Epoll;

import com.oracle.truffle.api.interop.TruffleObject;

/** A core epoll handed to Python as an opaque object of the seam. */
final class SeamEpoll implements TruffleObject {
    final Epoll core;

    SeamEpoll(Epoll core) {
        this.core = core;
    }
}
