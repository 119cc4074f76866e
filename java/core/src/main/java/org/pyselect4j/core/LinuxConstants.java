package org.pyselect4j.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pyselect4j.jni.Native;

/**
 * The kernel header values, read from the native library so that none is
 * hard-coded in Java.
 *
 * <p>The family maps hold exactly the names CPython 3.13 exposes on Linux:
 * {@link #epollConstants()} and {@link #pollConstants()} in {@code select},
 * {@link #timerfdConstants()} in {@code os}, {@link #clockConstants()} in
 * {@code time}. {@link #all()} adds {@code FD_SETSIZE}, {@code PIPE_BUF} and the
 * errno values ({@code EINTR}...). {@link #get} also knows the core's internal
 * values (epoll_ctl operations, fcntl flags, structure layouts).
 */
public final class LinuxConstants {
    private static final String INTERNAL = "internal";
    private static final Map<String, Map<String, Integer>> FAMILIES = readFamilies();
    private static final Map<String, Integer> PUBLIC = merge(false);
    private static final Map<String, Integer> EVERY = merge(true);

    public static final int FD_SETSIZE = get("FD_SETSIZE");
    public static final int PIPE_BUF = get("PIPE_BUF");

    public static final int EPOLLIN = get("EPOLLIN");
    public static final int EPOLLOUT = get("EPOLLOUT");
    public static final int EPOLL_CLOEXEC = get("EPOLL_CLOEXEC");
    public static final int POLLIN = get("POLLIN");
    public static final int POLLOUT = get("POLLOUT");
    public static final int POLLPRI = get("POLLPRI");
    public static final int POLLNVAL = get("POLLNVAL");
    public static final int TFD_NONBLOCK = get("TFD_NONBLOCK");
    public static final int TFD_CLOEXEC = get("TFD_CLOEXEC");
    public static final int TFD_TIMER_ABSTIME = get("TFD_TIMER_ABSTIME");
    public static final int CLOCK_REALTIME = get("CLOCK_REALTIME");
    public static final int CLOCK_MONOTONIC = get("CLOCK_MONOTONIC");

    public static final int EPERM = get("EPERM");
    public static final int ENOENT = get("ENOENT");
    public static final int EINTR = get("EINTR");
    public static final int EBADF = get("EBADF");
    public static final int EAGAIN = get("EAGAIN");
    public static final int EEXIST = get("EEXIST");
    public static final int EINVAL = get("EINVAL");
    public static final int ESRCH = get("ESRCH");

    private LinuxConstants() {
    }

    /**
     * @throws IllegalArgumentException if the native library has no such constant
     */
    public static int get(String name) {
        Integer value = EVERY.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no Linux constant named " + name);
        }
        return value;
    }

    /** Every family map below, plus FD_SETSIZE, PIPE_BUF and the errno values. */
    public static Map<String, Integer> all() {
        return PUBLIC;
    }

    public static Map<String, Integer> epollConstants() {
        return family("epoll");
    }

    public static Map<String, Integer> pollConstants() {
        return family("poll");
    }

    public static Map<String, Integer> timerfdConstants() {
        return family("timerfd");
    }

    public static Map<String, Integer> eventfdConstants() {
        return family("eventfd");
    }

    public static Map<String, Integer> clockConstants() {
        return family("clock");
    }

    /** The errno values the core uses or reports, by name (EINTR, EBADF...). */
    public static Map<String, Integer> errnoConstants() {
        return family("errno");
    }

    private static Map<String, Integer> family(String name) {
        return FAMILIES.getOrDefault(name, Map.of());
    }

    private static Map<String, Map<String, Integer>> readFamilies() {
        String[] taggedNames = Native.constantNames().split(" ");
        ByteBuffer values = ByteBuffer.allocateDirect(taggedNames.length * Integer.BYTES)
                .order(ByteOrder.nativeOrder());
        int count = Native.constantValues(Native.address(values), taggedNames.length);
        if (count != taggedNames.length) {
            throw new IllegalStateException("native library reports " + count + " constant values for "
                    + taggedNames.length + " names");
        }
        Map<String, Map<String, Integer>> families = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String[] familyAndName = taggedNames[i].split(":", 2);
            families.computeIfAbsent(familyAndName[0], family -> new LinkedHashMap<>())
                    .put(familyAndName[1], values.getInt(i * Integer.BYTES));
        }
        families.replaceAll((family, constants) -> Collections.unmodifiableMap(constants));
        return Collections.unmodifiableMap(families);
    }

    private static Map<String, Integer> merge(boolean withInternal) {
        Map<String, Integer> merged = new LinkedHashMap<>();
        FAMILIES.forEach((family, constants) -> {
            if (withInternal || !family.equals(INTERNAL)) {
                merged.putAll(constants);
            }
        });
        return Collections.unmodifiableMap(merged);
    }
}
