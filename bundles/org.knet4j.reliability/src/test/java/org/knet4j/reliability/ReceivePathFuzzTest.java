package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.knet4j.api.Message;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * Coverage-guided fuzzing of a handle's whole receive path: every input is handed to node B's socket as if it came
 * from A's configured address, so it meets the real chain (decrypt when crypto is on, header validation, host and
 * link lookup with the address check, PING → PONG, PONG → link timing, PMTUD → reply, dedup, defrag, decompress
 * when the compress byte asks for it, filter, channel delivery).
 *
 * <p>After every input: nothing reached the receive path's last-resort catch; B counted at least one drop or
 * receive per injected datagram; A's messages still arrive (within a few, see {@link #LIVENESS_ATTEMPTS}); no
 * pooled buffer is left held once B's channel is drained. The node is built once per target and survives all inputs, so state a hostile packet leaves behind is
 * carried into the next one (as on a real network).
 *
 * <p>Regression mode (plain {@code mvn verify}) runs the inputs in {@code ReceivePathFuzzTestInputs/<target>/}:
 * packets our own sender produced (see {@link SeedCorpusTest}) and any crash kept from a fuzzing run. Fuzzing mode:
 * {@code mvn -Pfuzz verify -pl bundles/org.knet4j.reliability} (README.md of this module).
 */
class ReceivePathFuzzTest {
    /**
     * How many of A's messages may be lost before B counts as no longer delivering: injected DATA can legitimately
     * claim some of A's coming seqs (see {@link EnginePair#assertStillDelivers}); a broken node loses all of them.
     */
    static final int LIVENESS_ATTEMPTS = 256;

    /** A burst holds at most this many datagrams. */
    static final int MAX_BURST = 16;

    private static EnginePair clear;
    private static EnginePair encrypted;
    private static CryptoEngine sealer;

    private static synchronized EnginePair clearPair() throws Exception {
        if (clear == null) {
            clear = EnginePair.clear().quiet();
        }
        return clear;
    }

    private static synchronized EnginePair encryptedPair() throws Exception {
        if (encrypted == null) {
            encrypted = EnginePair.encrypted().quiet();
            sealer = encrypted.crypto.create(EnginePair.CIPHER, EnginePair.HASH, EnginePair.KEY);
        }
        return encrypted;
    }

    @AfterAll
    static void closePairs() {
        if (clear != null) {
            clear.close();
            clear = null;
        }
        if (encrypted != null) {
            sealer.close();
            encrypted.close();
            encrypted = null;
        }
    }

    /** One clear datagram, as it arrives on the socket. */
    @FuzzTest(maxDuration = "30s")
    void clearDatagram(byte[] datagram) throws Exception {
        EnginePair p = clearPair();
        long before = p.accounted();
        p.inject(datagram);
        checkAfter(p, before, 1);
    }

    /**
     * One datagram on an encrypted handle. First byte even: the rest is a plaintext knet packet that the harness
     * encrypts with the handle's key, so the fuzzer reaches everything behind authentication. Odd: the rest goes to
     * the socket as it is (forged or damaged ciphertext).
     */
    @FuzzTest(maxDuration = "30s")
    void encryptedDatagram(byte[] input) throws Exception {
        EnginePair p = encryptedPair();
        if (input.length == 0) {
            return;
        }
        byte[] rest = new byte[input.length - 1];
        System.arraycopy(input, 1, rest, 0, rest.length);
        byte[] wire = (input[0] & 1) == 0 ? seal(rest) : rest;
        long before = p.accounted();
        p.inject(wire);
        checkAfter(p, before, 1);
    }

    /**
     * Several clear datagrams back to back (fragments of one message, a ping between data, ...): the input is a
     * series of [2-byte big-endian length][that many bytes], at most {@value #MAX_BURST} of them.
     */
    @FuzzTest(maxDuration = "30s")
    void clearBurst(byte[] input) throws Exception {
        EnginePair p = clearPair();
        List<byte[]> datagrams = split(input);
        long before = p.accounted();
        for (byte[] d : datagrams) {
            p.inject(d);
        }
        checkAfter(p, before, datagrams.size());
    }

    /**
     * Fragments of a few messages in any order, count, size and number, valid or not: the input is a series of
     * 3-byte records, one DATA fragment each (see {@link FragmentRecord}), at most {@value #MAX_BURST}. Every
     * payload byte says which seq and fragment it belongs to and which input sent it, so whatever B delivers can be
     * checked to be made of that input's own fragments only, in order, with the sizes 1.25's rules allow: no
     * overlap, no gap, no stale byte from an earlier message.
     */
    @FuzzTest(maxDuration = "30s")
    void fragmentStorm(byte[] input) throws Exception {
        EnginePair p = clearPair();
        int nonce = ++stormInputs;
        int base = (20_000 + nonce * 8) & 0xFFFF;
        List<FragmentRecord> records = FragmentRecord.parse(input, MAX_BURST);
        long before = p.accounted();
        for (FragmentRecord r : records) {
            p.inject(r.packet(base, nonce));
        }
        p.sync();
        Message m;
        int deliveredNow = 0;
        while ((m = p.chB.receive(Duration.ZERO)) != null) {
            deliveredNow++;
            assertThat(FragmentRecord.explains(m.data(), records, base, nonce))
                    .as("delivered message of %d bytes is made of this input's fragments, in order",
                            m.data().length)
                    .isTrue();
        }
        assertThat(deliveredNow).as("messages delivered").isLessThanOrEqualTo(FragmentRecord.SEQS);
        checkAfter(p, before, records.size());
    }

    private static int stormInputs;

    /** The burst framing of {@link #clearBurst}; a truncated last frame keeps what is there. */
    static List<byte[]> split(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= 2 && out.size() < MAX_BURST) {
            int len = Math.min(in.getShort() & 0xFFFF, in.remaining());
            byte[] d = new byte[len];
            in.get(d);
            out.add(d);
        }
        return out;
    }

    /** The inverse of {@link #split}, for writing seeds. */
    static byte[] join(List<byte[]> datagrams) {
        int n = 0;
        for (byte[] d : datagrams) {
            n += 2 + d.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] d : datagrams) {
            out.putShort((short) d.length).put(d);
        }
        return out.array();
    }

    private static byte[] seal(byte[] plain) {
        ByteBuffer out = ByteBuffer.allocate(plain.length + sealer.maxOverhead() + 16);
        int n = sealer.encrypt(ByteBuffer.wrap(plain), out);
        assertThat(n).as("the harness could not encrypt %d bytes", plain.length).isPositive();
        byte[] wire = new byte[n];
        out.flip().get(wire);
        return wire;
    }

    private static void checkAfter(EnginePair p, long before, int datagrams) throws Exception {
        p.sync();
        assertThat(p.escapedExceptions()).as("exceptions that reached the receive path's last-resort catch")
                .isEmpty();
        assertThat(p.accounted() - before).as("packets B counted for %d injected datagram(s)", datagrams)
                .isGreaterThanOrEqualTo(datagrams);
        p.assertStillDelivers(LIVENESS_ATTEMPTS);
        assertThat(p.liveBuffers()).as("pooled buffers still held after B's channel was drained").isZero();
    }
}
