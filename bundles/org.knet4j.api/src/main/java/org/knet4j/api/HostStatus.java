package org.knet4j.api;

/**
 * {@code struct knet_host_status}: {@code reachable} when at least one link is enabled, connected and has a valid
 * MTU (or the host is reached by loopback). {@code remote} and {@code external} are always false, as in libknet.
 */
public record HostStatus(boolean reachable, boolean remote, boolean external) {
}
