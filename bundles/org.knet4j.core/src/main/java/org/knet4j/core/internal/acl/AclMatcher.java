package org.knet4j.core.internal.acl;

import java.net.InetAddress;
import java.util.List;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclEntry;

/**
 * libknet's access-list check (WIRE.md §10): entries in order, first match wins, no match rejects; IPs only.
 */
public final class AclMatcher {
    private AclMatcher() {
    }

    public static boolean accepts(List<AclEntry> entries, InetAddress ip) {
        byte[] a = ip.getAddress();
        for (AclEntry e : entries) {
            if (matches(e, a)) {
                return e.action() == AclAction.ACCEPT;
            }
        }
        return false;
    }

    static boolean matches(AclEntry e, byte[] ip) {
        byte[] first = e.first().getAddress();
        if (first.length != ip.length) {
            return false;
        }
        switch (e.type()) {
            case ADDRESS:
                return java.util.Arrays.equals(first, ip);
            case MASK: {
                byte[] mask = e.second().getAddress();
                if (mask.length != ip.length) {
                    return false;
                }
                for (int i = 0; i < ip.length; i++) {
                    if ((ip[i] & mask[i]) != first[i]) { // libknet: (ip & mask) == first, first is not masked
                        return false;
                    }
                }
                return true;
            }
            case RANGE: {
                byte[] last = e.second().getAddress();
                return last.length == ip.length && compare(first, ip) <= 0 && compare(ip, last) <= 0;
            }
            default:
                return false;
        }
    }

    /** Unsigned big-endian compare of two addresses of one family. */
    static int compare(byte[] x, byte[] y) {
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
