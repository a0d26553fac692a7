package org.knet4j.api;

/** {@code knet_host_enable_status_change_notify}: called on each reachability change. Must not block. */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface HostStatusListener {
    void hostStatusChanged(int hostId, HostStatus status);
}
