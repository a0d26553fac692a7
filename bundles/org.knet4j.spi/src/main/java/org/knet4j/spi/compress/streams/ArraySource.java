package org.knet4j.spi.compress.streams;

import java.io.InputStream;

/** An input stream over part of an array, reusable from one packet to the next. */
public final class ArraySource extends InputStream {
    private byte[] buf;
    private int pos;
    private int end;

    public ArraySource reset(byte[] source, int len) {
        buf = source;
        pos = 0;
        end = len;
        return this;
    }

    @Override
    public int read() {
        return pos < end ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= end) {
            return -1;
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return end - pos;
    }
}
