package org.knet4j.features;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unpacked Apache Karaf distribution, set up for a test: every port bound to 127.0.0.1 (SSH console, JMX RMI),
 * Maven resolution from one local folder only (no network), a karaf/karaf user for the SSH client; started as a
 * child process ({@code bin/karaf server}) and driven with {@code bin/client}.
 */
final class KarafInstance implements AutoCloseable {
    private final Path home;
    private final int sshPort;
    private Process process;

    private KarafInstance(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /** Rewrite the distribution's configuration in place. */
    static KarafInstance prepare(Path home, Path repository) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/karaf"))) {
            throw new IllegalStateException("no Karaf distribution at " + home);
        }
        int[] ports = freeTcpPorts(3);
        setProperties(home.resolve("etc/org.apache.karaf.shell.cfg"), List.of(
                "sshPort = " + ports[0], "sshHost = 127.0.0.1"));
        setProperties(home.resolve("etc/org.apache.karaf.management.cfg"), List.of(
                "rmiRegistryPort = " + ports[1], "rmiRegistryHost = 127.0.0.1",
                "rmiServerPort = " + ports[2], "rmiServerHost = 127.0.0.1"));
        // resolve mvn: URLs from Karaf's system folder and our repository only: the test must not need the network
        Files.writeString(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.offline = true",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.localRepository = " + repository,
                "org.ops4j.pax.url.mvn.defaultRepositories = ${karaf.home.uri}system@id=system.repository@snapshots, "
                        + repository.toUri() + "@id=knet4j@snapshots",
                "org.ops4j.pax.url.mvn.repositories = ", ""));
        Files.writeString(home.resolve("etc/users.properties"), String.join("\n",
                "karaf = karaf,_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh", ""));
        return new KarafInstance(home, ports[0]);
    }

    /** Replace (or add) {@code key = value} lines in a .cfg file. */
    private static void setProperties(Path cfg, List<String> assignments) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.UTF_8));
        for (String a : assignments) {
            String key = a.substring(0, a.indexOf('=')).trim();
            Pattern p = Pattern.compile("^\\s*#?\\s*" + Pattern.quote(key) + "\\s*=.*$");
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).matches()) {
                    lines.set(i, a);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(a);
            }
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    private static int[] freeTcpPorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    Path home() {
        return home;
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        process = pb.start();
    }

    /**
     * Run one console command through Karaf's SSH client, retrying the connection while Karaf starts.
     *
     * @return the command's output
     * @throws IOException if the client fails or does not finish within {@code maxSeconds}
     */
    String client(String command, int maxSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "client", ".out");
        Process p = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
                "-a", Integer.toString(sshPort), "-u", "karaf", "-p", "karaf", "-r", "60", "-d", "1", command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        // stdin stays an open pipe until the command is done: Karaf 4.4's client closes the channel as soon as
        // a non-terminal stdin reaches end of file (its ctrl-d watcher), before the command has printed anything
        try {
            if (!p.waitFor(maxSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("bin/client '" + command + "' did not finish in " + maxSeconds + " s");
            }
        } finally {
            p.getOutputStream().close();
        }
        // Karaf's grep colours its matches even through the SSH exec channel: drop the ANSI escapes
        String text = Files.readString(out).replaceAll("\u001B\\[[;\\d]*m", "");
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IOException("bin/client '" + command + "' exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** Karaf's log (data/log/karaf.log) and console output, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(home.resolve("console.log"), home.resolve("data/log/karaf.log"))) {
            try {
                String s = Files.readString(p);
                sb.append("==== ").append(p).append('\n').append(s.length() > 20_000 ? s.substring(s.length() - 20_000) : s);
            } catch (IOException e) {
                sb.append("==== ").append(p).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Lines of {@code text} matching {@code regex}. */
    static List<String> lines(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** {@code bin/stop}, then wait up to 60 s for the process to end (killed if it does not). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(30, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }
}
