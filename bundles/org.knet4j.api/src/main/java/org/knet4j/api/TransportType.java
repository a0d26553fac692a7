package org.knet4j.api;

/**
 * libknet's transport ids and their case-sensitive names ({@code KNET_TRANSPORT_*}). SCTP is listed for id
 * compatibility only: knet4j does not build it (upstream dropped it), so it never appears as installed.
 */
public final class TransportType {
    public static final int LOOPBACK = 0;
    public static final int UDP = 1;
    public static final int SCTP = 2;
    /** {@code KNET_MAX_TRANSPORTS}: also the "invalid" id returned by name lookups in C. */
    public static final int MAX_TRANSPORTS = 255;

    private TransportType() {
    }
}
