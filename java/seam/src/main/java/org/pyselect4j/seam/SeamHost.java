package org.pyselect4j.seam;

import org.pyselect4j.core.WaitHook;

/**
 * What the seam needs from the engine binding that binds it to a context: the
 * binding alone speaks Python (exceptions, waits that let the engine run
 * signal handlers), the seam only carries calls.
 */
public interface SeamHost {
    /** How waits made through the seam block; {@code pendingWork} lets the engine run what woke one. */
    WaitHook waitHook(Runnable pendingWork);

    /** The Python exception object (a polyglot {@code Value}) that CPython raises for the core's {@code e}. */
    Object pythonException(RuntimeException e);

    /** Creates a timer descriptor ({@code os.timerfd_create}), with whatever the binding tracks about it. */
    int createTimerFd(int clockid, int flags);

    /** The context is being cancelled: closes what must not outlive it. */
    void closeAll();
}
