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

    /**
     * The kernel ids of this process's threads whose kernel name begins with
     * {@code prefix}. The kernel keeps the first 15 characters of a thread's
     * name ({@code /proc/self/task/<tid>/comm}), so the prefix must not be longer.
     */
    public static List<Integer> threadsNamed(String prefix) {
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile: ENOENT, or ESRCH while it exits
                }
                if (name.startsWith(prefix)) {
                    ids.add(Integer.parseInt(task.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this process's threads", e);
        }
        return ids;
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
