package org.knet4j.api;

/** How an access-list entry matches a source IP ({@code check_type_t}). Ports are never compared. */
public enum AclCheckType {
    /** IP equals the first address. */
    ADDRESS,
    /** (IP AND second address) equals the first address. */
    MASK,
    /** first address &lt;= IP &lt;= second address, unsigned big-endian compare; both of one family. */
    RANGE
}
