package org.knet4j.api;

/** {@code check_acceptreject_t}: what a matching access-list entry does. First match wins; no match rejects. */
public enum AclAction {
    ACCEPT, REJECT
}
