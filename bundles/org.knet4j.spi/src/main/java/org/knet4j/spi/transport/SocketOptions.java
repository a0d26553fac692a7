package org.knet4j.spi.transport;

/**
 * How a socket is set up, as libknet sets up its own.
 *
 * @param bufferBytes    SO_RCVBUF / SO_SNDBUF wanted (libknet: 8 MiB)
 * @param forceBuffers   fail if the kernel grants less than {@code bufferBytes} (libknet's PRIVILEGED flag)
 * @param trafficHiPrio  SO_PRIORITY 6 and IP_TOS LOWDELAY ({@code KNET_LINK_FLAG_TRAFFICHIPRIO})
 */
public record SocketOptions(int bufferBytes, boolean forceBuffers, boolean trafficHiPrio) {
    public static final int LIBKNET_BUFFER_BYTES = 8 * 1024 * 1024;
    public static final SocketOptions DEFAULT = new SocketOptions(LIBKNET_BUFFER_BYTES, false, false);
}
