package org.pyselect4j.bench;

/** Workload (a): one registered pipe with nothing to read, so every wait returns empty. */
public class IdleWait extends WaitBenchmark {
    @Override
    int fdCount() {
        return 1;
    }

    @Override
    boolean readable() {
        return false;
    }
}
