package org.pyselect4j.jython;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

import org.pyselect4j.core.Epoll;
import org.pyselect4j.core.ErrnoException;
import org.python.core.PySystemState;
import org.python.util.PythonInterpreter;

/**
 * Installs pyselect4j into Jython 2.7: {@code select.epoll}, {@code select.poll}
 * and {@code select.select} over kernel descriptors, {@code os.timerfd_*},
 * {@code time.clock_*} and their constants, and {@code os.read}, {@code os.write}
 * and {@code os.close} that also take the descriptor numbers these create.
 *
 * <pre>{@code
 * try (PythonInterpreter python = new PythonInterpreter()) {
 *     PySelect4jJython.install(python);
 *     python.exec("import select; print select.epoll");
 * }
 * }</pre>
 *
 * <p>The Python side lives in the package {@code pyselect4j_jython} inside this
 * jar. The {@code jython} command line gets it from {@code sitecustomize} in
 * {@value #SITE_PATH} (bin/pyselect4j-jython puts that on {@code python.path}).
 */
public final class PySelect4jJython {
    /** The jar folder holding the Python package, as a Jython import path entry. */
    public static final String PYTHON_PATH = "__pyclasspath__/org/pyselect4j/jython/python";
    /** The jar folder holding the sitecustomize that installs pyselect4j at start-up. */
    public static final String SITE_PATH = "__pyclasspath__/org/pyselect4j/jython/site";

    private PySelect4jJython() {
    }

    /** Installs pyselect4j into the interpreter's modules; installing twice does nothing more. */
    public static void install(PythonInterpreter interpreter) {
        interpreter.exec("import sys\n"
                + "if '" + PYTHON_PATH + "' not in sys.path: sys.path.append('" + PYTHON_PATH + "')\n"
                + "import pyselect4j_jython\n"
                + "pyselect4j_jython.install()\n");
    }

    /**
     * The epoll objects of one interpreter that are still open, closed by
     * {@code PythonInterpreter.cleanup()} and {@code close()} as CPython closes
     * them when it finalizes. Called by the Python side when it installs.
     */
    public static OpenEpolls openEpolls(PySystemState sys) {
        OpenEpolls epolls = new OpenEpolls();
        sys.registerCloser(epolls);
        return epolls;
    }

    /** Weakly held open epolls: one the program drops is closed by the core's cleaner instead. */
    public static final class OpenEpolls implements Callable<Void> {
        private final Set<Epoll> epolls = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        public Epoll add(Epoll epoll) {
            epolls.add(epoll);
            return epoll;
        }

        public void remove(Epoll epoll) {
            epolls.remove(epoll);
        }

        /** Closes them all; a close that fails (a descriptor closed behind the object's back) is ignored. */
        @Override
        public Void call() {
            Epoll[] open;
            synchronized (epolls) {
                open = epolls.toArray(new Epoll[0]);
                epolls.clear();
            }
            for (Epoll epoll : open) {
                try {
                    epoll.close();
                } catch (ErrnoException ignored) {
                    // nobody is left to report it to
                }
            }
            return null;
        }
    }


}
