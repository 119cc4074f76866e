package org.pyselect4j.bench;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.Poll;
import org.pyselect4j.core.ReadyList;
import org.pyselect4j.core.Select;
import org.pyselect4j.core.SelectResult;
import org.pyselect4j.core.WaitHook;

/**
 * One zero-timeout wait over registered pipe read ends, then a visit of every
 * ready entry as an application would make: the core's epoll, poll and select
 * against a java.nio Selector ({@code selectNow}) over the same number of pipes
 * in the same state. Subclasses choose how many pipes and whether they are
 * readable.
 */
@State(Scope.Thread)
public abstract class WaitBenchmark extends BenchmarkSettings {
    private CorePipes corePipes;
    private int[] coreReadEnds;
    private Epoll epoll;
    private Poll poll;
    private NioPipes nioPipes;
    private Selector selector;

    abstract int fdCount();

    abstract boolean readable();

    @Setup
    public void open() throws IOException {
        corePipes = new CorePipes(fdCount(), readable());
        coreReadEnds = corePipes.readEnds();
        epoll = Epoll.create();
        poll = new Poll();
        for (int fd : coreReadEnds) {
            epoll.register(fd, LinuxConstants.EPOLLIN);
            poll.register(fd, LinuxConstants.POLLIN);
        }
        nioPipes = new NioPipes(fdCount(), readable());
        selector = Selector.open();
        for (int i = 0; i < nioPipes.count(); i++) {
            nioPipes.source(i).register(selector, SelectionKey.OP_READ);
        }

        int expected = readable() ? fdCount() : 0;
        expectReady("epoll", expected, epoll.poll(0, MAX_EVENTS, WaitHook.NONE).size());
        expectReady("poll", expected, poll.poll(0, WaitHook.NONE).size());
        expectReady("select", expected, Select.select(coreReadEnds, NO_FDS, NO_FDS, 0, WaitHook.NONE)
                .readIndexes().length);
        selector.selectNow();
        expectReady("Selector", expected, selector.selectedKeys().size());
        selector.selectedKeys().clear();
    }

    @TearDown
    public void close() throws IOException {
        epoll.close();
        corePipes.close();
        selector.close();
        nioPipes.close();
    }

    @Benchmark
    public void coreEpoll(Blackhole sink) {
        visit(epoll.poll(0, MAX_EVENTS, WaitHook.NONE), sink);
    }

    @Benchmark
    public void corePoll(Blackhole sink) {
        visit(poll.poll(0, WaitHook.NONE), sink);
    }

    @Benchmark
    public void coreSelect(Blackhole sink) {
        SelectResult result = Select.select(coreReadEnds, NO_FDS, NO_FDS, 0, WaitHook.NONE);
        for (int index : result.readIndexes()) {
            sink.consume(coreReadEnds[index]);
        }
    }

    /** The selected-key set keeps its keys until the application removes them, so each operation empties it. */
    @Benchmark
    public void nioSelector(Blackhole sink) throws IOException {
        selector.selectNow();
        Set<SelectionKey> selected = selector.selectedKeys();
        for (SelectionKey key : selected) {
            sink.consume(key);
            sink.consume(key.readyOps());
        }
        selected.clear();
    }

    private static void visit(ReadyList ready, Blackhole sink) {
        for (int i = 0; i < ready.size(); i++) {
            sink.consume(ready.fd(i));
            sink.consume(ready.events(i));
        }
    }
}
