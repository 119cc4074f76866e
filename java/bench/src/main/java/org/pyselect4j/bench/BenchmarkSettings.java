package org.pyselect4j.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run configuration every benchmark class inherits: nanoseconds per
 * operation, short enough for a busy 2-core machine (one fork, 3 x 1 s
 * warm-up, 5 x 1 s measured). Command-line options override it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // the core calls System.load
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class BenchmarkSettings {
    /** Events one epoll wait may return: NIO's selector asks the kernel for up to 1024 at a time too. */
    static final int MAX_EVENTS = 1024;
    static final int[] NO_FDS = new int[0];

    /** Fails the set-up when a workload is not what it claims to be, so no run measures the wrong thing. */
    static void expectReady(String what, int expected, int actual) {
        if (actual != expected) {
            throw new IllegalStateException(what + " reported " + actual + " ready fds, expected " + expected);
        }
    }
}
