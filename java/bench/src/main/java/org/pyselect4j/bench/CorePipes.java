package org.pyselect4j.bench;

import org.pyselect4j.core.Fds;

/** Non-blocking pipes made through the core; readable ones hold one byte that nobody reads. */
final class CorePipes implements AutoCloseable {
    private final int[][] pipes;

    CorePipes(int count, boolean readable) {
        pipes = new int[count][];
        for (int i = 0; i < count; i++) {
            pipes[i] = Fds.pipe(true);
            if (readable) {
                Fds.write(pipes[i][1], new byte[] {1});
            }
        }
    }

    int[] readEnds() {
        int[] fds = new int[pipes.length];
        for (int i = 0; i < pipes.length; i++) {
            fds[i] = pipes[i][0];
        }
        return fds;
    }

    @Override
    public void close() {
        for (int[] pipe : pipes) {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
    }
}
