package org.knet4j.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One access-list entry of a link. {@code second} is required for MASK (the mask) and RANGE (the upper end),
 * and ignored for ADDRESS.
 */
public record AclEntry(InetAddress first, InetAddress second, AclCheckType type, AclAction action) {
    public AclEntry {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
    }
}
