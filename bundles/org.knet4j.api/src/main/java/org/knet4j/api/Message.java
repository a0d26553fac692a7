package org.knet4j.api;

/** A received message: who sent it, on which channel, and its bytes (a copy owned by the caller). */
public record Message(int sourceHostId, int channel, byte[] data) {
}
