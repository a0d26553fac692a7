package org.knet4j.core.internal.handle;

import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;

/** Argument checks that raise libknet's errno with a message naming the bad value (Netty's ObjectUtil habit). */
final class Validate {
    private Validate() {
    }

    static int inRange(int value, int min, int max, String what) throws KnetException {
        if (value < min || value > max) {
            throw new KnetException(KnetError.EINVAL, what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static long inRange(long value, long min, long max, String what) throws KnetException {
        if (value < min || value > max) {
            throw new KnetException(KnetError.EINVAL, what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static <T> T notNull(T value, String what) throws KnetException {
        if (value == null) {
            throw new KnetException(KnetError.EINVAL, what + " must not be null");
        }
        return value;
    }
}
