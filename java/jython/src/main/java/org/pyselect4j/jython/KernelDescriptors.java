package org.pyselect4j.jython;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.nio.channels.Channel;

/**
 * The kernel descriptor behind a Java I/O object: a {@link FileDescriptor}, a
 * JDK channel (files, pipes, sockets), a stream with {@code getFD()} or
 * {@code getChannel()} (Jython's {@code os.pipe()} and file objects).
 * Not Jython's sockets: Netty reads those on its own threads, so their kernel
 * descriptor's readiness says nothing about what the socket holds (select.epoll
 * gives each a stand-in eventfd instead).
 *
 * <p>The JDK keeps the number in private fields ({@code FileDescriptor.fd},
 * {@code sun.nio.ch}'s {@code fdVal}), readable only with
 * {@value #NEEDED_OPTIONS} on the JVM command line, which bin/pyselect4j-jython sets.
 */
public final class KernelDescriptors {
    /** What the JVM needs to let this class read the JDK's descriptor fields. */
    public static final String NEEDED_OPTIONS =
            "--add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED";

    private KernelDescriptors() {
    }

    /**
     * @return the descriptor, or -1 if {@code object} is none of the kinds above
     * @throws IllegalStateException if the JVM does not open the JDK's fields to this class
     */
    public static int of(Object object) {
        if (object == null) {
            return -1;
        }
        if (object instanceof FileDescriptor descriptor) {
            return intField(descriptor, FileDescriptor.class, "fd");
        }
        if (object instanceof Channel channel) {
            return ofChannel(channel);
        }
        Object inner = call(object, "getChannel");
        if (inner == null) {
            inner = call(object, "getFD");
        }
        return inner == null ? -1 : of(inner);
    }

    private static int ofChannel(Channel channel) {
        for (Class<?> type = channel.getClass(); type != null; type = type.getSuperclass()) {
            for (String name : new String[] {"fdVal", "fd"}) {
                Field field = declaredField(type, name);
                if (field == null) {
                    continue;
                }
                Object value = read(field, channel);
                return value instanceof FileDescriptor descriptor ? of(descriptor) : ((Number) value).intValue();
            }
        }
        return -1;
    }

    private static int intField(Object object, Class<?> type, String name) {
        return (Integer) read(declaredField(type, name), object);
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException absent) {
            return null;
        }
    }

    private static Object read(Field field, Object object) {
        try {
            field.setAccessible(true);
            return field.get(object);
        } catch (InaccessibleObjectException | IllegalAccessException closed) {
            throw new IllegalStateException("reading the descriptor of a " + object.getClass().getName()
                    + " needs the JVM options " + NEEDED_OPTIONS, closed);
        }
    }

    /** The result of a public no-argument method, or null if there is none. */
    private static Object call(Object object, String name) {
        Method method;
        try {
            method = object.getClass().getMethod(name);
        } catch (NoSuchMethodException absent) {
            return null;
        }
        try {
            return method.invoke(object);
        } catch (ReflectiveOperationException | RuntimeException failed) {
            return null;
        }
    }
}
