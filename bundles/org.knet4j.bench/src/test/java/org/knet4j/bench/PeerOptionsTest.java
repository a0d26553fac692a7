package org.knet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LogLevel;

class PeerOptionsTest {
    private static final String[] REQUIRED = {"--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:5000",
            "--peer", "127.0.0.1:6000", "--mode", "recv"};

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(REQUIRED));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    private static PeerOptions parse(String... args) throws UsageException {
        return PeerOptions.parse(args);
    }

    @Test
    void reportPmtudIsASwitchThatDefaultsOff() throws Exception {
        assertThat(parse(REQUIRED).reportPmtud()).isFalse();
        assertThat(parse(with("--report-pmtud")).reportPmtud()).isTrue();
        assertThatThrownBy(() -> parse(with("--report-pmtud=1"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--report-pmtud takes no value");
    }

    @Test
    void defaults() throws Exception {
        PeerOptions o = parse(REQUIRED);
        assertThat(o.id()).isEqualTo(1);
        assertThat(o.peerId()).isEqualTo(2);
        assertThat(o.bind()).isEqualTo(new InetSocketAddress("127.0.0.1", 5000));
        assertThat(o.peer()).isEqualTo(new InetSocketAddress("127.0.0.1", 6000));
        assertThat(o.mode()).isEqualTo(Mode.RECV);
        assertThat(o.links()).isEqualTo(1);
        assertThat(o.policy()).isEqualTo(LinkPolicy.PASSIVE);
        assertThat(o.crypto()).isNull();
        assertThat(o.compress()).isNull();
        assertThat(o.count()).isEqualTo(1000);
        assertThat(o.size()).isEqualTo(1400);
        assertThat(o.seconds()).isZero();
        assertThat(o.secondsNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(o.channel()).isZero();
        assertThat(o.sync()).isFalse();
        assertThat(o.rate()).isEqualTo(2000);
        assertThat(o.timeoutSeconds()).isEqualTo(20);
        assertThat(o.pingIntervalMs()).isEqualTo(100);
        assertThat(o.pingTimeoutMs()).isEqualTo(1000);
        assertThat(o.pongCount()).isEqualTo(2);
        assertThat(o.logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(o.slf4jLevel()).isEqualTo("warn");
        assertThat(o.pmtudFreq()).isZero();
        assertThat(o.help()).isFalse();
    }

    @Test
    void everyFlag(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Files.write(key, new byte[256]);
        PeerOptions o = parse("--id", "7", "--peer-id", "9", "--bind", "[::1]:7000", "--peer", "[::1]:7100",
                "--links", "3", "--policy", "active", "--crypto", "nss:aes256:sha256", "--key", key.toString(),
                "--compress", "zlib:5", "--mode", "bench-tx", "--count", "5000", "--size", "65536",
                "--seconds", "2.5", "--channel", "31", "--sync", "--rate", "0", "--timeout", "5",
                "--ping-interval", "200", "--ping-timeout", "900", "--pong-count", "5", "--log-level", "debug",
                "--pmtud-freq", "30");
        assertThat(o.id()).isEqualTo(7);
        assertThat(o.peerId()).isEqualTo(9);
        assertThat(o.bind().getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(o.bind(2)).isEqualTo(new InetSocketAddress("::1", 7002));
        assertThat(o.peer(2)).isEqualTo(new InetSocketAddress("::1", 7102));
        assertThat(o.links()).isEqualTo(3);
        assertThat(o.priority(0)).isEqualTo(2);
        assertThat(o.priority(2)).isZero();
        assertThat(o.policy()).isEqualTo(LinkPolicy.ACTIVE);
        assertThat(o.crypto().model()).isEqualTo("nss");
        assertThat(o.crypto().cipher()).isEqualTo("aes256");
        assertThat(o.crypto().hash()).isEqualTo("sha256");
        assertThat(o.crypto().key()).hasSize(256);
        assertThat(o.compress()).isEqualTo(new CompressConfig("zlib", 0, 5));
        assertThat(o.mode()).isEqualTo(Mode.BENCH_TX);
        assertThat(o.count()).isEqualTo(5000);
        assertThat(o.size()).isEqualTo(65536);
        assertThat(o.seconds()).isEqualTo(2.5);
        assertThat(o.secondsNanos()).isEqualTo(2_500_000_000L);
        assertThat(o.channel()).isEqualTo(31);
        assertThat(o.sync()).isTrue();
        assertThat(o.rate()).isZero();
        assertThat(o.timeoutSeconds()).isEqualTo(5);
        assertThat(o.pingIntervalMs()).isEqualTo(200);
        assertThat(o.pingTimeoutMs()).isEqualTo(900);
        assertThat(o.pongCount()).isEqualTo(5);
        assertThat(o.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(o.pmtudFreq()).isEqualTo(30);
    }

    @Test
    void warmupDefaultsToNoneAndRefusesNegatives() throws Exception {
        assertThat(parse(REQUIRED).warmup()).isZero();
        assertThat(parse(with("--warmup", "5000")).warmup()).isEqualTo(5000);
        assertThatThrownBy(() -> parse(with("--warmup", "-1"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--warmup");
    }

    @Test
    void equalsFormAndLastValueWins() throws Exception {
        PeerOptions o = parse(with("--count=5", "--size", "10", "--size=20", "--policy=rr"));
        assertThat(o.count()).isEqualTo(5);
        assertThat(o.size()).isEqualTo(20);
        assertThat(o.policy()).isEqualTo(LinkPolicy.ROUND_ROBIN);
    }

    @ParameterizedTest
    @CsvSource({"echo,ECHO", "send,SEND", "recv,RECV", "bench-tx,BENCH_TX", "bench-rx,BENCH_RX",
            "latency,LATENCY"})
    void everyMode(String flag, Mode mode) throws Exception {
        assertThat(parse(with("--mode", flag)).mode()).isEqualTo(mode);
        assertThat(mode.flagValue()).isEqualTo(flag);
    }

    @ParameterizedTest
    @CsvSource({"error,ERROR", "warn,WARN", "info,INFO", "debug,DEBUG"})
    void everyLogLevel(String flag, LogLevel level) throws Exception {
        PeerOptions o = parse(with("--log-level", flag));
        assertThat(o.logLevel()).isEqualTo(level);
        assertThat(o.slf4jLevel()).isEqualTo(flag);
    }

    @Test
    void zeroMeansUnsetAsInTheCPeer() throws Exception {
        PeerOptions o = parse(with("--seconds", "0", "--count", "0"));
        assertThat(o.seconds()).isZero();
        assertThat(o.secondsNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(o.count()).isZero();
        assertThat(parse(with("--seconds", ".5")).secondsNanos()).isEqualTo(500_000_000L);
        assertThat(parse(with("--count", "1099511627776")).count()).isEqualTo(1L << 40);
    }

    @Test
    void compressLevel() throws Exception {
        assertThat(parse(with("--compress", "zstd:-5")).compress().level()).isEqualTo(-5);
        assertThat(parse(with("--compress", "lz4")).compress()).isEqualTo(new CompressConfig("lz4", 0, 0));
    }

    @Test
    void help() throws Exception {
        assertThat(parse("--help").help()).isTrue();
    }

    @Nested
    class Errors {
        private void fails(String expected, String... args) {
            assertThatThrownBy(() -> PeerOptions.parse(args)).isInstanceOf(UsageException.class)
                    .hasMessageContaining(expected);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "--id|-1|--id must be 0..65535, got -1",
            "--id|65536|--id must be 0..65535",
            "--id|x|--id needs an integer, got 'x'",
            "--peer-id|70000|--peer-id must be 0..65535",
            "--peer-id|1|--peer-id must differ from --id",
            "--bind|127.0.0.1|--bind needs HOST:PORT",
            "--bind|127.0.0.1:|--bind needs HOST:PORT",
            "--bind|host.example:5000|--bind: 'host.example' is not a numeric",
            "--bind|300.1.1.1:5000|--bind: '300.1.1.1' is not a numeric",
            "--bind|::1:5000|--bind: write an IPv6 address in brackets",
            "--bind|127.0.0.1:70000|--bind port must be 0..65535",
            "--bind|127.0.0.1:0|--bind needs a port in 1..65535",
            "--bind|[::1]:5000|are not the same address family",
            "--peer|10.0.0.1:x|--peer port needs an integer",
            "--peer|127.0.0.1:0|--peer needs a port in 1..65535",
            "--links|0|--links must be 1..8",
            "--links|9|--links must be 1..8",
            "--policy|fast|--policy must be passive, active or rr, got 'fast'",
            "--mode|ping|--mode must be echo, send, recv, bench-tx, bench-rx or latency, got 'ping'",
            "--count|-1|--count must be 0..1099511627776, got -1",
            "--count|1099511627777|--count must be 0..1099511627776",
            "--count|1e3|--count needs an integer, got '1e3'",
            "--size|0|--size must be 1..65536",
            "--size|65537|--size must be 1..65536",
            "--seconds|-1|--seconds needs a number of seconds >= 0, got '-1'",
            "--seconds|1e3|--seconds needs a number of seconds",
            "--seconds|soon|--seconds needs a number of seconds",
            "--channel|32|--channel must be 0..31",
            "--channel|-1|--channel must be 0..31",
            "--rate|-5|--rate must be 0..100000000",
            "--rate|100000001|--rate must be 0..100000000",
            "--timeout|0|--timeout must be 1..86400",
            "--ping-interval|0|--ping-interval must be 1..3600000",
            "--ping-timeout|3600001|--ping-timeout must be 1..3600000",
            "--pong-count|0|--pong-count must be 1..255",
            "--pong-count|256|--pong-count must be 1..255",
            "--log-level|trace|--log-level must be error, warn, info or debug, got 'trace'",
            "--pmtud-freq|0|--pmtud-freq must be 1..86400",
            "--compress|zlib:|--compress needs MODEL:LEVEL",
            "--compress|a:1:2|--compress needs MODEL:LEVEL",
            "--compress|zlib:x|--compress level needs an integer",
            "--compress|:1|--compress needs MODEL:LEVEL",
        })
        void badValue(String flag, String value, String expected) {
            fails(expected, with(flag, value));
        }

        @Test
        void portsRunOutWithLinks() {
            fails("--bind port 65530 + --links 8 - 1 is above 65535",
                    "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:65530", "--peer", "127.0.0.1:6000",
                    "--mode", "recv", "--links", "8");
            fails("--peer port 65535 + --links 2 - 1 is above 65535",
                    "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:5000", "--peer", "127.0.0.1:65535",
                    "--mode", "recv", "--links", "2");
        }

        @Test
        void missingRequiredFlags() {
            fails("--id is required", "--peer-id", "2", "--bind", "127.0.0.1:1", "--peer", "127.0.0.1:2",
                    "--mode", "recv");
            fails("--peer-id is required", "--id", "2", "--bind", "127.0.0.1:1", "--peer", "127.0.0.1:2",
                    "--mode", "recv");
            fails("--bind is required", "--id", "1", "--peer-id", "2", "--peer", "127.0.0.1:2", "--mode", "recv");
            fails("--peer is required", "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:2", "--mode", "recv");
            fails("--mode is required", "--id", "1", "--peer-id", "2", "--bind", "127.0.0.1:1", "--peer",
                    "127.0.0.1:2");
        }

        @Test
        void missingValue() {
            fails("--count needs a value", with("--count"));
            fails("--key needs a value", with("--key="));
        }

        @Test
        void unknownAndStray() {
            fails("unknown flag --colour", with("--colour", "red"));
            fails("unexpected argument 'recv'", with("recv"));
            fails("unexpected argument '-c'", with("-c", "5"));
            fails("--sync takes no value, got 'yes'", with("--sync=yes"));
        }

        @Test
        void crypto(@TempDir Path dir) throws IOException {
            Path key = dir.resolve("key");
            Files.write(key, new byte[128]);
            Path shortKey = dir.resolve("short");
            Files.write(shortKey, new byte[127]);
            Path longKey = dir.resolve("long");
            Files.write(longKey, new byte[4097]);
            fails("--crypto needs --key FILE", with("--crypto", "nss:aes256:sha256"));
            fails("--key needs --crypto MODEL:CIPHER:HASH", with("--key", key.toString()));
            fails("--crypto needs MODEL:CIPHER:HASH, got 'nss:aes256'",
                    with("--crypto", "nss:aes256", "--key", key.toString()));
            fails("--crypto needs MODEL:CIPHER:HASH, got 'nss::sha1'",
                    with("--crypto", "nss::sha1", "--key", key.toString()));
            fails("--key: cannot read", with("--crypto", "nss:aes256:sha256", "--key", dir.resolve("nope").toString()));
            fails("holds 127 bytes, a key needs 128..4096",
                    with("--crypto", "nss:aes256:sha256", "--key", shortKey.toString()));
            fails("holds 4097 bytes", with("--crypto", "nss:aes256:sha256", "--key", longKey.toString()));
        }
    }
}
