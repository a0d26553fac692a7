/**
 * The libknet 1.25 packet formats (WIRE.md §1–§3, §6) as static accessors over {@link java.nio.ByteBuffer}.
 *
 * <p>Conventions for every class here:
 * <ul>
 * <li>Readers and the low-level writers take an <b>absolute base index</b>: the offset in the buffer where the knet
 * packet starts (its version byte). Field offsets are added to it. They never read or move the buffer's position or
 * limit, and never allocate, so the receive path can work on a datagram in place.</li>
 * <li>The packet writers named {@code writeXxx(ByteBuffer dst, ...)} without a base index append a whole packet at
 * {@code dst.position()} and advance the position past it, so {@code clear(); writeXxx(...); flip();} leaves exactly
 * the packet to send. They throw {@link java.nio.BufferOverflowException} before writing anything if it does not
 * fit.</li>
 * <li>Multi-byte fields use the byte order of WIRE.md whatever {@link java.nio.ByteBuffer#order()} says.</li>
 * <li>Readers return unsigned values as non-negative ints, except the DATA channel, which is an int8 on the wire.
 * They assume the packet was checked by {@link org.knet4j.core.internal.onwire.PacketValidator} (so the fields
 * lie inside the buffer); they do not validate values.</li>
 * </ul>
 */
package org.knet4j.core.internal.onwire;
