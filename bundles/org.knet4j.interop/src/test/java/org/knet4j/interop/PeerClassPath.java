package org.knet4j.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The classpath for a Java peer run as its own JVM (inside a network namespace): this test run's classpath, with
 * every jar copied once into target/peer-classpath. The jars in the local Maven repository can be replaced by
 * another build while the tests run, and a JVM started then fails to load classes (seen: ClassNotFoundException
 * for api classes, a ServiceLoader provider not found); the copies stay as they were when the class started.
 */
final class PeerClassPath {
    private static String snapshot;

    private PeerClassPath() {
    }

    static synchronized String get() throws IOException, InterruptedException {
        if (snapshot != null) {
            return snapshot;
        }
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isEmpty()) {
            cp = System.getProperty("java.class.path");
        }
        Path dir = Path.of("target", "peer-classpath").toAbsolutePath();
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!e.endsWith(".jar") || !Files.isRegularFile(p)) {
                entries.add(e); // class directories of this build
                continue;
            }
            Path copy = dir.resolve((n++) + "-" + p.getFileName());
            copyWhole(p, copy);
            entries.add(copy.toString());
        }
        snapshot = String.join(File.pathSeparator, entries);
        return snapshot;
    }

    /** Copy, and check the copy opens as a zip (a jar caught mid-rewrite does not); a few tries, bounded. */
    private static void copyWhole(Path from, Path to) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            try (ZipFile z = new ZipFile(to.toFile())) {
                if (z.size() > 0) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        throw new IOException("cannot take a whole copy of " + from, last);
    }
}
