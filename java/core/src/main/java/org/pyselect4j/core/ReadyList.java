package org.pyselect4j.core;

import java.util.Arrays;
import java.util.Objects;

/** The (fd, events) pairs a poll reported, in the order it reported them. */
public final class ReadyList {
    private final int[] fdsAndEvents;
    private final int size;

    private ReadyList(int size) {
        this.size = size;
        this.fdsAndEvents = new int[2 * size];
    }

    /** An empty list for {@code size} entries, to be filled by {@link #set} before anyone reads it. */
    static ReadyList ofSize(int size) {
        return new ReadyList(size);
    }

    void set(int index, int fd, int events) {
        fdsAndEvents[2 * index] = fd;
        fdsAndEvents[2 * index + 1] = events;
    }

    public int size() {
        return size;
    }

    public int fd(int index) {
        return fdsAndEvents[2 * Objects.checkIndex(index, size)];
    }

    public int events(int index) {
        return fdsAndEvents[2 * Objects.checkIndex(index, size) + 1];
    }

    /** The pairs flattened, {@code fd, events, fd, events, ...}: a new array of {@code 2 * size()} ints. */
    public int[] flatten() {
        return Arrays.copyOf(fdsAndEvents, 2 * size);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "(" : ", (").append(fd(i)).append(", ").append(events(i)).append(')');
        }
        return text.append(']').toString();
    }
}
