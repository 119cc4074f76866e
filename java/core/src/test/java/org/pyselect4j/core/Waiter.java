package org.pyselect4j.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An action running on a thread of its own, whose outcome a test awaits. */
final class Waiter {
    interface Action {
        void run() throws Exception;
    }

    private final Thread thread;
    private final CompletableFuture<Throwable> outcome = new CompletableFuture<>();

    private Waiter(Action action) {
        thread = new Thread(() -> {
            try {
                action.run();
                outcome.complete(null);
            } catch (Throwable failure) {
                outcome.complete(failure);
            }
        });
        thread.setDaemon(true);
    }

    /** Starts the action and gives it a moment to enter its wait. */
    static Waiter start(Action action) throws InterruptedException {
        Waiter waiter = new Waiter(action);
        waiter.thread.start();
        Thread.sleep(30);
        return waiter;
    }

    void interrupt() {
        thread.interrupt();
    }

    /** What the action threw, or null; fails if it does not end within 10 s. */
    Throwable outcome() throws Exception {
        return outcome.get(10, TimeUnit.SECONDS);
    }

    /** Fails with the action's exception, if any. */
    void assertSucceeded() throws Exception {
        Throwable failure = outcome();
        if (failure != null) {
            throw new AssertionError("waiter failed", failure);
        }
    }
}
