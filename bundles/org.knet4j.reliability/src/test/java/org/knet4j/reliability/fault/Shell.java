package org.knet4j.reliability.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command (ip, nft, tc) with a time bound and returns its exit code and merged output. */
final class Shell {
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Shell() {
    }

    static Result run(List<String> command) {
        return run(command, null);
    }

    /** {@code stdin}, if not null, is written to the command's standard input. */
    static Result run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "timed out: " + command);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Run and fail (IllegalStateException with the output) unless the exit code is 0. */
    static String must(List<String> command) {
        Result r = run(command);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " -> " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }

    /** Whether this process runs as root (the namespace tests need it). */
    static boolean isRoot() {
        Result r = run(List.of("id", "-u"));
        return r.ok() && r.output().trim().equals("0");
    }
}
