package org.knet4j.api;

/** One installed transport ({@code struct knet_transport_info}). */
public record TransportInfo(String name, int id) {
}
