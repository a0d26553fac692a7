package org.knet4j.api;

/**
 * Called when a link goes up or down (libknet 1.26's link status notify, which 1.25 lacks). Must not block.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface LinkStatusListener {
    void linkStatusChanged(int hostId, int linkId, boolean connected);
}
