package org.pyselect4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pyselect4j.core.TestFds.assertErrno;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** ThreadNice on the real kernel: a thread found by its name gets a lower priority, and only it. */
class ThreadNiceTest {
    @Test
    void aThreadFoundByItsNameIsLoweredAlone() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ThreadNiceTest-sleeper");
        sleeper.start();
        try {
            List<Integer> found = waitForThreadNamed("ThreadNiceTest");
            assertEquals(1, found.size());
            int leader = (int) ProcessHandle.current().pid(); // the process's first thread
            int leaderNice = niceOf(leader);
            ThreadNice.set(found.get(0), 19);
            assertEquals(19, niceOf(found.get(0)));
            assertEquals(leaderNice, niceOf(leader));
        } finally {
            finish.countDown();
            sleeper.join();
        }
        assertEquals(List.of(), waitForNoThreadNamed("ThreadNiceTest"));
    }

    @Test
    void anIdThatNamesNoThreadIsEsrch() {
        assertEquals(null, ThreadNice.nameOf(-1));
        assertErrno(LinuxConstants.ESRCH, () -> ThreadNice.set(-1, 19));
    }

    /** The JVM names the kernel thread as the thread starts, just after start() returns. */
    private static List<Integer> waitForThreadNamed(String prefix) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            List<Integer> found = threadsNamed(prefix);
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no thread named " + prefix + " after 5 s");
    }

    /** The kernel thread may outlive join() by a moment: the threads still named so after at most 5 s. */
    private static List<Integer> waitForNoThreadNamed(String prefix) throws InterruptedException {
        List<Integer> found = threadsNamed(prefix);
        for (int attempt = 0; attempt < 500 && !found.isEmpty(); attempt++) {
            Thread.sleep(10);
            found = threadsNamed(prefix);
        }
        return found;
    }

    private static List<Integer> threadsNamed(String prefix) {
        return ThreadNice.threads().stream().filter(tid -> {
            String name = ThreadNice.nameOf(tid);
            return name != null && name.startsWith(prefix);
        }).toList();
    }

    /** Field 19 of /proc/self/task/<tid>/stat, counted after the name in brackets. */
    private static int niceOf(int tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
