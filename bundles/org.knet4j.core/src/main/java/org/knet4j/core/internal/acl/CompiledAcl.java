package org.knet4j.core.internal.acl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;

/**
 * One link's access list, compiled for the receive path (WIRE.md §10: entries in order, first match wins, no
 * match rejects; IPs only).
 *
 * <p>Immutable: a change builds a new one and the link swaps it in, so the receive thread reads it without a
 * lock. The addresses are turned into numbers once, here, so checking a packet reads no {@code InetAddress} of an
 * entry and copies no address bytes per entry (the packet's own address is read once per check).
 */
public final class CompiledAcl {
    public static final CompiledAcl EMPTY = new CompiledAcl(List.of());

    private static final byte ADDRESS = 0;
    private static final byte MASK = 1;
    private static final byte RANGE = 2;

    private final List<AclEntry> entries;
    /** Per entry: 4 or 16 (the family), the check type, accept or not. */
    private final byte[] family;
    private final byte[] type;
    private final boolean[] accept;
    /** Per entry, the first and second address as two 64-bit halves (IPv4: in the low half). */
    private final long[] firstHi;
    private final long[] firstLo;
    private final long[] secondHi;
    private final long[] secondLo;
    /**
     * The verdict for the address checked last. A peer's packets all come from one address, but the transport
     * makes a new {@code InetAddress} per datagram, and reading its bytes copies them; {@code equals} does not, so
     * the answer is reused while the address is the same. Immutable holder: receive threads may race to replace
     * it, and each reads a consistent pair.
     */
    private volatile Verdict last;

    private record Verdict(InetAddress ip, boolean accepted) {
    }

    private CompiledAcl(List<AclEntry> entries) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
        int n = entries.size();
        family = new byte[n];
        type = new byte[n];
        accept = new boolean[n];
        firstHi = new long[n];
        firstLo = new long[n];
        secondHi = new long[n];
        secondLo = new long[n];
        for (int i = 0; i < n; i++) {
            AclEntry e = entries.get(i);
            byte[] a = e.first().getAddress();
            family[i] = (byte) a.length;
            type[i] = e.type() == AclCheckType.ADDRESS ? ADDRESS : e.type() == AclCheckType.MASK ? MASK : RANGE;
            accept[i] = e.action() == AclAction.ACCEPT;
            firstHi[i] = hi(a);
            firstLo[i] = lo(a);
            if (type[i] != ADDRESS) {
                byte[] b = e.second().getAddress();
                // the handle refuses mixed families; an entry that has one anyway never matches
                if (b.length != a.length) {
                    family[i] = 0;
                }
                secondHi[i] = hi(b);
                secondLo[i] = lo(b);
            }
        }
    }

    /** The entries in order, as the user gave them. */
    public List<AclEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public boolean contains(AclEntry e) {
        return entries.contains(e);
    }

    /** This list with {@code e} at {@code index} (0 first; negative or beyond the end appends). */
    public CompiledAcl inserting(int index, AclEntry e) {
        List<AclEntry> l = new ArrayList<>(entries);
        if (index < 0 || index >= l.size()) {
            l.add(e);
        } else {
            l.add(index, e);
        }
        return new CompiledAcl(l);
    }

    /** This list without {@code e}, or null when it holds no such entry. */
    public CompiledAcl removing(AclEntry e) {
        List<AclEntry> l = new ArrayList<>(entries);
        return l.remove(e) ? new CompiledAcl(l) : null;
    }

    /** First match wins; no match rejects (libknet's default). */
    public boolean accepts(InetAddress ip) {
        int n = type.length;
        if (n == 0) {
            return false;
        }
        Verdict v = last;
        if (v != null && v.ip().equals(ip)) {
            return v.accepted();
        }
        boolean accepted = check(ip);
        last = new Verdict(ip, accepted);
        return accepted;
    }

    private boolean check(InetAddress ip) {
        int n = type.length;
        byte[] a = ip.getAddress();
        long h = hi(a);
        long l = lo(a);
        for (int i = 0; i < n; i++) {
            if (family[i] == a.length && matches(i, h, l)) {
                return accept[i];
            }
        }
        return false;
    }

    private boolean matches(int i, long h, long l) {
        switch (type[i]) {
            case ADDRESS:
                return h == firstHi[i] && l == firstLo[i];
            case MASK:
                // libknet: (ip & mask) == first; the first address is not masked
                return (h & secondHi[i]) == firstHi[i] && (l & secondLo[i]) == firstLo[i];
            default:
                return compare(firstHi[i], firstLo[i], h, l) <= 0 && compare(h, l, secondHi[i], secondLo[i]) <= 0;
        }
    }

    /** Unsigned compare of two 128-bit numbers (an IPv4 address sits in the low half, high half 0). */
    private static int compare(long xh, long xl, long yh, long yl) {
        int c = Long.compareUnsigned(xh, yh);
        return c != 0 ? c : Long.compareUnsigned(xl, yl);
    }

    private static long hi(byte[] a) {
        return a.length == 16 ? bits(a, 0) : 0L;
    }

    private static long lo(byte[] a) {
        return a.length == 16 ? bits(a, 8) : bits(a, 0) & 0xffffffffL;
    }

    /** Big-endian: 8 bytes from {@code off}, or the 4 of an IPv4 address. */
    private static long bits(byte[] a, int off) {
        int len = Math.min(8, a.length - off);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (a[off + i] & 0xff);
        }
        return v;
    }

    public static CompiledAcl of(List<AclEntry> entries) {
        return entries.isEmpty() ? EMPTY : new CompiledAcl(entries);
    }

    @Override
    public String toString() {
        return "CompiledAcl" + Arrays.toString(entries.toArray());
    }
}
