package org.pyselect4j.graalpy;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.graalvm.polyglot.Context;

/**
 * What {@link PySelect4j} was asked to do for one {@link Context.Builder}: the
 * settings its contexts start with. Polyglot's builder keeps only the last value
 * of each setting and cannot be read back, so the pieces pyselect4j needs are
 * gathered here, whatever order the embedder calls {@code PySelect4j}'s methods in.
 *
 * <p>It is itself the builder's host class lookup predicate: the builder, and
 * every context built from it, hold it, which keeps it alive exactly as long as
 * they may need it. A context finds it through the id passed in the context's
 * environment (removed from {@code os.environ} as the context starts).
 */
final class Installation implements Predicate<String> {
    /** The environment variable naming the installation of a context; scripts never see it. */
    static final String ID_VARIABLE = "PYSELECT4J_INSTALLATION";

    private static final Map<Context.Builder, Installation> BY_BUILDER = new WeakHashMap<>();
    private static final Map<String, WeakReference<Installation>> BY_ID = new ConcurrentHashMap<>();

    final String id = UUID.randomUUID().toString();
    private volatile Predicate<String> embedderLookup = name -> false;
    volatile boolean closeTimerFds;
    volatile InputStream in;
    volatile OutputStream out;
    volatile OutputStream err;

    private Installation() {
    }

    /** The installation of {@code builder}, new at the first call; sets the id and the lookup on it. */
    static Installation of(Context.Builder builder) {
        Installation installation;
        synchronized (BY_BUILDER) {
            installation = BY_BUILDER.get(builder);
            if (installation == null) {
                installation = new Installation();
                BY_BUILDER.put(builder, installation);
                BY_ID.values().removeIf(reference -> reference.get() == null);
                BY_ID.put(installation.id, new WeakReference<>(installation));
            }
        }
        builder.environment(ID_VARIABLE, installation.id).allowHostClassLookup(installation);
        return installation;
    }

    /** The installation with that id, or null when none (or it is gone). */
    static Installation byId(String id) {
        WeakReference<Installation> reference = id == null ? null : BY_ID.get(id);
        return reference == null ? null : reference.get();
    }

    void allowEmbedderLookup(Predicate<String> lookup) {
        embedderLookup = lookup;
    }

    /** pyselect4j's bridge, and whatever the embedder allows through {@link PySelect4j#allowHostClassLookup}. */
    @Override
    public boolean test(String className) {
        return Bridge.class.getName().equals(className) || embedderLookup.test(className);
    }
}
