package org.pyselect4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pyselect4j.jni.Native;

/**
 * The scheduling priority of single threads of this process, by the names the
 * kernel knows them by. Java cannot do this itself: {@link Thread#setPriority}
 * does not reach the kernel on Linux, and a Java thread does not tell its
 * kernel id.
 */
public final class ThreadNice {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadNice() {
    }

    /** The kernel ids of this process's threads (the entries of {@code /proc/self/task}). */
    public static List<Integer> threads() {
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ids.add(Integer.parseInt(task.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this process's threads", e);
        }
        return ids;
    }

    /**
     * A thread's name as the kernel keeps it (its first 15 characters,
     * {@code /proc/self/task/<tid>/comm}), or null when the thread has ended.
     * A new thread bears its creator's name until it names itself.
     */
    public static String nameOf(int tid) {
        try {
            return Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("comm")).strip();
        } catch (IOException ended) {
            return null; // ENOENT, or ESRCH while it exits
        }
    }

    /**
     * Sets one thread's nice value (-20 to 19; the kernel clamps others). Raising
     * it back later needs privilege (CAP_SYS_NICE or {@code ulimit -e}).
     *
     * @throws ErrnoException ESRCH when no thread has that id, EACCES when lowering it is not permitted
     */
    public static void set(int tid, int nice) {
        Errors.check(Native.setThreadNice(tid, nice));
    }
}
