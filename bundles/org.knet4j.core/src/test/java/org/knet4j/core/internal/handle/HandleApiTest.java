package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.handle.Errors.expect;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.ClearStatsScope;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;
import org.knet4j.core.internal.KnetImpl;

/** Handle-level calls: channels, send/recv arguments, PMTUd settings, crypto/compress without plugins, logging. */
class HandleApiTest {
    private KnetImpl knet;
    private KnetHandle h;

    @BeforeEach
    void setUp() throws Exception {
        knet = new KnetImpl();
        h = knet.newHandle(HandleOptions.of(1));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void newHandleChecksHostId() {
        expect(KnetError.EINVAL, () -> knet.newHandle(HandleOptions.of(65536)));
        expect(KnetError.EINVAL, () -> knet.newHandle(HandleOptions.of(-1)));
        expect(KnetError.EINVAL, () -> knet.newHandle(null));
    }

    @Test
    void channelsNeedSockNotifyAndAreLimitedTo32() throws Exception {
        expect(KnetError.EINVAL, () -> h.openChannel(0));
        expect(KnetError.EINVAL, () -> h.enableSockNotify(null));
        h.enableSockNotify((c, d, e, r) -> { });
        expect(KnetError.EINVAL, () -> h.openChannel(32));
        expect(KnetError.EINVAL, () -> h.openChannel(-2));
        DataChannel c5 = h.openChannel(5);
        expect(KnetError.EBUSY, () -> h.openChannel(5));
        assertThat(h.getChannel(5)).isSameAs(c5);
        DataChannel auto = h.openChannel(-1);
        assertThat(auto.channel()).isZero();
        for (int i = 0; i < 30; i++) {
            h.openChannel(-1);
        }
        expect(KnetError.EBUSY, () -> h.openChannel(-1));
        c5.close();
        expect(KnetError.EINVAL, () -> h.getChannel(5));
        expect(KnetError.EINVAL, () -> c5.send(ByteBuffer.allocate(1)));
        assertThat(h.openChannel(-1).channel()).isEqualTo(5);
    }

    @Test
    void sendAndRecvValidateArguments() throws Exception {
        h.enableSockNotify((c, d, e, r) -> { });
        h.openChannel(0);
        expect(KnetError.EINVAL, () -> h.send(0, ByteBuffer.allocate(0)));
        expect(KnetError.EINVAL, () -> h.send(0, ByteBuffer.allocate(65537)));
        expect(KnetError.EINVAL, () -> h.send(32, ByteBuffer.allocate(1)));
        expect(KnetError.EINVAL, () -> h.send(1, ByteBuffer.allocate(1)));
        expect(KnetError.EINVAL, () -> h.recv(1, ByteBuffer.allocate(10), 0));
        expect(KnetError.EINVAL, () -> h.recv(0, ByteBuffer.allocate(0), 0));
        assertThat(h.recv(0, ByteBuffer.allocate(10), 10)).isEqualTo(-1);
        h.send(0, ByteBuffer.allocate(65536)); // accepted (queued; nobody to send to)
    }

    @Test
    void pmtudSettings() throws Exception {
        assertThat(h.pmtudGetFreq()).isEqualTo(60);
        expect(KnetError.EINVAL, () -> h.pmtudSetFreq(0));
        expect(KnetError.EINVAL, () -> h.pmtudSetFreq(86401));
        h.pmtudSetFreq(86400);
        assertThat(h.pmtudGetFreq()).isEqualTo(86400);
        expect(KnetError.EINVAL, () -> h.pmtudSet(65536));
        expect(KnetError.EINVAL, () -> h.pmtudSet(-1));
        assertThat(h.pmtudGet()).isEqualTo(482);
    }

    @Test
    void cryptoAndCompressFailAsLibknetWithoutPlugins() throws Exception {
        byte[] key = new byte[128];
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(new CryptoConfig("openssl", "aes256", "sha256", key), 1));
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(new CryptoConfig("openssl", "aes256", "sha256", key), 0));
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(new CryptoConfig("openssl", "aes256", "sha256", key), 3));
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(
                new CryptoConfig("openssl", "aes256", "sha256", new byte[127]), 1));
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(
                new CryptoConfig("openssl", "aes256", "sha256", new byte[4097]), 1));
        expect(KnetError.EINVAL, () -> h.cryptoSetConfig(new CryptoConfig("openssl", "aes256", "none", key), 1));
        h.cryptoSetConfig(CryptoConfig.none(), 1); // clearing an empty slot is fine
        expect(KnetError.EINVAL, () -> h.cryptoUseConfig(1)); // empty slot
        expect(KnetError.EINVAL, () -> h.cryptoUseConfig(3));
        h.cryptoUseConfig(0);
        expect(KnetError.EINVAL, () -> h.compress(new CompressConfig("zlib", 0, 6)));
        expect(KnetError.EINVAL, () -> h.compress(new CompressConfig("foo", 0, 6)));
        expect(KnetError.EINVAL, () -> h.compress(new CompressConfig("none", 65537, 0)));
        h.compress(CompressConfig.none());
        assertThat(knet.cryptoList()).isEmpty();
        assertThat(knet.compressList()).isEmpty();
    }

    @Test
    void filterAndCryptoStateCanBeReadBack() throws Exception {
        assertThat(h.filter()).isNull();
        DestinationFilter f = DestinationFilter.unicastTo(2);
        h.enableFilter(f);
        assertThat(h.filter()).isSameAs(f);

        assertThat(h.cryptoGetUseConfig()).isZero();
        assertThat(h.cryptoGetConfig(1)).isEqualTo(CryptoConfig.none());
        assertThat(h.cryptoRxClearTrafficAllowed()).isTrue();
        expect(KnetError.EINVAL, () -> h.cryptoGetConfig(0));
        expect(KnetError.EINVAL, () -> h.cryptoGetConfig(3));

        knet.plugins().addCrypto(new SendSyncTest.FailingCrypto());
        CryptoConfig c = new CryptoConfig("failing", "aes256", "sha256", new byte[200]);
        h.cryptoSetConfig(c, 2);
        h.cryptoUseConfig(2);
        h.cryptoRxClearTraffic(false);
        assertThat(h.cryptoGetConfig(2)).isEqualTo(c);
        assertThat(h.cryptoGetConfig(1)).isEqualTo(CryptoConfig.none());
        assertThat(h.cryptoGetUseConfig()).isEqualTo(2);
        assertThat(h.cryptoRxClearTrafficAllowed()).isFalse();
    }

    @Test
    void reconnectIntervalAndLogLevels() throws Exception {
        assertThat(h.getTransportReconnectInterval()).isEqualTo(1000);
        expect(KnetError.EINVAL, () -> h.setTransportReconnectInterval(0));
        h.setTransportReconnectInterval(500);
        assertThat(h.getTransportReconnectInterval()).isEqualTo(500);
        assertThat(h.logGetLevel(LogSubsystem.RX)).isEqualTo(LogLevel.WARN);
        h.logSetLevel(LogSubsystem.RX, LogLevel.DEBUG);
        assertThat(h.logGetLevel(LogSubsystem.RX)).isEqualTo(LogLevel.DEBUG);
        assertThat(h.logGetLevel(LogSubsystem.TX)).isEqualTo(LogLevel.WARN);
        assertThat(LogSubsystem.nameOf(41)).isEqualTo("udp");
        assertThat(LogSubsystem.nameOf(200)).isEqualTo("unknown");
        assertThat(LogSubsystem.byName("HeartBeat")).isEqualTo(LogSubsystem.HEARTBEAT);
        assertThat(LogSubsystem.byName("nope")).isEqualTo(LogSubsystem.UNKNOWN);
        assertThat(LogLevel.nameOf(1)).isEqualTo("WARNING");
        assertThat(LogLevel.nameOf(9)).isEqualTo("ERROR");
        assertThat(LogLevel.byName("DEBUG")).isEqualTo(LogLevel.DEBUG);
        expect(KnetError.EINVAL, () -> LogLevel.of(4));
    }

    @Test
    void statsStartEmptyAndClear() throws Exception {
        assertThat(h.getStats().rxMalformedPackets()).isZero();
        h.clearStats(ClearStatsScope.HANDLE_AND_LINK);
        assertThat(h.getStats().txCryptPackets()).isZero();
    }

    @Test
    void forwardingDefaultsOffAndAccessListsOn() {
        assertThat(h.isForwarding()).isFalse();
        h.setForwarding(true);
        assertThat(h.isForwarding()).isTrue();
        assertThat(h.accessListsEnabled()).isTrue(); // libknet 1.35 default (CVE-2026-15812)
    }

    @Test
    void transportsListLoopbackBuiltIn() throws Exception {
        assertThat(knet.transportList()).extracting(t -> t.name()).containsExactly("LOOPBACK");
        assertThat(knet.transportIdByName("LOOPBACK")).isZero();
        expect(KnetError.EINVAL, () -> knet.transportIdByName("loopback"));
        expect(KnetError.EINVAL, () -> knet.transportIdByName(null));
        expect(KnetError.ENOENT, () -> knet.transportNameById(5));
        expect(KnetError.EINVAL, () -> knet.transportNameById(255));
        assertThat(knet.transportNameById(0)).isEqualTo("LOOPBACK");
    }

    @Test
    void receiveWithTimeoutReturnsNothing() throws Exception {
        h.enableSockNotify((c, d, e, r) -> { });
        DataChannel ch = h.openChannel(0);
        assertThat(ch.receive(Duration.ofMillis(20))).isNull();
    }
}
