package org.pyselect4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.pyselect4j.jni.Native;

/**
 * One zero-timeout wait over registered pipe read ends, then a visit of every
 * ready entry as an application would make: the core's epoll, poll and select
 * against a java.nio Selector ({@code selectNow}) over the same number of pipes
 * in the same state; and the bare system calls under the core's poll and
 * select ({@code native*}), to tell the core's own cost from the kernel's.
 * Subclasses choose how many pipes and whether they are readable.
 */
@State(Scope.Thread)
public abstract class WaitBenchmark extends BenchmarkSettings {
    private CorePipes corePipes;
    private int[] coreReadEnds;
    private Epoll epoll;
    private Poll poll;
    private NioPipes nioPipes;
    private Selector selector;
    /** For nativeSelect: the read ends as C ints, then a ready flag for each. */
    private long selectMemory;
    /** For nativePoll: a pollfd (POLLIN) for each read end. */
    private long pollMemory;
    /** Keeps the native memory above alive. */
    private ByteBuffer[] nativeBuffers;

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
        ByteBuffer selectBuffer = ByteBuffer.allocateDirect(coreReadEnds.length * (Integer.BYTES + 1))
                .order(ByteOrder.nativeOrder());
        selectBuffer.asIntBuffer().put(coreReadEnds);
        // The kernel's pollfd layout as the native library reports it, which the core uses too.
        int pollfdSize = LinuxConstants.get("SIZEOF_POLLFD");
        int fdOffset = LinuxConstants.get("OFFSETOF_POLLFD_FD");
        int eventsOffset = LinuxConstants.get("OFFSETOF_POLLFD_EVENTS");
        ByteBuffer pollBuffer = ByteBuffer.allocateDirect(coreReadEnds.length * pollfdSize)
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < coreReadEnds.length; i++) {
            pollBuffer.putInt(i * pollfdSize + fdOffset, coreReadEnds[i])
                    .putShort(i * pollfdSize + eventsOffset, (short) LinuxConstants.POLLIN);
        }
        nativeBuffers = new ByteBuffer[] {selectBuffer, pollBuffer};
        selectMemory = Native.address(selectBuffer);
        pollMemory = Native.address(pollBuffer);
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
        expectReady("select(2)", expected, nativeSelect());
        expectReady("poll(2)", expected, nativePoll());
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

    /** select(2) alone over the read ends, as the core makes it (without the flags' scan). */
    @Benchmark
    public int nativeSelect() {
        return Native.selectFds(selectMemory, coreReadEnds.length, 0, 0,
                selectMemory + (long) Integer.BYTES * coreReadEnds.length, 0);
    }

    /** poll(2) alone over the read ends, as the core makes it (without the revents' scan). */
    @Benchmark
    public int nativePoll() {
        return Native.poll(pollMemory, coreReadEnds.length, 0);
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
