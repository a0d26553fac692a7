package org.knet4j.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.knet4j.core.internal.onwire.DataHeader;
import org.knet4j.core.internal.onwire.PacketValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 14-byte DATA header of every packet: writing it on send, and on receive the validator's checks followed by
 * the field reads the receive path does (seq, compress, frag_num, frag_seq, channel).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketHeaderBenchmark {
    private final ByteBuffer packet = ByteBuffer.allocateDirect(DataHeader.SIZE + Payloads.PACKET);
    private int seq;

    @Setup
    public void writeOnePacket() {
        DataHeader.write(packet, 0, 1, 4711, 0, false, 1, 0, 0);
    }

    /** Each op writes a different seq, as the send path does. */
    @Benchmark
    public ByteBuffer encode() {
        seq = (seq + 1) & 0xFFFF;
        DataHeader.write(packet, 0, 1, seq, 0, false, 1, 0, 0);
        return packet;
    }

    /** Returns a mix of the fields so that none of the reads can be dropped by the JIT. */
    @Benchmark
    public int parse() {
        if (PacketValidator.check(packet, 0, packet.capacity()) != PacketValidator.Verdict.OK) {
            throw new IllegalStateException("the benchmark packet does not validate");
        }
        return DataHeader.seq(packet, 0) ^ DataHeader.compress(packet, 0) << 16 ^ DataHeader.fragNum(packet, 0) << 8
                ^ DataHeader.fragSeq(packet, 0) << 20 ^ DataHeader.channel(packet, 0) << 24;
    }
}
