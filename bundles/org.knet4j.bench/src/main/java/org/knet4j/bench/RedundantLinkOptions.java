package org.knet4j.bench;

import java.net.InetAddress;
import java.util.Set;
import org.knet4j.api.KnetAddresses;
import org.knet4j.api.KnetException;

/**
 * The peer's flags for redundant-link tests, kept apart from {@link PeerOptions} (same flags in the C peer):
 * {@code --bind2 HOST} / {@code --peer2 HOST} put links 1.. on another local / peer address (link 0 keeps --bind /
 * --peer; ports stay PORT+l), and {@code --cut-link L --cut-after-ms MS} disable link L that long after the mode
 * starts.
 */
final class RedundantLinkOptions {
    static final Set<String> FLAGS = Set.of("--bind2", "--peer2", "--cut-link", "--cut-after-ms");
    static final int DEFAULT_CUT_AFTER_MS = 1000;

    private InetAddress bind2;
    private InetAddress peer2;
    private int cutLink = -1;
    private int cutAfterMs = DEFAULT_CUT_AFTER_MS;

    void apply(String flag, String value) throws UsageException {
        switch (flag) {
            case "--bind2" -> bind2 = host(flag, value);
            case "--peer2" -> peer2 = host(flag, value);
            case "--cut-link" -> cutLink = PeerOptions.intIn(flag, value, 0, PeerOptions.MAX_LINKS - 1);
            case "--cut-after-ms" -> cutAfterMs = PeerOptions.intIn(flag, value, 0, PeerOptions.MAX_PING_MS);
            default -> throw new UsageException("unknown flag " + flag);
        }
    }

    /** @param links --links, which --cut-link must be below */
    void validate(int links, InetAddress bind, InetAddress peer) throws UsageException {
        if (cutLink >= links) {
            throw new UsageException("--cut-link " + cutLink + " must be below --links " + links);
        }
        sameFamily("--bind2", bind2, bind);
        sameFamily("--peer2", peer2, peer);
    }

    private static void sameFamily(String flag, InetAddress a, InetAddress link0) throws UsageException {
        if (a != null && a.getClass() != link0.getClass()) {
            throw new UsageException(flag + " " + a.getHostAddress() + " is not in the family of link 0's "
                    + link0.getHostAddress());
        }
    }

    private static InetAddress host(String flag, String value) throws UsageException {
        String h = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        try {
            return KnetAddresses.parseNumericIp(h);
        } catch (KnetException e) {
            throw new UsageException(flag + ": '" + value + "' is not a numeric IPv4 or IPv6 address", e);
        }
    }

    /** The local address of link {@code link}: --bind2 for links 1.. when given, else {@code link0}. */
    InetAddress bindHost(int link, InetAddress link0) {
        return link > 0 && bind2 != null ? bind2 : link0;
    }

    /** The peer's address of link {@code link}: --peer2 for links 1.. when given, else {@code link0}. */
    InetAddress peerHost(int link, InetAddress link0) {
        return link > 0 && peer2 != null ? peer2 : link0;
    }

    /** --cut-link, or -1 for none. */
    int cutLink() {
        return cutLink;
    }

    int cutAfterMs() {
        return cutAfterMs;
    }
}
