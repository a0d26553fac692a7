package org.knet4j.compress.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.spi.compress.Compressor;

/**
 * What every libknet compression model must do, run by each compression bundle against its own
 * {@link Compressor}: round trips at the model's levels and sizes up to a full packet, libknet's level rules,
 * bounded decompression (bombs, small rooms), truncated and random input answered with -1 and never an exception,
 * thread safety, and the bundle's DS and ServiceLoader declarations.
 */
public abstract class CompressorContract {
    /** {@code KNET_MAX_PACKET_SIZE}: the most a message can decompress to. */
    protected static final int MAX_PACKET = 65536;
    /** The room the core's send path gives a compressor. */
    protected static final int TX_ROOM = MAX_PACKET + 4096;

    protected abstract Compressor compressor();

    protected abstract String model();

    protected abstract int wireId();

    /** Levels a round trip is tried at. */
    protected abstract int[] roundTripLevels();

    /** Level given → level libknet goes on with. */
    protected abstract Map<Integer, Integer> acceptedLevels();

    /** Levels libknet refuses with EINVAL. */
    protected abstract int[] refusedLevels();

    /** The first bytes of a compressed message at the default level (WIRE.md §8), or an empty array. */
    protected abstract byte[] magic();

    /** Whether the format carries enough checks that random bytes are never taken as a valid stream. */
    protected abstract boolean selfChecking();

    /**
     * Compressible data with a structure that lets every byte be checked: runs of 32 equal bytes whose value
     * moves with the position, plus a few varying bytes so that not everything is one run.
     */
    protected static byte[] compressible(int size, int salt) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ((i >> 5) + salt);
        }
        for (int i = 0; i < size; i += 97) {
            b[i] = (byte) (i * 31 + salt);
        }
        return b;
    }

    protected static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Compress into a direct buffer of the send path's room; the result is flipped, or null for -1. */
    protected ByteBuffer compressDirect(byte[] data, int level) {
        ByteBuffer src = ByteBuffer.allocateDirect(data.length);
        src.put(data).flip();
        ByteBuffer dst = ByteBuffer.allocateDirect(TX_ROOM);
        int n = compressor().compress(src, dst, level);
        if (n < 0) {
            assertThat(n).isEqualTo(-1);
            return null;
        }
        assertThat(dst.position()).as("dst position moves by the bytes written").isEqualTo(n);
        dst.flip();
        return dst;
    }

    protected static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** Decompress into a room of {@code room} bytes; returns the bytes or null for -1, and checks the limit. */
    protected byte[] decompress(byte[] compressed, int room) {
        ByteBuffer src = ByteBuffer.allocateDirect(Math.max(1, compressed.length));
        src.put(compressed).flip();
        // a sentinel zone after the limit shows a write past it
        ByteBuffer backing = ByteBuffer.allocateDirect(room + 64);
        for (int i = 0; i < backing.capacity(); i++) {
            backing.put(i, (byte) 0x5a);
        }
        ByteBuffer dst = backing.duplicate().limit(room);
        int n = compressor().decompress(src, dst);
        for (int i = room; i < backing.capacity(); i++) {
            assertThat(backing.get(i)).as("byte %d past dst's limit %d", i, room).isEqualTo((byte) 0x5a);
        }
        if (n < 0) {
            assertThat(n).isEqualTo(-1);
            return null;
        }
        assertThat(n).isBetween(0, room);
        assertThat(dst.position()).isEqualTo(n);
        byte[] out = new byte[n];
        backing.get(0, out);
        return out;
    }

    @Test
    void namesTheModelAndWireIdOfLibknet() {
        assertThat(compressor().model()).isEqualTo(model());
        assertThat(compressor().wireId()).isEqualTo(wireId());
    }

    @Test
    void defaultLevelIsAccepted() throws KnetException {
        Compressor c = compressor();
        assertThat(c.validateLevel(c.defaultLevel())).isEqualTo(c.defaultLevel());
    }

    @Test
    void roundTripsCompressibleMessagesAtEveryLevel() throws KnetException {
        for (int level : roundTripLevels()) {
            int effective = compressor().validateLevel(level);
            for (int size : new int[] {1, 2, 101, 200, 1400, 9000, MAX_PACKET}) {
                byte[] data = compressible(size, size + level);
                ByteBuffer c = compressDirect(data, effective);
                if (size >= 200) {
                    assertThat(c).as("%s level %d size %d compresses", model(), level, size).isNotNull();
                    assertThat(c.remaining()).as("level %d size %d shrinks", level, size).isLessThan(size);
                }
                if (c != null) {
                    assertThat(decompress(bytes(c), MAX_PACKET)).as("level %d size %d", level, size)
                            .isEqualTo(data);
                }
            }
        }
    }

    @Test
    void incompressibleMessagesEitherFailOrRoundTrip() {
        int level = compressor().defaultLevel();
        for (int size : new int[] {200, 1400, MAX_PACKET}) {
            byte[] data = random(size, size);
            ByteBuffer c = compressDirect(data, level);
            if (c != null) {
                assertThat(decompress(bytes(c), MAX_PACKET)).isEqualTo(data);
            }
        }
    }

    @Test
    void worksOnHeapBuffersAtAnOffset() {
        byte[] data = compressible(1400, 7);
        ByteBuffer src = ByteBuffer.allocate(1400 + 20).position(10);
        src.put(data).flip().position(10);
        ByteBuffer dst = ByteBuffer.allocate(TX_ROOM + 30).position(30);
        int n = compressor().compress(src, dst, compressor().defaultLevel());
        assertThat(n).isPositive().isLessThan(1400);
        assertThat(dst.position()).isEqualTo(30 + n);
        ByteBuffer in = dst.flip().position(30);
        ByteBuffer out = ByteBuffer.allocate(MAX_PACKET + 5).position(5);
        int m = compressor().decompress(in, out);
        assertThat(m).isEqualTo(1400);
        byte[] back = new byte[1400];
        out.get(5, back);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void startsWithTheFormatsMagicBytes() {
        byte[] magic = magic();
        ByteBuffer c = compressDirect(compressible(1400, 1), compressor().defaultLevel());
        assertThat(c).isNotNull();
        byte[] head = new byte[magic.length];
        c.get(0, head);
        assertThat(head).isEqualTo(magic);
    }

    @Test
    void aFullPacketDecompressesIntoExactlyItsRoom() {
        byte[] data = compressible(MAX_PACKET, 3);
        ByteBuffer c = compressDirect(data, compressor().defaultLevel());
        assertThat(c).isNotNull();
        assertThat(decompress(bytes(c), MAX_PACKET)).isEqualTo(data);
    }

    @Test
    void refusesOutputLargerThanTheRoom() {
        byte[] data = compressible(1400, 5);
        byte[] c = bytes(compressDirect(data, compressor().defaultLevel()));
        assertThat(decompress(c, 1399)).isNull();
        assertThat(decompress(c, 700)).isNull();
    }

    @Test
    void refusesABombBeyondTheMaxPacket() {
        // one byte more than a packet, and a megabyte: a hostile sender is not limited to what libknet sends
        for (int size : new int[] {MAX_PACKET + 1, 1 << 20}) {
            byte[] zeros = new byte[size];
            ByteBuffer src = ByteBuffer.wrap(zeros);
            ByteBuffer dst = ByteBuffer.allocateDirect(size + 4096);
            int n = compressor().compress(src, dst, compressor().defaultLevel());
            assertThat(n).as("the bomb itself compresses").isPositive();
            dst.flip();
            assertThat(decompress(bytes(dst), MAX_PACKET)).as("a %d-byte bomb", size).isNull();
        }
    }

    @Test
    void refusesTruncatedStreams() {
        byte[] c = bytes(compressDirect(compressible(1400, 9), compressor().defaultLevel()));
        for (int keep : new int[] {c.length - 1, c.length / 2, 1, 0}) {
            byte[] cut = java.util.Arrays.copyOf(c, keep);
            assertThat(decompress(cut, MAX_PACKET)).as("first %d of %d bytes", keep, c.length).isNull();
        }
    }

    @Test
    void randomBytesNeverThrowAndNeverOverflow() {
        Random r = new Random(42);
        int refused = 0;
        int tries = 300;
        for (int i = 0; i < tries; i++) {
            byte[] junk = random(1 + r.nextInt(2000), i);
            byte[] out = decompress(junk, MAX_PACKET);
            if (out == null) {
                refused++;
            }
        }
        if (selfChecking()) {
            assertThat(refused).isEqualTo(tries);
        } else {
            assertThat(refused).as("random input is almost always refused").isGreaterThan(tries * 9 / 10);
        }
    }

    @Test
    void corruptedStreamsNeverThrowAndNeverOverflow() {
        byte[] good = bytes(compressDirect(compressible(MAX_PACKET, 11), compressor().defaultLevel()));
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
            decompress(bad, MAX_PACKET); // checks the room and the sentinel
        }
    }

    @Test
    void acceptsLibknetsLevels() throws KnetException {
        for (Map.Entry<Integer, Integer> e : acceptedLevels().entrySet()) {
            assertThat(compressor().validateLevel(e.getKey())).as("level %d", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void refusesLevelsLibknetRefuses() {
        for (int level : refusedLevels()) {
            assertThatThrownBy(() -> compressor().validateLevel(level)).as("level %d", level)
                    .isInstanceOfSatisfying(KnetException.class, e -> assertThat(e.error()).isEqualTo(KnetError.EINVAL))
                    .hasMessageContaining(Integer.toString(level));
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int salt = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        byte[] data = compressible(1400 + i * 13, salt * 100 + i);
                        ByteBuffer c = compressDirect(data, compressor().defaultLevel());
                        if (c == null || !java.util.Arrays.equals(decompress(bytes(c), MAX_PACKET), data)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void isFoundByServiceLoader() {
        boolean found = false;
        for (Compressor c : ServiceLoader.load(Compressor.class)) {
            found |= c.model().equals(model()) && c.getClass() == compressor().getClass();
        }
        assertThat(found).isTrue();
    }

    @Test
    void declaresADsComponentWithModelAndId() throws IOException {
        String name = "OSGI-INF/" + compressor().getClass().getName() + ".xml";
        try (InputStream in = compressor().getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " written by bnd").isNotNull();
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xml).contains("<provide interface=\"" + Compressor.class.getName() + "\"/>")
                    .contains("name=\"" + Compressor.MODEL_PROPERTY + "\" type=\"String\" value=\"" + model() + "\"")
                    .contains("name=\"" + Compressor.ID_PROPERTY + "\" type=\"Integer\" value=\"" + wireId() + "\"");
        }
    }
}
