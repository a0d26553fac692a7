package org.knet4j.api;

/**
 * What a {@link DestinationFilter} sees and may change for one message. The object is reused by the engine:
 * do not keep it after {@code filter} returns.
 */
@org.osgi.annotation.versioning.ProviderType
public interface FilterRequest {
    Direction direction();

    /** This handle's host id. */
    int localHostId();

    /** The sender's host id (the local id on TX). */
    int sourceHostId();

    /** The message's channel, 0..31. */
    int channel();

    /** Rewrite the channel the message goes to (TX) or is delivered on (RX), 0..31. */
    void setChannel(int channel);

    /** Add a destination host for a UNICAST verdict; at most 65536 entries. */
    void addDestination(int hostId);
}
