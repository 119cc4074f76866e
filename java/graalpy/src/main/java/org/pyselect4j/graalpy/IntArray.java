package org.pyselect4j.graalpy;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Read-only Java numbers ({@code long}s) seen from Python as a sequence,
 * whatever host access the embedder allows.
 */
final class IntArray implements ProxyArray {
    private final long[] values;

    private IntArray(long[] values) {
        this.values = values;
    }

    static IntArray of(long... values) {
        return new IntArray(values);
    }

    @Override
    public Object get(long index) {
        return values[(int) index];
    }

    @Override
    public void set(long index, Value value) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public long getSize() {
        return values.length;
    }
}
