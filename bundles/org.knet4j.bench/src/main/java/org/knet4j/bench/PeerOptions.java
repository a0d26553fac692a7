package org.knet4j.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetAddresses;
import org.knet4j.api.KnetException;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LogLevel;

/**
 * The peer's command line, parsed and validated once. The flags and defaults are those of the C peer
 * ({@code bundles/org.knet4j.interop/src/test/c/knet_peer.c}); both {@code --flag value} and {@code --flag=value}
 * are accepted, a repeated flag takes its last value (as getopt_long does). Every error names the flag.
 */
final class PeerOptions {
    static final int MAX_LINKS = 8;
    static final int DEFAULT_COUNT = 1000;
    static final int DEFAULT_SIZE = 1400;
    static final int DEFAULT_RATE = 2000;
    static final int DEFAULT_TIMEOUT_S = 20;
    static final int DEFAULT_PING_INTERVAL_MS = 100;
    static final int DEFAULT_PING_TIMEOUT_MS = 1000;
    static final int DEFAULT_PONG_COUNT = 2;
    /** The C peer's upper bounds. */
    static final long MAX_COUNT = 1L << 40;
    static final int MAX_RATE = 100_000_000;
    static final int MAX_PING_MS = 3_600_000;

    static final String USAGE = String.join("\n",
            "usage: knet4j-peer --id N --peer-id N --bind HOST:PORT --peer HOST:PORT",
            "         --mode echo|send|recv|bench-tx|bench-rx|latency",
            "         [--links N] [--policy passive|active|rr]",
            "         [--crypto MODEL:CIPHER:HASH --key FILE] [--compress MODEL:LEVEL]",
            "         [--count N] [--size BYTES] [--seconds S] [--channel C] [--sync] [--rate N]",
            "         [--timeout S] [--ping-interval MS] [--ping-timeout MS] [--pong-count N]",
            "         [--log-level error|warn|info|debug] [--pmtud-freq S]",
            "         [--rotate-key FILE [--rotate-after-ms MS]] [--pattern seq|runs|random] [--report-pmtud]",
            "         [--bind2 HOST] [--peer2 HOST] [--cut-link L [--cut-after-ms MS]] [--warmup N]",
            "  HOST is IPv4 or [IPv6]; link l (0..links-1) binds PORT+l and targets the peer's PORT+l,",
            "  with priority links-1-l. Defaults: --links 1 --policy passive --count 1000 --size 1400",
            "  --channel 0 --rate 2000 (msgs/s, 0 = unpaced) --timeout 20 --ping-interval 100",
            "  --ping-timeout 1000 --pong-count 2 --log-level warn. --seconds: send and bench-tx run that long",
            "  instead of --count messages, echo stops after it (other modes ignore it); echo --count 0: no limit.",
            "  --rotate-key: MS (default 1000) after the mode starts, put FILE's key in crypto slot 2, 1 s later send",
            "  with slot 2, 1 s later clear slot 1 (prints ROTATE slot2-set, ROTATE use2, ROTATED).",
            "  --pattern: message content after the 8-byte seq: seq (default, (seq+i)&0xff), runs (runs of 32 equal",
            "  bytes: compressible at any size) or random (xorshift32 bytes: incompressible); both peers must agree.",
            "  --report-pmtud: after READY, wait (up to --timeout) for PMTUd to find the path and print",
            "  PMTUD data_mtu=N link_mtu=N (PMTUD timeout ... and exit 3 if it does not) before the mode runs.",
            "  --bind2/--peer2: links 1.. use this local/peer address (ports PORT+l), link 0 keeps --bind/--peer.",
            "  --cut-link L: disable link L --cut-after-ms (default 1000) after the mode starts (prints CUT link=L).",
            "  --warmup N (latency): N round trips first that are not counted (the echo side's --count includes them);",
            "  (recv, bench-rx): the first N messages taken are checked but left out of seconds, msgs_per_s and MBps.",
            "  After the mode, per link: LINKSTATS link=l tx_data=N rx_data=N enabled=0|1 connected=0|1.",
            "  Exit: 0 ok, 1 corruption or loss, 2 bad arguments, 3 no link to the peer.");

    private int id = -1;
    private int peerId = -1;
    private InetSocketAddress bind;
    private InetSocketAddress peer;
    private int links = 1;
    private LinkPolicy policy = LinkPolicy.PASSIVE;
    private String cryptoSpec;
    private Path keyFile;
    private CryptoConfig crypto;
    private Path rotateKeyFile;
    private CryptoConfig rotateCrypto;
    private int rotateAfterMs = 1000;
    private long warmup;
    private PayloadPattern pattern = PayloadPattern.SEQ;
    private CompressConfig compress;
    private Mode mode;
    private long count = DEFAULT_COUNT;
    private int size = DEFAULT_SIZE;
    private double seconds;
    private int channel;
    private boolean sync;
    private int rate = DEFAULT_RATE;
    private int timeoutSeconds = DEFAULT_TIMEOUT_S;
    private int pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
    private int pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS;
    private int pongCount = DEFAULT_PONG_COUNT;
    private LogLevel logLevel = LogLevel.WARN;
    private int pmtudFreq;
    private boolean help;
    /** {@code --report-pmtud} ({@link PmtudReport}). */
    private boolean reportPmtud;
    private final RedundantLinkOptions redundant = new RedundantLinkOptions();

    private PeerOptions() {
    }

    /**
     * Parse and validate {@code args}; reads the key file named by {@code --key}.
     *
     * @throws UsageException naming the first bad, missing or unknown flag
     */
    static PeerOptions parse(String... args) throws UsageException {
        PeerOptions o = new PeerOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (flags start with --)");
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (isSwitch(flag)) {
                if (value != null) {
                    throw new UsageException(flag + " takes no value, got '" + value + "'");
                }
                o.applySwitch(flag);
                continue;
            }
            if (!isValued(flag)) {
                throw new UsageException("unknown flag " + flag);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            o.apply(flag, value);
        }
        if (!o.help) {
            o.validate();
        }
        return o;
    }

    private static boolean isSwitch(String flag) {
        return flag.equals("--sync") || flag.equals("--help") || flag.equals("--report-pmtud");
    }

    private static boolean isValued(String flag) {
        switch (flag) {
            case "--id": case "--peer-id": case "--bind": case "--peer": case "--links": case "--policy":
            case "--crypto": case "--key": case "--compress": case "--mode": case "--count": case "--size":
            case "--seconds": case "--channel": case "--rate": case "--timeout": case "--ping-interval":
            case "--ping-timeout": case "--pong-count": case "--log-level": case "--pmtud-freq":
            case "--rotate-key": case "--rotate-after-ms": case "--pattern": case "--warmup":
                return true;
            default:
                return RedundantLinkOptions.FLAGS.contains(flag);
        }
    }

    private void applySwitch(String flag) {
        if (flag.equals("--sync")) {
            sync = true;
        } else if (flag.equals("--report-pmtud")) {
            reportPmtud = true;
        } else {
            help = true;
        }
    }

    private void apply(String flag, String value) throws UsageException {
        switch (flag) {
            case "--id" -> id = intIn(flag, value, 0, 65535);
            case "--peer-id" -> peerId = intIn(flag, value, 0, 65535);
            case "--bind" -> bind = hostPort(flag, value);
            case "--peer" -> peer = hostPort(flag, value);
            case "--links" -> links = intIn(flag, value, 1, MAX_LINKS);
            case "--policy" -> policy = policy(value);
            case "--crypto" -> cryptoSpec = value;
            case "--key" -> keyFile = Path.of(nonEmpty(flag, value));
            case "--compress" -> compress = compress(value);
            case "--mode" -> mode = mode(value);
            case "--count" -> count = longIn(flag, value, 0, MAX_COUNT);
            case "--size" -> size = intIn(flag, value, 1, 65536);
            case "--seconds" -> seconds = seconds(flag, value);
            case "--channel" -> channel = intIn(flag, value, 0, 31);
            case "--rate" -> rate = intIn(flag, value, 0, MAX_RATE);
            case "--timeout" -> timeoutSeconds = intIn(flag, value, 1, 86400);
            case "--ping-interval" -> pingIntervalMs = intIn(flag, value, 1, MAX_PING_MS);
            case "--ping-timeout" -> pingTimeoutMs = intIn(flag, value, 1, MAX_PING_MS);
            case "--pong-count" -> pongCount = intIn(flag, value, 1, 255);
            case "--log-level" -> logLevel = logLevel(value);
            case "--pmtud-freq" -> pmtudFreq = intIn(flag, value, 1, 86400);
            case "--rotate-key" -> rotateKeyFile = Path.of(nonEmpty(flag, value));
            case "--rotate-after-ms" -> rotateAfterMs = intIn(flag, value, 0, MAX_PING_MS);
            case "--pattern" -> pattern = PayloadPattern.parse(value);
            case "--warmup" -> warmup = longIn(flag, value, 0, MAX_COUNT);
            default -> redundant.apply(flag, value);
        }
    }

    private void validate() throws UsageException {
        require(id >= 0, "--id is required");
        require(peerId >= 0, "--peer-id is required");
        require(bind != null, "--bind is required");
        require(peer != null, "--peer is required");
        require(mode != null, "--mode is required");
        require(peerId != id, "--peer-id must differ from --id (" + id + ")");
        require(bind.getPort() + links - 1 <= 65535,
                "--bind port " + bind.getPort() + " + --links " + links + " - 1 is above 65535");
        require(peer.getPort() + links - 1 <= 65535,
                "--peer port " + peer.getPort() + " + --links " + links + " - 1 is above 65535");
        require(bind.getPort() > 0, "--bind needs a port in 1..65535, got 0");
        require(peer.getPort() > 0, "--peer needs a port in 1..65535, got 0");
        require((bind.getAddress() instanceof Inet4Address) == (peer.getAddress() instanceof Inet4Address),
                "--bind " + bind.getAddress().getHostAddress() + " and --peer "
                        + peer.getAddress().getHostAddress() + " are not the same address family");
        redundant.validate(links, bind.getAddress(), peer.getAddress());
        if (cryptoSpec != null || keyFile != null) {
            require(cryptoSpec != null, "--key needs --crypto MODEL:CIPHER:HASH");
            require(keyFile != null, "--crypto needs --key FILE");
            crypto = crypto(cryptoSpec, keyFile, "--key");
        }
        if (rotateKeyFile != null) {
            require(crypto != null, "--rotate-key needs --crypto MODEL:CIPHER:HASH --key FILE");
            rotateCrypto = crypto(cryptoSpec, rotateKeyFile, "--rotate-key");
        }
    }

    private static void require(boolean ok, String message) throws UsageException {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    // ---------------------------------------------------------------- value parsers

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(flag + " needs a value");
        }
        return value;
    }

    static int intIn(String flag, String value, int min, int max) throws UsageException {
        return (int) longIn(flag, value, min, max);
    }

    static long longIn(String flag, String value, long min, long max) throws UsageException {
        if (!value.matches("-?\\d{1,19}")) {
            throw new UsageException(flag + " needs an integer, got '" + value + "'");
        }
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs an integer, got '" + value + "'", e);
        }
        if (v < min || v > max) {
            String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? ">= " + min : min + ".." + max;
            throw new UsageException(flag + " must be " + range + ", got " + value);
        }
        return v;
    }

    private static double seconds(String flag, String value) throws UsageException {
        if (!value.matches("\\d{1,9}(\\.\\d{0,9})?|\\.\\d{1,9}")) {
            throw new UsageException(flag + " needs a number of seconds >= 0, got '" + value + "'");
        }
        return Double.parseDouble(value);
    }

    private static InetSocketAddress hostPort(String flag, String value) throws UsageException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException(flag + " needs HOST:PORT or [IPV6]:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (!bracketed && host.indexOf(':') >= 0) {
            throw new UsageException(flag + ": write an IPv6 address in brackets, [" + host + "]:PORT, got '"
                    + value + "'");
        }
        int port = intIn(flag + " port", value.substring(colon + 1), 0, 65535);
        try {
            return new InetSocketAddress(KnetAddresses.parseNumericIp(host), port);
        } catch (KnetException e) {
            throw new UsageException(flag + ": '" + host + "' is not a numeric IPv4 or [IPv6] address", e);
        }
    }

    private static LinkPolicy policy(String value) throws UsageException {
        return switch (value) {
            case "passive" -> LinkPolicy.PASSIVE;
            case "active" -> LinkPolicy.ACTIVE;
            case "rr" -> LinkPolicy.ROUND_ROBIN;
            default -> throw new UsageException("--policy must be passive, active or rr, got '" + value + "'");
        };
    }

    private static Mode mode(String value) throws UsageException {
        Mode m = Mode.byFlagValue(value);
        if (m == null) {
            throw new UsageException(
                    "--mode must be echo, send, recv, bench-tx, bench-rx or latency, got '" + value + "'");
        }
        return m;
    }

    private static LogLevel logLevel(String value) throws UsageException {
        return switch (value) {
            case "error" -> LogLevel.ERROR;
            case "warn" -> LogLevel.WARN;
            case "info" -> LogLevel.INFO;
            case "debug" -> LogLevel.DEBUG;
            default -> throw new UsageException("--log-level must be error, warn, info or debug, got '" + value + "'");
        };
    }

    /** MODEL:LEVEL, or MODEL alone for level 0 (as the C peer). */
    private static CompressConfig compress(String value) throws UsageException {
        int colon = value.indexOf(':');
        if (colon < 0) {
            colon = value.length();
        }
        if (colon == 0 || colon == value.length() - 1 || value.indexOf(':', colon + 1) >= 0) {
            throw new UsageException("--compress needs MODEL:LEVEL, got '" + value + "'");
        }
        int level = colon == value.length() ? 0
                : intIn("--compress level", value.substring(colon + 1), Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
        return new CompressConfig(value.substring(0, colon), 0, level);
    }

    private static CryptoConfig crypto(String spec, Path keyFile, String keyFlag) throws UsageException {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new UsageException("--crypto needs MODEL:CIPHER:HASH, got '" + spec + "'");
        }
        byte[] key;
        try {
            key = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new UsageException(keyFlag + ": cannot read " + keyFile + ": " + e, e);
        }
        if (key.length < CryptoConfig.MIN_KEY_LEN || key.length > CryptoConfig.MAX_KEY_LEN) {
            throw new UsageException(keyFlag + ": " + keyFile + " holds " + key.length + " bytes, a key needs "
                    + CryptoConfig.MIN_KEY_LEN + ".." + CryptoConfig.MAX_KEY_LEN);
        }
        return new CryptoConfig(parts[0], parts[1], parts[2], key);
    }

    // ---------------------------------------------------------------- accessors

    /** {@code --help} was given: print the usage and exit 0, nothing else was validated. */
    boolean help() {
        return help;
    }

    int id() {
        return id;
    }

    int peerId() {
        return peerId;
    }

    InetSocketAddress bind() {
        return bind;
    }

    InetSocketAddress peer() {
        return peer;
    }

    /** The local address of link {@code link}: the --bind port plus the link id (links 1..: on --bind2 if given). */
    InetSocketAddress bind(int link) {
        return new InetSocketAddress(redundant.bindHost(link, bind.getAddress()), bind.getPort() + link);
    }

    /** The peer's address of link {@code link}: the --peer port plus the link id (links 1..: on --peer2 if given). */
    InetSocketAddress peer(int link) {
        return new InetSocketAddress(redundant.peerHost(link, peer.getAddress()), peer.getPort() + link);
    }

    /** --bind2, --peer2, --cut-link and --cut-after-ms. */
    RedundantLinkOptions redundantLinks() {
        return redundant;
    }

    int links() {
        return links;
    }

    /** Link 0 is preferred under the passive policy: priority = links - 1 - link. */
    int priority(int link) {
        return links - 1 - link;
    }

    LinkPolicy policy() {
        return policy;
    }

    /** The crypto configuration with the key file's bytes, or null for clear traffic. */
    CryptoConfig crypto() {
        return crypto;
    }

    /** The configuration to rotate to (--crypto with --rotate-key's bytes), or null for no rotation. */
    CryptoConfig rotateCrypto() {
        return rotateCrypto;
    }

    /** {@code --rotate-after-ms}: when the rotation starts, counted from the start of the mode. */
    int rotateAfterMs() {
        return rotateAfterMs;
    }

    /** The message content (both peers must use the same). */
    PayloadPattern pattern() {
        return pattern;
    }

    /** The compression configuration (threshold 0 = libknet's default), or null for none. */
    CompressConfig compress() {
        return compress;
    }

    Mode mode() {
        return mode;
    }

    /**
     * {@code --count} (default 1000, 0..2^40): messages for send, bench-tx (unless --seconds), recv, bench-rx and
     * latency; for echo, 0 means no limit.
     */
    long count() {
        return count;
    }

    /**
     * {@code --warmup} (default 0): latency round trips made before the counted ones, left out of every figure; for
     * recv and bench-rx, messages taken first that are checked but left out of the rate.
     */
    long warmup() {
        return warmup;
    }

    int size() {
        return size;
    }

    /** {@code --seconds}, 0 if not given; read by send and bench-tx (instead of --count) and by echo. */
    double seconds() {
        return seconds;
    }

    /** {@code --seconds} in nanoseconds, {@link Long#MAX_VALUE} if not given. */
    long secondsNanos() {
        return seconds == 0 ? Long.MAX_VALUE : (long) (seconds * 1e9);
    }

    int channel() {
        return channel;
    }

    boolean sync() {
        return sync;
    }

    int rate() {
        return rate;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    long timeoutNanos() {
        return timeoutSeconds * 1_000_000_000L;
    }

    int pingIntervalMs() {
        return pingIntervalMs;
    }

    int pingTimeoutMs() {
        return pingTimeoutMs;
    }

    int pongCount() {
        return pongCount;
    }

    LogLevel logLevel() {
        return logLevel;
    }

    /** The SLF4J simple logger's name for the level. */
    String slf4jLevel() {
        return logLevel.name().toLowerCase(Locale.ROOT);
    }

    /** {@code --pmtud-freq} in seconds, 0 if not given (the handle keeps libknet's 60). */
    int pmtudFreq() {
        return pmtudFreq;
    }

    /** {@code --report-pmtud}: print the discovered MTUs after READY ({@link PmtudReport}). */
    boolean reportPmtud() {
        return reportPmtud;
    }
}
