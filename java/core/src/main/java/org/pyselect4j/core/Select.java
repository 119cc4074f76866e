package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import org.pyselect4j.jni.Native;

/** CPython's {@code select.select} over select(2). */
public final class Select {
    private static final int SET_COUNT = 3;
    private static final int SETS_BYTES = SET_COUNT * Layout.FD_SET_SIZE;
    private static final byte[] EMPTY_SETS = new byte[SETS_BYTES];

    private Select() {
    }

    /**
     * Waits until an fd of {@code read} is readable, of {@code write} writable or
     * of {@code except} has an exceptional condition.
     *
     * @param timeoutNs negative waits until ready, 0 does not block
     * @throws IllegalArgumentException before any system call if an fd is outside 0..FD_SETSIZE-1
     */
    public static SelectResult select(int[] read, int[] write, int[] except, long timeoutNs, WaitHook hook) {
        Objects.requireNonNull(hook, "hook");
        int[][] fdArrays = {read, write, except};
        int nfds = checkedNfds(fdArrays);
        // The first three fd_sets hold the request; select(2) overwrites the other three,
        // so each retry starts from a fresh copy of the request.
        try (ScratchBuffer scratch = ScratchBuffer.take(2 * SETS_BYTES)) {
            ByteBuffer sets = scratch.buffer();
            long requested = scratch.address();
            long results = requested + SETS_BYTES;
            sets.put(0, EMPTY_SETS);
            for (int set = 0; set < SET_COUNT; set++) {
                for (int fd : fdArrays[set]) {
                    Errors.check(Native.fdSetAdd(requested + (long) set * Layout.FD_SET_SIZE, fd));
                }
            }
            int ready = Blocking.run(timeoutNs, hook, (waitNs, wakeFd) -> {
                sets.put(SETS_BYTES, sets, 0, SETS_BYTES);
                if (wakeFd == Blocking.NO_WAKE_FD) {
                    return selectResults(nfds, results, 0);
                }
                if (wakeFd >= LinuxConstants.FD_SETSIZE) {
                    return waitThenSelect(fdArrays, wakeFd, waitNs, () -> {
                        sets.put(SETS_BYTES, sets, 0, SETS_BYTES);
                        return selectResults(nfds, results, 0);
                    });
                }
                Errors.check(Native.fdSetAdd(results, wakeFd));
                int rc = selectResults(Math.max(nfds, wakeFd + 1), results, Blocking.ceilMicros(waitNs));
                if (rc > 0 && Errors.check(Native.fdSetContains(results, wakeFd)) == 1) {
                    return Blocking.WOKEN;
                }
                return rc;
            });
            int[][] readyIndexes = new int[SET_COUNT][];
            for (int set = 0; set < SET_COUNT; set++) {
                long resultSet = results + (long) set * Layout.FD_SET_SIZE;
                int[] fds = fdArrays[set];
                readyIndexes[set] = ready == 0 ? new int[0]
                        : IntStream.range(0, fds.length)
                                .filter(index -> Errors.check(Native.fdSetContains(resultSet, fds[index])) == 1)
                                .toArray();
            }
            return new SelectResult(readyIndexes[0], readyIndexes[1], readyIndexes[2]);
        }
    }

    private static int selectResults(int nfds, long results, long timeoutUs) {
        return Native.select(nfds, results, results + Layout.FD_SET_SIZE, results + 2L * Layout.FD_SET_SIZE, timeoutUs);
    }

    /**
     * For a waker whose descriptor does not fit an fd_set: poll(2) waits for the
     * select's conditions or the waker, then {@code harvest} runs select(2)
     * without blocking. A condition poll reports but select ignores (a hang-up
     * of an fd asked only for writing) makes this loop until the timeout.
     */
    private static int waitThenSelect(int[][] fdArrays, int wakeFd, long waitNs, IntSupplier harvest) {
        int[] conditions = {LinuxConstants.POLLIN, LinuxConstants.POLLOUT, LinuxConstants.POLLPRI};
        int count = 0;
        for (int[] fds : fdArrays) {
            count += fds.length;
        }
        try (ScratchBuffer scratch = ScratchBuffer.take((count + 1) * Layout.POLLFD_SIZE)) {
            PollFds pollfds = new PollFds(scratch.buffer(), scratch.address(), 0);
            int index = 0;
            for (int set = 0; set < SET_COUNT; set++) {
                for (int fd : fdArrays[set]) {
                    pollfds.set(index++, fd, conditions[set]);
                }
            }
            pollfds.set(count, wakeFd, LinuxConstants.POLLIN);
            int rc = Native.poll(pollfds.address(), count + 1, Blocking.ceilMillis(waitNs));
            if (rc <= 0) {
                return rc;
            }
            return pollfds.revents(count) != 0 ? Blocking.WOKEN : harvest.getAsInt();
        }
    }

    /** One more than the highest fd, after checking that every fd fits an fd_set. */
    private static int checkedNfds(int[][] fdArrays) {
        int nfds = 0;
        for (int[] fds : fdArrays) {
            for (int fd : fds) {
                if (fd < 0 || fd >= LinuxConstants.FD_SETSIZE) {
                    throw new IllegalArgumentException("descriptor " + fd + " does not fit an fd_set");
                }
                nfds = Math.max(nfds, fd + 1);
            }
        }
        return nfds;
    }
}
