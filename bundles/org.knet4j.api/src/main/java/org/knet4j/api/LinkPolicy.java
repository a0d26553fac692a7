package org.knet4j.api;

/** How a host's links carry data ({@code KNET_LINK_POLICY_*}). */
public enum LinkPolicy {
    /** The single up link with the highest priority; ties go to the lowest link id. The default. */
    PASSIVE(0),
    /** Every up link carries every packet; the receiver de-duplicates by sequence number. */
    ACTIVE(1),
    /** One up link per message, rotating after each message. */
    ROUND_ROBIN(2);

    private final int value;

    LinkPolicy(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** @throws KnetException EINVAL for a value other than 0, 1 or 2 */
    public static LinkPolicy of(int value) throws KnetException {
        for (LinkPolicy p : values()) {
            if (p.value == value) {
                return p;
            }
        }
        throw new KnetException(KnetError.EINVAL, "link policy " + value + " is not 0 (passive), 1 (active) or 2 (rr)");
    }
}
