package org.pyselect4j.bench;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.LinuxConstants;
import org.pyselect4j.core.Poll;

/**
 * Workload (c): registering one pipe read end and unregistering it again. The
 * core's epoll makes two epoll_ctl calls and its poll only updates its table.
 * A java.nio Selector defers both to its next selection, so its cases include
 * the {@code selectNow} that NIO needs before the channel can be registered
 * again: {@link #nioSelector} cancels before that selection, so the kernel sees
 * neither change (one epoll_wait); {@link #nioSelectorAppliedToKernel} selects
 * after each change, as the core's two epoll_ctl calls do (two epoll_ctl, two
 * epoll_wait).
 */
@State(Scope.Thread)
public class RegisterCycle extends BenchmarkSettings {
    private CorePipes corePipe;
    private int coreFd;
    private Epoll epoll;
    private Poll poll;
    private NioPipes nioPipe;
    private Selector selector;

    @Setup
    public void open() throws IOException {
        corePipe = new CorePipes(1, false);
        coreFd = corePipe.readEnds()[0];
        epoll = Epoll.create();
        poll = new Poll();
        nioPipe = new NioPipes(1, false);
        selector = Selector.open();
    }

    @TearDown
    public void close() throws IOException {
        epoll.close();
        corePipe.close();
        selector.close();
        nioPipe.close();
    }

    @Benchmark
    public void coreEpoll() {
        epoll.register(coreFd, LinuxConstants.EPOLLIN);
        epoll.unregister(coreFd);
    }

    @Benchmark
    public boolean corePoll() {
        poll.register(coreFd, LinuxConstants.POLLIN);
        return poll.unregister(coreFd);
    }

    @Benchmark
    public int nioSelector() throws IOException {
        SelectionKey key = nioPipe.source(0).register(selector, SelectionKey.OP_READ);
        key.cancel();
        return selector.selectNow();
    }

    @Benchmark
    public int nioSelectorAppliedToKernel() throws IOException {
        SelectionKey key = nioPipe.source(0).register(selector, SelectionKey.OP_READ);
        selector.selectNow();
        key.cancel();
        return selector.selectNow();
    }
}
