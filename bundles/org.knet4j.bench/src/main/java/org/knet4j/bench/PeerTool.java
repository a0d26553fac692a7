package org.knet4j.bench;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.knet4j.api.HandleStats;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;

/**
 * The knet4j peer and benchmark tool ({@code java -jar knet4j-peer.jar ...}), the Java twin of the C peer the
 * interop tests build: same flags, same message format, same stdout protocol. See {@link PeerOptions#USAGE}.
 *
 * <p>stdout carries only the protocol: {@code HOST <id> reachable=<0|1>} on each change, {@code READY} once the
 * peer is reachable, {@code PMTUD ...} for --report-pmtud ({@link PmtudReport}), {@code ROTATE ...} and
 * {@code ROTATED} for --rotate-key's steps, {@code TIMEOUT waiting for peer} if it never is, {@code CUT ...} for
 * --cut-link, {@code LINKSTATS ...} per link after the mode ({@link LinkStatsLines}), and {@code RESULT ...}
 * ({@link ResultLine})
 * last. Diagnostics go to stderr through SLF4J. Exit codes: {@value #EXIT_OK} ok, {@value #EXIT_FAILED}
 * corruption or loss, {@value #EXIT_USAGE} bad arguments or a configuration libknet refused,
 * {@value #EXIT_NO_LINK} no link to the peer within --timeout. SIGTERM ends the running mode early; its RESULT is
 * printed and the exit code is the one that RESULT gives.
 *
 * <p>Also usable in-process (tests): {@code new PeerTool(out, err).run(knet, args)} with {@link #stop()} as the
 * SIGTERM.
 */
public final class PeerTool {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NO_LINK = 3;

    /**
     * After READY: time for the peer to see its own link up, since data that arrives earlier is dropped. The C
     * peer's 1 s: with 300 ms, a peer on a busy machine was seen to miss the first messages.
     */
    static final long GRACE_MS = 1000;

    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final PrintStream out;
    private final PrintStream err;
    private final RunControl control = new RunControl();

    public PeerTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PeerTool tool = new PeerTool(System.out, System.err);
        PeerOptions options = tool.parse(args);
        if (options == null) {
            System.exit(EXIT_USAGE);
        }
        if (options.help()) {
            System.out.println(PeerOptions.USAGE);
            System.exit(EXIT_OK);
        }
        // slf4j-simple reads its level when the first logger is made: nothing has logged yet
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, options.slf4jLevel());
        }
        Knet knet;
        try {
            knet = KnetLocator.create();
        } catch (IllegalStateException e) {
            System.err.println("knet4j-peer: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        AtomicInteger code = new AtomicInteger(EXIT_FAILED);
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exiting.get()) {
                return; // a normal exit: let the other hooks (a flight recording's dump, say) run
            }
            tool.stop();
            try {
                if (done.await(15, TimeUnit.SECONDS)) {
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(code.get()); // the RESULT's exit code, not 143
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "knet4j-peer-sigterm"));
        code.set(tool.run(knet, options));
        done.countDown();
        exiting.set(true);
        System.exit(code.get());
    }

    /**
     * Parse {@code args} and run the mode on a handle of {@code knet} (which stays open: the caller owns it).
     *
     * @return the exit code
     */
    public int run(Knet knet, String... args) {
        PeerOptions options = parse(args);
        if (options == null) {
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(PeerOptions.USAGE);
            return EXIT_OK;
        }
        return run(knet, options);
    }

    /** Ask the running mode to finish now and print its RESULT (what SIGTERM does). */
    public void stop() {
        control.requestStop();
    }

    /** @return the options, or null after printing the error and the usage to stderr */
    private PeerOptions parse(String[] args) {
        try {
            return PeerOptions.parse(args);
        } catch (UsageException e) {
            err.println("knet4j-peer: " + e.getMessage());
            err.println(PeerOptions.USAGE);
            return null;
        }
    }

    int run(Knet knet, PeerOptions options) {
        PeerLog log = new PeerLog(options.id(), options.logLevel(), err);
        PeerConsole console = new PeerConsole(out);
        PeerNode node;
        try {
            node = PeerNode.open(knet, options, console, log);
        } catch (KnetException e) {
            err.println("knet4j-peer: cannot set up host " + options.id() + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        PmtudReport pmtud = options.reportPmtud() ? PmtudReport.attach(node.handle(), options.peerId(), log) : null;
        ModeRunner runner = ModeRunner.of(options, node, control, log);
        try {
            runner.prepare();
            if (!node.awaitPeer(control)) { // also on a stop request, as the C peer
                node.close();
                console.line("TIMEOUT waiting for peer");
                return EXIT_NO_LINK;
            }
            console.line("READY");
            TimeUnit.MILLISECONDS.sleep(GRACE_MS);
            if (pmtud != null) {
                boolean discovered = pmtud.await(options.timeoutNanos(), control);
                console.line(pmtud.line(discovered));
                if (!discovered) {
                    node.close();
                    return EXIT_NO_LINK;
                }
            }
            if (options.rotateCrypto() != null) {
                new KeyRotation(node.handle(), options.rotateCrypto(), options.rotateAfterMs(), console, log).start();
            }
            if (options.redundantLinks().cutLink() >= 0) {
                new LinkCut(node.handle(), options.peerId(), options.redundantLinks().cutLink(),
                        options.redundantLinks().cutAfterMs(), console, log).start();
            }
            ResultLine result = runner.run();
            LinkStatsLines.of(node.handle(), options.peerId(), options.links(), log).forEach(console::line);
            if (options.compress() != null) {
                console.line(compressLine(node.handle().getStats()));
            }
            node.close();
            console.line(result.format());
            return result.exitCode();
        } catch (KnetException e) {
            err.println("knet4j-peer: " + options.mode().flagValue() + " failed: " + e.getMessage());
            node.close();
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.close();
            return EXIT_FAILED;
        }
    }

    /** The compression counters, as the C peer prints them: {@code COMPRESS tx_compressed=N ...}. */
    static String compressLine(HandleStats s) {
        return "COMPRESS tx_compressed=" + s.txCompressedPackets() + " tx_uncompressed=" + s.txUncompressedPackets()
                + " rx_compressed=" + s.rxCompressedPackets() + " rx_failed=" + s.rxDecompressFailedPackets()
                + " tx_time_ave_ns=" + s.txCompressTimeAve() + " rx_time_ave_ns=" + s.rxCompressTimeAve();
    }
}
