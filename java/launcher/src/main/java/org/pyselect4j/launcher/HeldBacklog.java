package org.pyselect4j.launcher;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The compilations queued while {@link StartupCompilationGate} held them, and
 * which of them went stale meanwhile: code that was hot during start-up or an
 * import (the import system's own functions, a module's set-up) and has not
 * run since. Truffle 25 compiles such a backlog, stale or not, so a program's
 * own hot code waited behind it: in a selectors echo server, 12 s of the one
 * compiler thread went to two functions of the import system after the
 * imports had ended (bench/history.md, "Held compilations that went stale").
 *
 * <p>When the hold ends, the backlog's activity counts (Truffle's call and
 * loop counts) are noted; {@link #PROBE} later, every noted target whose count
 * has not moved is stale and dropped at once, while still queued. Truffle
 * takes a queued compilation off its queue at once, but only flags a started
 * one, and its compiler then works about as long as a whole compilation before
 * it looks: judged one by one as each started, four stale compilations took the
 * compiler thread 8 s here before the program's first one. A target still in
 * use is queued again by Truffle at its next call, so a wrong guess costs only
 * that wait.
 *
 * @param <T> what is compiled (Truffle's call target; anything with a count in tests)
 */
final class HeldBacklog<T> {
    /** How long after the hold ends a target must show activity to be compiled. */
    private static final Duration PROBE = Duration.ofMillis(100);

    /** A target's count when the hold ended, and when that was. */
    private record Noted(int count, long atNanos) {
    }

    private final ToIntFunction<T> activity;
    private final long probeNanos;
    /** Queued during a hold, not yet noted. */
    private final Set<T> queued = ConcurrentHashMap.newKeySet();
    /** Noted at the end of a hold, not yet judged (a few hundred at most: start-up's and imports'). */
    private final Map<T, Noted> noted = new ConcurrentHashMap<>();

    HeldBacklog(ToIntFunction<T> activity) {
        this(activity, PROBE);
    }

    HeldBacklog(ToIntFunction<T> activity, Duration probe) {
        this.activity = activity;
        this.probeNanos = probe.toNanos();
    }

    /** Told as {@code target} is queued while the gate holds compilations. */
    void queued(T target) {
        queued.add(target);
    }

    /**
     * Told as the gate lets a compilation through, so when no hold is on: notes
     * the count of every target queued during the last hold, the first time.
     */
    void holdOver() {
        long now = System.nanoTime();
        for (T target : queued) {
            if (queued.remove(target)) {
                noted.put(target, new Noted(activity.applyAsInt(target), now));
            }
        }
    }

    /**
     * Drops the stale targets of the last hold: waits until {@link #PROBE} has
     * passed since it ended, if it has not yet, then gives each noted target
     * whose count has not moved since to {@code drop}, each once.
     */
    void dropStale(Consumer<T> drop) throws InterruptedException {
        for (Map.Entry<T, Noted> entry : noted.entrySet()) {
            long wait = entry.getValue().atNanos + probeNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            T target = entry.getKey();
            Noted before = noted.remove(target);
            if (before != null && activity.applyAsInt(target) == before.count) {
                drop.accept(target);
            }
        }
    }
}
