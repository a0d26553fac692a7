package org.knet4j.spi.compress.streams;

import java.io.IOException;
import java.io.OutputStream;

/** An output stream into a fixed array that fails, instead of growing, once the array is full. */
public final class ArraySink extends OutputStream {
    private byte[] buf;
    private int limit;
    private int count;

    public ArraySink reset(byte[] target, int max) {
        buf = target;
        limit = Math.min(max, target.length);
        count = 0;
        return this;
    }

    public int count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        if (count >= limit) {
            throw new IOException("output larger than " + limit + " bytes");
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > limit - count) {
            throw new IOException("output larger than " + limit + " bytes");
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }
}
