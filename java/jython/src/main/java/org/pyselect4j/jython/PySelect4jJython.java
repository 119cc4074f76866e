package org.pyselect4j.jython;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

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
     * What one interpreter's pyselect4j holds open (epoll instances, the
     * stand-in descriptors of Jython sockets registered in them), closed by
     * {@code PythonInterpreter.cleanup()} and {@code close()} as CPython closes
     * them when it finalizes. Called by the Python side when it installs.
     */
    public static OpenResources openResources(PySystemState sys) {
        OpenResources resources = new OpenResources();
        sys.registerCloser(resources);
        return resources;
    }

    /** Weakly held: what the program drops is closed by its own cleaner (an epoll) or owner instead. */
    public static final class OpenResources implements Callable<Void> {
        private final Set<AutoCloseable> open =
                Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        public <T extends AutoCloseable> T add(T resource) {
            open.add(resource);
            return resource;
        }

        public void remove(AutoCloseable resource) {
            open.remove(resource);
        }

        /** Closes them all; a close that fails (a descriptor closed behind the object's back) is ignored. */
        @Override
        public Void call() {
            AutoCloseable[] left;
            synchronized (open) {
                left = open.toArray(new AutoCloseable[0]);
                open.clear();
            }
            for (AutoCloseable resource : left) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // nobody is left to report it to
                }
            }
            return null;
        }
    }
}
