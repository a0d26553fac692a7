package org.knet4j.api;

/** {@code KNET_NOTIFY_TX} (0) and {@code KNET_NOTIFY_RX} (1). */
public enum Direction {
    TX, RX
}
