package org.pyselect4j.jni;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libpyselect4j from the classpath, where the build puts it under
 * {@code native/linux-<arch>/}.
 *
 * <p>System.load needs a file, so the library is copied to a temporary file
 * first; that file is deleted once loaded (Linux keeps the mapping). Setting the
 * system property {@value #LIBRARY_PATH_PROPERTY} loads that file instead.
 */
public final class NativeLibrary {
    public static final String LIBRARY_PATH_PROPERTY = "pyselect4j.library.path";
    static final String LIBRARY_FILE = "libpyselect4j.so";
    static final String SUPPORTED_PLATFORMS = "linux-x86_64, linux-aarch64";

    private static boolean loaded;

    private NativeLibrary() {
    }

    /** Loads the library once; later calls do nothing. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        String explicitPath = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (explicitPath != null) {
            System.load(explicitPath);
        } else {
            loadFromClasspath(platformFolder(System.getProperty("os.name"), System.getProperty("os.arch")));
        }
        loaded = true;
        String problem = Native.bindingProblem(nativeMethodCount());
        if (problem != null) {
            throw new UnsatisfiedLinkError("pyselect4j's native library does not match its Java side "
                    + "(a stale build?): " + problem);
        }
    }

    static int nativeMethodCount() {
        int count = 0;
        for (var method : Native.class.getDeclaredMethods()) {
            if (Modifier.isNative(method.getModifiers())) {
                count++;
            }
        }
        return count;
    }

    /**
     * The folder name for a platform, e.g. {@code linux-x86_64}.
     *
     * @throws UnsatisfiedLinkError naming the platform and the supported ones
     */
    static String platformFolder(String osName, String osArch) {
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || arch == null) {
            throw new UnsatisfiedLinkError("pyselect4j has no native library for " + osName + "/" + osArch
                    + "; supported platforms: " + SUPPORTED_PLATFORMS);
        }
        return "linux-" + arch;
    }

    private static void loadFromClasspath(String platformFolder) {
        String resource = "/native/" + platformFolder + "/" + LIBRARY_FILE;
        try (InputStream library = NativeLibrary.class.getResourceAsStream(resource)) {
            if (library == null) {
                throw new UnsatisfiedLinkError("pyselect4j native library " + resource
                        + " is missing from the classpath (built for this platform? supported platforms: "
                        + SUPPORTED_PLATFORMS + ")");
            }
            Path copy = Files.createTempFile("libpyselect4j-", ".so");
            try {
                Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError(
                    "cannot extract pyselect4j native library " + resource + ": " + e);
            error.initCause(e);
            throw error;
        }
    }
}
