package org.knet4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.knet4j.core.internal.onwire.PacketValidator;
import org.knet4j.crypto.jce.internal.JceCryptoProvider;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * The seed corpus of {@link ReceivePathFuzzTest}: packets of every kind as our own sender produces them, captured
 * on the in-memory transport between two live nodes (clear and encrypted).
 *
 * <p>The test checks that the sender still produces every kind, and that the checked-in corpus holds every kind for
 * every target in a form the target takes. Regenerate the corpus with
 * {@code mvn -pl bundles/org.knet4j.reliability verify -Dtest=SeedCorpusTest -Dknet4j.writeSeeds=true}.
 */
class SeedCorpusTest {
    static final Path INPUTS = Path.of("src/test/resources/org/knet4j/reliability/ReceivePathFuzzTestInputs");
    /** The sender's seqs start past those the fuzz fixture's own test traffic uses, so seeds reach defrag. */
    private static final int WARM_UP_MESSAGES = 500;

    /** The packet kinds every target's corpus must hold. */
    enum Kind {
        DATA, DATA_FRAGMENT, PING, PONG, PMTUD, PMTUD_REPLY;

        static Kind of(byte[] plain) {
            int type = plain[1] & 0xFF;
            return switch (type) {
                case Packets.DATA -> (plain[11] & 0xFF) > 1 ? DATA_FRAGMENT : DATA;
                case Packets.PING -> PING;
                case Packets.PONG -> PONG;
                case Packets.PMTUD -> PMTUD;
                case Packets.PMTUD_REPLY -> PMTUD_REPLY;
                default -> throw new AssertionError("unknown type " + type);
            };
        }
    }

    /** What A sent to B in one run of the engine, in order, as plaintext (and as ciphertext if encrypted). */
    private record Capture(List<byte[]> plain, List<byte[]> wire) {
    }

    @Test
    void ourSenderProducesEveryKindAndTheCheckedInCorpusHoldsThem() throws Exception {
        Capture clear = capture(false);
        Capture sealed = capture(true);
        assertThat(kinds(clear.plain())).as("kinds our clear sender produced").containsAll(EnumSet.allOf(Kind.class));
        assertThat(kinds(sealed.plain())).as("kinds our encrypting sender produced")
                .containsAll(EnumSet.allOf(Kind.class));
        if (Boolean.getBoolean("knet4j.writeSeeds")) {
            write(clear, sealed);
        }
        assertThat(kinds(readPlain("clearDatagram"))).containsAll(EnumSet.allOf(Kind.class));
        assertThat(kinds(readPlain("encryptedDatagram"))).containsAll(EnumSet.allOf(Kind.class));
        assertThat(kinds(readBursts("clearBurst"))).contains(Kind.DATA, Kind.DATA_FRAGMENT, Kind.PING);
        assertThat(seeds("fragmentStorm")).as("structural seeds of fragmentStorm").hasSizeGreaterThanOrEqualTo(4);
    }

    /**
     * Run A and B until the link is up, force a PMTUd run and wait for pings, pongs, probes and replies, then let A send
     * {@value #WARM_UP_MESSAGES} small messages, one more, and one of 3000 bytes at a 1500-byte MTU (three
     * fragments). Everything host 1 (A) put on the wire is kept.
     */
    private static Capture capture(boolean encrypted) throws Exception {
        ConcurrentLinkedQueue<byte[]> seen = new ConcurrentLinkedQueue<>();
        List<byte[]> plain = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        try (EnginePair p = encrypted ? EnginePair.encrypted() : EnginePair.clear();
                CryptoEngine engine = p.crypto.create(EnginePair.CIPHER, EnginePair.HASH, EnginePair.KEY)) {
            p.transport.setDrop(d -> {
                byte[] copy = new byte[d.remaining()];
                d.duplicate().get(copy);
                seen.add(copy);
                return false;
            });
            // a manual MTU and back forces a PMTUd run on both nodes: A probes, and A replies to B's probes
            p.a.pmtudSet(1500);
            p.b.pmtudSet(1500);
            p.a.pmtudSet(0);
            p.b.pmtudSet(0);
            awaitKinds(seen, encrypted ? engine : null, EnumSet.of(Kind.PING, Kind.PONG, Kind.PMTUD, Kind.PMTUD_REPLY));
            for (int i = 0; i < WARM_UP_MESSAGES; i++) {
                p.a.sendSync(0, ByteBuffer.wrap(Packets.pattern(8, i)));
            }
            p.sync();
            // keep the service packets sent so far, and no warm-up DATA
            List<byte[]> early = new ArrayList<>(seen);
            seen.clear();
            for (byte[] w : early) {
                byte[] pl = encrypted ? open(engine, w) : w;
                if (pl != null && pl.length > 1 && (pl[1] & 0x80) != 0) {
                    seen.add(w);
                }
            }
            p.a.sendSync(0, ByteBuffer.wrap(Packets.pattern(200, 1)));
            p.a.pmtudSet(1500);
            p.a.sendSync(0, ByteBuffer.wrap(Packets.pattern(3000, 2)));
            p.sync();
            p.transport.setDrop(d -> false);
            for (byte[] w : seen) {
                byte[] pl = encrypted ? open(engine, w) : w;
                if (pl != null && PacketValidator.check(ByteBuffer.wrap(pl), 0, pl.length)
                        == PacketValidator.Verdict.OK && ((pl[2] & 0xFF) << 8 | pl[3] & 0xFF) == 1) {
                    plain.add(pl);
                    wire.add(w);
                }
            }
        }
        return new Capture(plain, wire);
    }

    /** Wait (at most 10 s) until A has sent each of {@code wanted}. */
    private static void awaitKinds(ConcurrentLinkedQueue<byte[]> seen, CryptoEngine engine, Set<Kind> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<Kind> got = EnumSet.noneOf(Kind.class);
            for (byte[] w : seen) {
                byte[] pl = engine == null ? w : open(engine, w);
                if (pl != null && pl.length > 3 && ((pl[2] & 0xFF) << 8 | pl[3] & 0xFF) == 1) {
                    got.add(Kind.of(pl));
                }
            }
            if (got.containsAll(wanted)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static byte[] open(CryptoEngine engine, byte[] wire) {
        ByteBuffer out = ByteBuffer.allocate(wire.length);
        int n = engine.decrypt(ByteBuffer.wrap(wire), out);
        if (n < 0) {
            return null;
        }
        byte[] pl = new byte[n];
        out.flip().get(pl);
        return pl;
    }

    private static Set<Kind> kinds(List<byte[]> packets) {
        Set<Kind> k = EnumSet.noneOf(Kind.class);
        for (byte[] p : packets) {
            k.add(Kind.of(p));
        }
        return k;
    }

    /** The first packet of each kind, and for fragments every fragment of the one message. */
    private static Map<String, Integer> pick(List<byte[]> plain) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (int i = 0; i < plain.size(); i++) {
            byte[] p = plain.get(i);
            Kind k = Kind.of(p);
            String name = k == Kind.DATA_FRAGMENT ? "data-fragment-" + (p[12] & 0xFF) + "-of-" + (p[11] & 0xFF)
                    : k.name().toLowerCase().replace('_', '-');
            named.putIfAbsent(name, i);
        }
        return named;
    }

    private static void write(Capture clear, Capture sealed) throws IOException {
        for (Map.Entry<String, Integer> e : pick(clear.plain()).entrySet()) {
            Files.createDirectories(INPUTS.resolve("clearDatagram"));
            Files.write(INPUTS.resolve("clearDatagram").resolve("seed-" + e.getKey()), clear.plain().get(e.getValue()));
        }
        Path enc = Files.createDirectories(INPUTS.resolve("encryptedDatagram"));
        for (Map.Entry<String, Integer> e : pick(clear.plain()).entrySet()) {
            Files.write(enc.resolve("seed-plain-" + e.getKey()), prefixed(0, clear.plain().get(e.getValue())));
        }
        for (Map.Entry<String, Integer> e : pick(sealed.plain()).entrySet()) {
            Files.write(enc.resolve("seed-sealed-" + e.getKey()), prefixed(1, sealed.wire().get(e.getValue())));
        }
        Path burst = Files.createDirectories(INPUTS.resolve("clearBurst"));
        List<byte[]> fragments = new ArrayList<>();
        byte[] single = null;
        byte[] ping = null;
        for (byte[] p : clear.plain()) {
            Kind k = Kind.of(p);
            if (k == Kind.DATA_FRAGMENT) {
                fragments.add(p);
            } else if (k == Kind.DATA && single == null) {
                single = p;
            } else if (k == Kind.PING && ping == null) {
                ping = p;
            }
        }
        Files.write(burst.resolve("seed-fragments-in-order"), ReceivePathFuzzTest.join(fragments));
        List<byte[]> reversed = new ArrayList<>(fragments);
        Collections.reverse(reversed);
        Files.write(burst.resolve("seed-fragments-reversed"), ReceivePathFuzzTest.join(reversed));
        Files.write(burst.resolve("seed-ping-data-ping"), ReceivePathFuzzTest.join(List.of(ping, single, ping)));
        writeStormSeeds(Files.createDirectories(INPUTS.resolve("fragmentStorm")));
    }

    /** Structural seeds of the fragmentStorm target: whole messages in several orders, plus conflicts. */
    private static void writeStormSeeds(Path dir) throws IOException {
        Map<String, List<FragmentRecord>> seeds = new LinkedHashMap<>();
        seeds.put("three-in-order", List.of(new FragmentRecord(0, 3, 1, 64), new FragmentRecord(0, 3, 2, 64),
                new FragmentRecord(0, 3, 3, 10)));
        seeds.put("three-last-first", List.of(new FragmentRecord(0, 3, 3, 10), new FragmentRecord(0, 3, 2, 64),
                new FragmentRecord(0, 3, 1, 64)));
        seeds.put("two-messages-interleaved", List.of(new FragmentRecord(1, 4, 4, 5), new FragmentRecord(0, 2, 1, 30),
                new FragmentRecord(1, 4, 1, 20), new FragmentRecord(1, 4, 3, 20), new FragmentRecord(0, 2, 2, 30),
                new FragmentRecord(1, 4, 2, 20)));
        seeds.put("conflicts", List.of(new FragmentRecord(0, 3, 1, 64), new FragmentRecord(0, 3, 1, 64),
                new FragmentRecord(0, 3, 2, 50), new FragmentRecord(0, 4, 2, 64), new FragmentRecord(0, 3, 3, 64),
                new FragmentRecord(0, 3, 0, 5), new FragmentRecord(0, 3, 7, 5), new FragmentRecord(0, 3, 2, 64),
                new FragmentRecord(0, 3, 3, 1)));
        for (Map.Entry<String, List<FragmentRecord>> e : seeds.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (FragmentRecord r : e.getValue()) {
                byte[] enc = r.encode();
                assertThat(FragmentRecord.parse(enc, 1)).containsExactly(r);
                out.write(enc);
            }
            Files.write(dir.resolve("seed-" + e.getKey()), out.toByteArray());
        }
    }

    private static byte[] prefixed(int first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** The plaintext packets in a target's checked-in corpus (encrypted ones opened with the fuzzing key). */
    private static List<byte[]> readPlain(String target) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (CryptoEngine engine = new JceCryptoProvider()
                .create(EnginePair.CIPHER, EnginePair.HASH, EnginePair.KEY)) {
            for (byte[] seed : seeds(target)) {
                byte[] pl = seed;
                if (target.equals("encryptedDatagram")) {
                    byte[] rest = Arrays.copyOfRange(seed, 1, seed.length);
                    pl = (seed[0] & 1) == 0 ? rest : open(engine, rest);
                    assertThat(pl).as("a sealed seed of %s opens with the fuzzing key", target).isNotNull();
                }
                assertThat(PacketValidator.check(ByteBuffer.wrap(pl), 0, pl.length))
                        .as("a seed of %s is a valid packet", target).isEqualTo(PacketValidator.Verdict.OK);
                out.add(pl);
            }
        }
        return out;
    }

    private static List<byte[]> readBursts(String target) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (byte[] seed : seeds(target)) {
            out.addAll(ReceivePathFuzzTest.split(seed));
        }
        return out;
    }

    private static List<byte[]> seeds(String target) throws IOException {
        Path dir = INPUTS.resolve(target);
        assertThat(dir).as("seed directory of %s", target).isDirectory();
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("seed-")).sorted().toList()) {
                out.add(Files.readAllBytes(f));
            }
        }
        return out;
    }
}
