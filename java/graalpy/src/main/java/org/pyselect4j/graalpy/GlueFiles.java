package org.pyselect4j.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Python half of the binding, shipped as resources and unpacked once per
 * content into a directory that GraalPy can import from: GraalPy reads Python
 * sources from the file system, not from the class path.
 */
final class GlueFiles {
    private static final String ROOT = "python/";
    /** Every file of the glue, relative to {@link #ROOT}; the list is kept in the resource index. */
    private static final String INDEX = ROOT + "files.txt";

    private static volatile Path directory;

    private GlueFiles() {
    }

    /** The unpacked directory, to be put on the Python path. */
    static Path directory() {
        Path result = directory;
        if (result == null) {
            synchronized (GlueFiles.class) {
                result = directory;
                if (result == null) {
                    result = unpack();
                    directory = result;
                }
            }
        }
        return result;
    }

    private static Path unpack() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : new String(read(INDEX), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!name.isBlank()) {
                files.put(name.strip(), read(ROOT + name.strip()));
            }
        }
        Path target = cacheRoot().resolve("glue-" + digest(files));
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), "staging-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                // Another process unpacked the same content first: use theirs.
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("pyselect4j cannot unpack its Python files under " + target, e);
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("pyselect4j.cache.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pyselect4j");
    }

    private static byte[] read(String resource) {
        try (InputStream in = GlueFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pyselect4j's jar lacks the resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
