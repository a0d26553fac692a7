package org.knet4j.api;

/**
 * The onwire protocol versions of one node, as {@code knet_handle_get_onwire_ver} (libknet 1.26+) reports them.
 * knet4j speaks the 1.25 wire, which has version 1 only and no negotiation.
 *
 * @param min the lowest version the node supports: 1 for this node, 0 for a remote one (libknet cannot know it)
 * @param max the highest version the node supports: 1 for this node; for a remote one the version last seen from
 *            it, since the 1.25 header carries no separate maximum (0 before any packet)
 * @param current the version in use: 1 for this node; for a remote one the version last seen from it, 0 before any
 *                packet
 * @since API 1.2
 */
public record OnwireVersion(int min, int max, int current) {
}
