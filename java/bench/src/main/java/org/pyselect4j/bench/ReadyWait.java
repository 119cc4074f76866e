package org.pyselect4j.bench;

/** Workload (b): 100 pipes, each holding one byte never read, so every wait reports all 100. */
public class ReadyWait extends WaitBenchmark {
    @Override
    int fdCount() {
        return 100;
    }

    @Override
    boolean readable() {
        return true;
    }
}
