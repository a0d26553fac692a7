package org.knet4j.reliability.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's class path for the child processes, with every jar copied under {@code target/fault-cp} first. Why:
 * the jars come from the shared local Maven repository, where a concurrent {@code mvn install} rewrites them in
 * place; a child JVM that loads a class lazily (the first message's class, a minute in) would then read a jar
 * changed under it and fail with NoClassDefFoundError. Directories (this module's classes) are used as they are.
 */
final class PrivateClassPath {
    private static String value;

    private PrivateClassPath() {
    }

    static synchronized String get() {
        if (value == null) {
            value = copy(System.getProperty("java.class.path"));
        }
        return value;
    }

    private static String copy(String classPath) {
        try {
            Path dir = Path.of("target", "fault-cp").toAbsolutePath();
            Files.createDirectories(dir);
            List<String> out = new ArrayList<>();
            int i = 0;
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                    Path target = dir.resolve((i++) + "-" + p.getFileName());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    out.add(target.toString());
                } else {
                    out.add(entry);
                }
            }
            return String.join(File.pathSeparator, out);
        } catch (IOException e) {
            throw new UncheckedIOException("copying the class path", e);
        }
    }
}
