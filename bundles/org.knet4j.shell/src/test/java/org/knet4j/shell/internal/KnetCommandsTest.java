package org.knet4j.shell.internal;

import org.knet4j.core.testing.LinkedHandles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.HandleStats;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;
import org.knet4j.api.Message;

/** Every knet: command against two linked handles of a real engine: its output and its errors. */
class KnetCommandsTest {
    private LinkedHandles pair;
    private KnetCommands cmd;

    interface Call {
        Object run() throws Exception;
    }

    /** The call fails with {@code error}; returns the message, which the caller checks names the bad value. */
    static String fails(KnetError error, Call call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).as("expected %s", error).isInstanceOf(KnetException.class);
        assertThat(((KnetException) t).error()).as(t.getMessage()).isEqualTo(error);
        return t.getMessage();
    }

    @BeforeEach
    void setUp() throws Exception {
        pair = new LinkedHandles();
        cmd = new KnetCommands(pair.knet);
        assertThat(pair.awaitReachable()).as("the two handles link up").isTrue();
        assertThat(pair.awaitPmtud()).as("the first PMTU discovery settles").isTrue();
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void handlesListsEveryOpenHandle() throws Exception {
        String out = cmd.handles();
        Map<String, String> one = Tables.row(out, "HANDLE", "1");
        assertThat(one).containsEntry("HOSTS", "1").containsEntry("REACHABLE", "1").containsEntry("LINKS", "1")
                .containsEntry("UP", "1").containsEntry("FWD", "yes").containsEntry("PMTUD_S", "60")
                .containsEntry("CRYPTO_TX", "clear").containsEntry("COMPRESS", "none");
        assertThat(Integer.parseInt(one.get("DATA_MTU"))).isEqualTo(pair.one.pmtudGet()).isPositive();
        assertThat(Tables.parse(out)).hasSize(2);

        pair.two.close();
        String after = cmd.handles();
        assertThat(Tables.parse(after)).extracting(r -> r.get("HANDLE")).containsExactly("1");
        assertThat(Tables.row(after, "HANDLE", "1")).containsEntry("HOSTS", "1");
        pair.one.close();
        assertThat(cmd.handles()).isEqualTo("no handles\n");
    }

    @Test
    void hostsShowNamePolicyAndReachability() throws Exception {
        pair.one.hostSetName(2, "node-two");
        Map<String, String> row = Tables.row(cmd.hosts("1"), "HOST", "2");
        assertThat(row).containsEntry("HANDLE", "1").containsEntry("NAME", "node-two")
                .containsEntry("POLICY", "passive").containsEntry("REACHABLE", "yes").containsEntry("LINKS", "1")
                .containsEntry("UP", "1");
        assertThat(Tables.parse(cmd.hosts())).hasSize(2);

        pair.one.linkSetEnable(2, 0, false);
        assertThat(Tables.row(cmd.hosts("1"), "HOST", "2")).containsEntry("REACHABLE", "no")
                .containsEntry("UP", "0");
    }

    @Test
    void linksShowStateLatencyPongsMtuAndCounters() throws Exception {
        Map<String, String> row = Tables.row(cmd.links("1", "2"), "LINK", "0");
        assertThat(row).containsEntry("HANDLE", "1").containsEntry("HOST", "2").containsEntry("STATE", "up")
                .containsEntry("SOURCE", "127.0.0.1:6101").containsEntry("DESTINATION", "127.0.0.1:6102")
                .containsEntry("PONG_COUNT", "2").containsEntry("TX_ERRORS", "0");
        assertThat(Long.parseLong(row.get("PONGS"))).isPositive();
        assertThat(Long.parseLong(row.get("PONG_AGO_MS"))).isBetween(0L, 1000L);
        assertThat(Long.parseLong(row.get("MTU"))).isEqualTo(pair.one.linkGetStatus(2, 0).mtu()).isPositive();
        assertThat(Long.parseLong(row.get("TX_PKTS"))).isPositive();
        assertThat(Long.parseLong(row.get("RX_BYTES"))).isPositive();
        assertThat(Long.parseLong(row.get("UPS"))).isEqualTo(1);
        assertThat(Tables.parse(cmd.links())).hasSize(2);
        assertThat(Tables.parse(cmd.links("2"))).singleElement().satisfies(r -> assertThat(r).containsEntry(
                "HOST", "1"));

        pair.one.linkSetEnable(2, 0, false);
        assertThat(Tables.row(cmd.links("1"), "LINK", "0")).containsEntry("STATE", "disabled");
        assertThat(fails(KnetError.EINVAL, () -> cmd.links("1", "9"))).contains("host 9");
        assertThat(fails(KnetError.EINVAL, () -> cmd.links("1", "x9"))).contains("'x9'");
    }

    /**
     * Both handles encrypt (so the handle counters move), three messages go out, then both links are disabled so
     * that no ping changes a counter while the output is compared with the record.
     */
    private void encryptSendThreeAndQuiesce() throws Exception {
        byte[] key = new byte[128];
        java.util.Arrays.fill(key, (byte) 42);
        CryptoConfig c = new CryptoConfig("jce", "aes128", "sha1", key);
        pair.one.crypto(c);
        pair.two.crypto(c);
        assertThat(pair.awaitReachable()).isTrue();
        for (int i = 0; i < 3; i++) {
            cmd.send("1", "2", "0", "hello " + i);
        }
        pair.one.linkSetEnable(2, 0, false);
        pair.two.linkSetEnable(1, 0, false);
        pair.transport.sync();
    }

    @Test
    void statsShowEveryHandleCounter() throws Exception {
        encryptSendThreeAndQuiesce();
        String out = cmd.stats("1");
        assertThat(out).startsWith("handle 1\n");
        HandleStats now = pair.one.getStats();
        for (RecordComponent rc : HandleStats.class.getRecordComponents()) {
            assertThat(Tables.row(out, "COUNTER", rc.getName())).as(rc.getName())
                    .containsEntry("VALUE", String.valueOf(rc.getAccessor().invoke(now)));
        }
        assertThat(Long.parseLong(Tables.row(out, "COUNTER", "txCryptPackets").get("VALUE")))
                .as("3 messages, and PMTUd probes").isGreaterThanOrEqualTo(3);
        assertThat(Tables.row(cmd.stats("2"), "COUNTER", "rxCryptPackets")).containsEntry("VALUE", "3");
        assertThat(fails(KnetError.EINVAL, () -> cmd.stats("7"))).contains("host id 7").contains("[1, 2]");
    }

    @Test
    void sendDeliversThroughSendSyncToTheHostTheFilterPicks() throws Exception {
        String out = cmd.send("1", "2", "0", "hello knet");
        assertThat(out).isEqualTo("sent 10 bytes from handle 1 to host 2 on channel 0\n");
        Message m = pair.channelTwo.receive(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        assertThat(new String(m.data(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello knet");
        assertThat(m.sourceHostId()).isEqualTo(1);
    }

    @Test
    void sendRefusesWhatSendSyncCannotDo() throws Exception {
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "3", "0", "x"))).contains("host 3")
                .contains("not a host of handle 1");
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "2", "32", "x"))).contains("channel 32");
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "2", "zero", "x"))).contains("'zero'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "2", "0", ""))).contains("0 bytes");
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "2", "5", "x"))).contains("channel 5"); // not open

        // host 3 exists but the filter sends to 2: the shell must not send to 2 and claim it went to 3
        pair.one.hostAdd(3);
        assertThat(fails(KnetError.EINVAL, () -> cmd.send("1", "3", "0", "x"))).contains("to host 2")
                .contains("not to host 3");
        pair.one.enableFilter((data, req) -> FilterVerdict.BROADCAST);
        assertThat(fails(KnetError.E2BIG, () -> cmd.send("1", "2", "0", "x"))).contains("every host");
        pair.one.enableFilter((data, req) -> FilterVerdict.DROP);
        assertThat(fails(KnetError.EFAULT, () -> cmd.send("1", "2", "0", "x"))).contains("drops");
        pair.one.enableFilter(null);
        assertThat(fails(KnetError.ENETDOWN, () -> cmd.send("1", "2", "0", "x"))).contains("no destination filter");
        pair.one.enableFilter(DestinationFilter.unicastTo(2));
        pair.one.setForwarding(false);
        fails(KnetError.ECANCELED, () -> cmd.send("1", "2", "0", "x")); // the engine's own check
        assertThat(pair.channelTwo.receive(Duration.ofMillis(200))).as("nothing was sent").isNull();
    }

    @Test
    void cryptoShowsSetsUsesAndClearsSlots(@TempDir Path dir) throws Exception {
        String shown = cmd.crypto("1");
        assertThat(shown).startsWith("handle 1: sending in clear; clear traffic on receive allowed\n")
                .contains("installed models: ").contains("jce");
        assertThat(Tables.row(shown, "SLOT", "1")).containsEntry("MODEL", "none").containsEntry("SENDING", "no");

        Path key = dir.resolve("key");
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        Files.write(key, bytes);
        assertThat(cmd.crypto("1", "2", "jce", "aes256", "sha256", key.toString()))
                .isEqualTo("handle 1: crypto slot 2 = jce:aes256:sha256 (256-byte key)\n");
        assertThat(cmd.crypto("1", "use", "2")).isEqualTo("handle 1: sending with slot 2\n");
        assertThat(cmd.crypto("1", "rxclear", "refuse")).isEqualTo("handle 1: clear traffic on receive refused\n");
        assertThat(pair.one.cryptoGetConfig(2)).isEqualTo(new CryptoConfig("jce", "aes256", "sha256", bytes));
        shown = cmd.crypto("1");
        assertThat(shown).startsWith("handle 1: sending with slot 2; clear traffic on receive refused\n");
        assertThat(Tables.row(shown, "SLOT", "2")).containsEntry("MODEL", "jce").containsEntry("CIPHER", "aes256")
                .containsEntry("HASH", "sha256").containsEntry("KEY_BYTES", "256").containsEntry("SENDING", "yes");
        assertThat(shown).doesNotContain(Integer.toString(bytes[0])); // the key itself is never printed
        assertThat(Tables.row(cmd.handles(), "HANDLE", "1")).containsEntry("CRYPTO_TX", "slot 2");

        fails(KnetError.EBUSY, () -> cmd.crypto("1", "clear", "2")); // in use for sending
        cmd.crypto("1", "use", "0");
        assertThat(cmd.crypto("1", "clear", "2")).isEqualTo("handle 1: crypto slot 2 cleared\n");
        assertThat(pair.one.cryptoGetConfig(2).disables()).isTrue();

        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "3", "jce", "aes256", "sha256", key.toString())))
                .contains("crypto slot 3");
        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "1", "jce", "aes256", "sha256", "/no/such/key")))
                .contains("'/no/such/key'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "1", "rot13", "aes256", "sha256",
                key.toString()))).contains("'rot13'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "spin", "1"))).contains("'spin'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "rxclear", "maybe"))).contains("'maybe'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.crypto("1", "use", "1"))).contains("slot 1 is empty");
    }

    @Test
    void compressShowsAndSets() throws Exception {
        String shown = cmd.compress("1");
        assertThat(Tables.row(shown, "MODEL", "none")).containsEntry("THRESHOLD", "100");
        assertThat(shown).contains("installed models: ");
        assertThat(cmd.compress("1", "none")).isEqualTo("handle 1: compression none\n");
        assertThat(cmd.compress("1", "none", "500", "0")).isEqualTo("handle 1: compression none\n");
        assertThat(Tables.row(cmd.compress("1"), "MODEL", "none")).containsEntry("THRESHOLD", "500");
        assertThat(fails(KnetError.EINVAL, () -> cmd.compress("1", "zzip", "0", "1"))).contains("'zzip'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.compress("1", "none", "70000", "0"))).contains("70000");
        assertThat(fails(KnetError.EINVAL, () -> cmd.compress("1", "none", "0", "high"))).contains("'high'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.compress("1", "zlib"))).contains("'zlib'");
    }

    @Test
    void pmtudShowsAndSetsIntervalAndManualMtu() throws Exception {
        String shown = cmd.pmtud("1");
        assertThat(shown).startsWith("handle 1: data MTU " + pair.one.pmtudGet() + ", PMTUd every 60 s\n");
        assertThat(Tables.row(shown, "HOST", "2")).containsEntry("STATE", "up")
                .containsEntry("MTU", Integer.toString(pair.one.linkGetStatus(2, 0).mtu()));

        assertThat(cmd.pmtud("1", "freq", "30")).isEqualTo("handle 1: PMTUd every 30 s\n");
        assertThat(pair.one.pmtudGetFreq()).isEqualTo(30);
        String set = cmd.pmtud("1", "mtu", "1000");
        assertThat(set).startsWith("handle 1: interface MTU set to 1000, data MTU now ");
        int forced = pair.one.pmtudGet();
        assertThat(forced).isLessThan(1000);
        assertThat(set).endsWith(forced + "\n");
        assertThat(cmd.pmtud("1", "mtu", "0")).startsWith("handle 1: MTU discovery on");

        assertThat(fails(KnetError.EINVAL, () -> cmd.pmtud("1", "freq", "0"))).contains("0 is outside 1..86400");
        assertThat(fails(KnetError.EINVAL, () -> cmd.pmtud("1", "mtu", "70000"))).contains("70000");
        assertThat(fails(KnetError.EINVAL, () -> cmd.pmtud("1", "speed", "1"))).contains("'speed'");
    }

    @Test
    void loglevelShowsAndSets() throws Exception {
        assertThat(Tables.row(cmd.loglevel("1"), "SUBSYSTEM", "tx")).containsEntry("LEVEL", "WARNING")
                .containsEntry("ID", "23");
        assertThat(cmd.loglevel("1", "tx", "debug")).isEqualTo("handle 1: tx at debug\n");
        assertThat(pair.one.logGetLevel(LogSubsystem.TX)).isEqualTo(LogLevel.DEBUG);
        assertThat(pair.one.logGetLevel(LogSubsystem.RX)).isEqualTo(LogLevel.WARN);
        assertThat(Tables.row(cmd.loglevel("1"), "SUBSYSTEM", "tx")).containsEntry("LEVEL", "debug");
        assertThat(cmd.loglevel("1", "all", "1")).isEqualTo("handle 1: every subsystem at WARNING\n");
        assertThat(pair.one.logGetLevel(LogSubsystem.TX)).isEqualTo(LogLevel.WARN);

        assertThat(fails(KnetError.EINVAL, () -> cmd.loglevel("1", "tx", "loud"))).contains("'loud'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.loglevel("1", "gpu", "info"))).contains("'gpu'");
    }

    @Test
    void clearstatsClearsTheScopeItNames() throws Exception {
        encryptSendThreeAndQuiesce();
        assertThat(pair.one.getStats().txCryptPackets()).isPositive();
        assertThat(pair.one.linkGetStatus(2, 0).stats().txDataPackets()).isEqualTo(3);

        assertThat(cmd.clearstats("1", "handle")).isEqualTo("handle 1: handle counters cleared\n");
        assertThat(pair.one.getStats().txCryptPackets()).isZero();
        assertThat(pair.one.linkGetStatus(2, 0).stats().txDataPackets()).as("links untouched").isEqualTo(3);

        assertThat(cmd.clearstats("1")).isEqualTo("handle 1: handle and link counters cleared\n");
        assertThat(pair.one.linkGetStatus(2, 0).stats().txDataPackets()).isZero();
        assertThat(fails(KnetError.EINVAL, () -> cmd.clearstats("1", "links"))).contains("'links'");
    }

    @Test
    void aBadHandleIsNamed() {
        assertThat(fails(KnetError.EINVAL, () -> cmd.hosts("one"))).contains("'one'");
        assertThat(fails(KnetError.EINVAL, () -> cmd.hosts("70000"))).contains("70000 is outside 0..65535");
        assertThat(fails(KnetError.EINVAL, () -> cmd.pmtud("9"))).contains("no handle has host id 9");
    }
}
