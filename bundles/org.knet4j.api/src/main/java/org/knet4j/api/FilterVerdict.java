package org.knet4j.api;

/** The return value of a {@link DestinationFilter}: libknet's -1, 0 and 1. */
public enum FilterVerdict {
    /** -1: drop the message (and {@code sendSync} fails with EFAULT). */
    DROP,
    /** 0: unicast to the destinations the filter added. */
    UNICAST,
    /** 1: to every reachable host. */
    BROADCAST
}
