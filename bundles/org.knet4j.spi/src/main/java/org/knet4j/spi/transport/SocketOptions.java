package org.knet4j.spi.transport;

/**
 * How a socket is set up, as libknet sets up its own.
 *
 * @param bufferBytes    SO_RCVBUF / SO_SNDBUF wanted (libknet: 8 MiB)
 * @param forceBuffers   fail if the kernel grants less than {@code bufferBytes} (libknet's PRIVILEGED flag)
 * @param trafficHiPrio  SO_PRIORITY 6 and IP_TOS LOWDELAY ({@code KNET_LINK_FLAG_TRAFFICHIPRIO})
 * @param ioAffinity     sockets opened with the same value are served by the same I/O thread, where the transport
 *                       has several (the engine gives each handle's sockets one value: under the active policy the
 *                       copies of a message on two links are then read by one thread, in step, as libknet's single
 *                       receive thread reads them; on two threads one link's backlog could fall thousands of
 *                       sequence numbers behind the other and outrun the de-duplication window)
 * @since 1.1 (ioAffinity)
 */
public record SocketOptions(int bufferBytes, boolean forceBuffers, boolean trafficHiPrio, int ioAffinity) {
    public static final int LIBKNET_BUFFER_BYTES = 8 * 1024 * 1024;
    public static final SocketOptions DEFAULT = new SocketOptions(LIBKNET_BUFFER_BYTES, false, false);

    /** Options with affinity 0 (the 1.0 form). */
    public SocketOptions(int bufferBytes, boolean forceBuffers, boolean trafficHiPrio) {
        this(bufferBytes, forceBuffers, trafficHiPrio, 0);
    }
}
