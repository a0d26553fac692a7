package org.knet4j.api;

/** {@code knet_handle_enable_pmtud_notify}: called when the handle's data MTU changes. Must not block. */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface PmtudListener {
    void dataMtuChanged(int dataMtu);
}
