package org.pyselect4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/** java.nio pipes with non-blocking source channels; readable ones hold one byte that nobody reads. */
final class NioPipes implements AutoCloseable {
    private final Pipe[] pipes;

    NioPipes(int count, boolean readable) throws IOException {
        pipes = new Pipe[count];
        for (int i = 0; i < count; i++) {
            pipes[i] = Pipe.open();
            pipes[i].source().configureBlocking(false);
            if (readable) {
                pipes[i].sink().write(ByteBuffer.wrap(new byte[] {1}));
            }
        }
    }

    Pipe.SourceChannel source(int index) {
        return pipes[index].source();
    }

    int count() {
        return pipes.length;
    }

    @Override
    public void close() throws IOException {
        for (Pipe pipe : pipes) {
            pipe.source().close();
            pipe.sink().close();
        }
    }
}
