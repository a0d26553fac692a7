package org.knet4j.bench;

/**
 * What the bytes after a message's sequence number are, shared with the C peer ({@code --pattern}). Byte {@code i}
 * of message {@code seq} with a header of {@code h} bytes (8, or 0 for a short message) is
 * {@code table[((seq + h) & 0xff) + i - h]}:
 * <ul>
 * <li>{@code seq}: {@code table[k] = k & 0xff}, so byte {@code i} is {@code (seq + i) & 0xff} (the default);</li>
 * <li>{@code runs}: {@code table[k] = (k >> 5) & 0xff}, runs of 32 equal bytes that every compressor shrinks even in
 * a 200-byte message;</li>
 * <li>{@code random}: {@code table[k]} is the top byte of the {@code (k+1)}th state of xorshift32 (13, 17, 5) from
 * 2463534242, which no compressor shrinks.</li>
 * </ul>
 */
enum PayloadPattern {
    SEQ, RUNS, RANDOM;

    /** 256 offsets plus the longest message. */
    static final int TABLE_SIZE = 256 + 65536;

    private final byte[] table = new byte[TABLE_SIZE];

    PayloadPattern() {
        int x = (int) 2463534242L;
        for (int k = 0; k < TABLE_SIZE; k++) {
            switch (name()) {
                case "SEQ" -> table[k] = (byte) k;
                case "RUNS" -> table[k] = (byte) (k >> 5);
                default -> {
                    x ^= x << 13;
                    x ^= x >>> 17;
                    x ^= x << 5;
                    table[k] = (byte) (x >>> 24);
                }
            }
        }
    }

    /** The shared table; callers only read it. */
    byte[] table() {
        return table;
    }

    static PayloadPattern parse(String value) throws UsageException {
        return switch (value) {
            case "seq" -> SEQ;
            case "runs" -> RUNS;
            case "random" -> RANDOM;
            default -> throw new UsageException("--pattern must be seq, runs or random, got '" + value + "'");
        };
    }
}
