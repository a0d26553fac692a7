package org.knet4j.core.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knet4j.core.internal.handle.Errors.expect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.Message;
import org.knet4j.core.internal.KnetImpl;
import org.knet4j.core.testing.ConnectedPair;
import org.knet4j.core.testing.MemoryTransport;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;

/** knet_send_sync: delivery and every error of its man page. */
class SendSyncTest {
    private ConnectedPair pair;
    private MemoryTransport transport;
    private KnetImpl knet;
    private KnetHandle a;
    private DataChannel chB;

    @BeforeEach
    void setUp() throws Exception {
        pair = ConnectedPair.linked(5001);
        transport = pair.transport;
        knet = pair.knet;
        a = pair.a;
        chB = pair.chB;
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    private static ByteBuffer msg(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 7 + 3);
        }
        return ByteBuffer.wrap(d);
    }

    @Test
    void deliversOneMessageToTheFilteredHost() throws Exception {
        for (int size : new int[] {1, 1400, 65536}) {
            a.sendSync(0, msg(size));
            Message m = chB.receive(Duration.ofSeconds(5));
            assertThat(m).as("size %d", size).isNotNull();
            assertThat(m.sourceHostId()).isEqualTo(1);
            assertThat(m.data()).isEqualTo(msg(size).array());
        }
    }

    @Test
    void argumentErrorsAreEinval() {
        expect(KnetError.EINVAL, () -> a.sendSync(0, ByteBuffer.allocate(0)));
        expect(KnetError.EINVAL, () -> a.sendSync(0, ByteBuffer.allocate(65537)));
        expect(KnetError.EINVAL, () -> a.sendSync(32, msg(10)));
        expect(KnetError.EINVAL, () -> a.sendSync(-1, msg(10)));
        expect(KnetError.EINVAL, () -> a.sendSync(5, msg(10))); // channel not open
        expect(KnetError.EINVAL, () -> a.sendSync(0, null));
    }

    @Test
    void noFilterIsEnetdown() {
        a.enableFilter(null);
        expect(KnetError.ENETDOWN, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void forwardingOffIsEcanceled() {
        a.setForwarding(false);
        expect(KnetError.ECANCELED, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void filterDropIsEfault() {
        a.enableFilter((d, r) -> FilterVerdict.DROP);
        expect(KnetError.EFAULT, () -> a.sendSync(0, msg(10)));
        a.enableFilter((d, r) -> {
            throw new IllegalStateException("boom");
        });
        expect(KnetError.EFAULT, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void unicastWithoutDestinationIsEinval() {
        a.enableFilter((d, r) -> FilterVerdict.UNICAST);
        expect(KnetError.EINVAL, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void broadcastOrSeveralDestinationsIsE2big() {
        a.enableFilter((d, r) -> FilterVerdict.BROADCAST);
        expect(KnetError.E2BIG, () -> a.sendSync(0, msg(10)));
        a.enableFilter((d, r) -> {
            r.addDestination(2);
            r.addDestination(3);
            return FilterVerdict.UNICAST;
        });
        expect(KnetError.E2BIG, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void unknownDestinationIsEnomsg() {
        a.enableFilter(DestinationFilter.unicastTo(99));
        expect(KnetError.ENOMSG, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void unreachableDestinationIsEhostdown() throws Exception {
        a.hostAdd(3);
        a.enableFilter(DestinationFilter.unicastTo(3));
        expect(KnetError.EHOSTDOWN, () -> a.sendSync(0, msg(10)));
    }

    @Test
    void busyTransportIsEagain() throws Exception {
        transport.setBusy(true);
        try {
            expect(KnetError.EAGAIN, () -> a.sendSync(0, msg(10)));
        } finally {
            transport.setBusy(false);
        }
        a.sendSync(0, msg(10)); // and it recovers
        assertThat(chB.receive(Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void cryptoFailureIsEchildAndNothingGoesInClear() throws Exception {
        knet.plugins().addCrypto(new FailingCrypto());
        a.cryptoSetConfig(new CryptoConfig("failing", "aes256", "sha256", new byte[128]), 1);
        a.cryptoUseConfig(1);
        int before = chB.queued();
        expect(KnetError.ECHILD, () -> a.sendSync(0, msg(10)));
        transport.sync();
        assertThat(chB.receive(Duration.ofMillis(200))).isNull();
        assertThat(chB.queued()).isEqualTo(before);
    }

    /** A crypto model whose encryption always fails. */
    static final class FailingCrypto implements CryptoProvider {
        @Override
        public String model() {
            return "failing";
        }

        @Override
        public Set<String> aliases() {
            return Set.of();
        }

        @Override
        public CryptoEngine create(String cipher, String hash, byte[] key) throws KnetException {
            return new CryptoEngine() {
                @Override
                public int saltSize() {
                    return 16;
                }

                @Override
                public int hashSize() {
                    return 32;
                }

                @Override
                public int blockSize() {
                    return 16;
                }

                @Override
                public int encrypt(ByteBuffer plain, ByteBuffer out) {
                    return -1;
                }

                @Override
                public int decrypt(ByteBuffer wire, ByteBuffer plainOut) {
                    return -1;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
