package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;

import org.pyselect4j.jni.Native;

/** CPython's {@code select.select} over select(2). */
public final class Select {
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
        checkFitFdSets(fdArrays);
        int count = read.length + write.length + except.length;
        // Native memory: the waker's slot, then the three lists, as int32s; then one ready flag for each.
        try (ScratchBuffer scratch = ScratchBuffer.take((count + 1) * (Integer.BYTES + 1))) {
            ByteBuffer buffer = scratch.buffer();
            int flagsOffset = (count + 1) * Integer.BYTES;
            IntBuffer fdSlots = buffer.slice(Integer.BYTES, count * Integer.BYTES).order(buffer.order()).asIntBuffer();
            for (int[] fds : fdArrays) {
                fdSlots.put(fds); // one copy per list, not a bounds-checked store per fd
            }
            Lists lists = new Lists(scratch.address(), scratch.address() + flagsOffset, read.length, write.length,
                    except.length);
            int ready = Blocking.run(timeoutNs, hook, (waitNs, wakeFd) -> {
                if (wakeFd == Blocking.NO_WAKE_FD) {
                    return lists.select(0);
                }
                if (wakeFd >= LinuxConstants.FD_SETSIZE) {
                    return waitThenSelect(fdArrays, wakeFd, waitNs, () -> lists.select(0));
                }
                buffer.putInt(0, wakeFd);
                int rc = lists.selectWithWaker(Blocking.ceilMicros(waitNs));
                return rc > 0 && buffer.get(flagsOffset) == 1 ? Blocking.WOKEN : rc;
            });
            byte[] flags = new byte[ready == 0 ? 0 : count];
            buffer.get(flagsOffset + 1, flags);
            int[][] readyIndexes = new int[fdArrays.length][];
            int flag = 0;
            for (int set = 0; set < fdArrays.length; set++) {
                int[] indexes = new int[ready == 0 ? 0 : fdArrays[set].length];
                int found = 0;
                for (int index = 0; index < indexes.length; index++) {
                    if (flags[flag + index] == 1) {
                        indexes[found++] = index;
                    }
                }
                flag += indexes.length;
                readyIndexes[set] = Arrays.copyOf(indexes, found);
            }
            return new SelectResult(readyIndexes[0], readyIndexes[1], readyIndexes[2]);
        }
    }

    /**
     * The three lists in native memory, after a slot for the waker (at
     * {@code fds}), and their ready flags (at {@code flags}, the waker's first).
     */
    private record Lists(long fds, long flags, int readCount, int writeCount, int exceptCount) {
        int select(long timeoutUs) {
            return Native.selectFds(fds + Integer.BYTES, readCount, writeCount, exceptCount, flags + 1, timeoutUs);
        }

        /** With the waker's slot as the first descriptor to read. */
        int selectWithWaker(long timeoutUs) {
            return Native.selectFds(fds, readCount + 1, writeCount, exceptCount, flags, timeoutUs);
        }
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
            for (int set = 0; set < fdArrays.length; set++) {
                for (int fd : fdArrays[set]) {
                    pollfds.set(index++, fd, conditions[set]);
                }
            }
            int rc = pollfds.pollWithWaker(count, wakeFd, waitNs);
            return rc <= 0 ? rc : harvest.getAsInt();
        }
    }

    private static void checkFitFdSets(int[][] fdArrays) {
        for (int[] fds : fdArrays) {
            for (int fd : fds) {
                if (fd < 0 || fd >= LinuxConstants.FD_SETSIZE) {
                    throw new IllegalArgumentException("descriptor " + fd + " does not fit an fd_set");
                }
            }
        }
    }
}
