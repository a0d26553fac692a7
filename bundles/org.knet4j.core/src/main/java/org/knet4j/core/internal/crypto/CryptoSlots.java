package org.knet4j.core.internal.crypto;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.knet4j.api.CryptoConfig;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;

/**
 * The handle's two crypto slots (libknet's crypto_instance[1..2]), the slot used for sending, and the rule for
 * clear traffic on receive (WIRE.md §7). Reads are lock-free for the packet paths; writes happen under the
 * handle's configuration lock.
 */
public final class CryptoSlots {
    private final AtomicReferenceArray<CryptoEngine> engines = new AtomicReferenceArray<>(3);
    private final AtomicReferenceArray<CryptoConfig> configs = new AtomicReferenceArray<>(3);
    private final AtomicReferenceArray<CryptoProvider> providers = new AtomicReferenceArray<>(3);
    private volatile int txSlot;
    private volatile boolean rxAllowClear = true;

    public CryptoEngine engine(int slot) {
        return engines.get(slot);
    }

    public CryptoConfig config(int slot) {
        return configs.get(slot);
    }

    public CryptoProvider provider(int slot) {
        return providers.get(slot);
    }

    /** Install (or with nulls, clear) a slot; returns the engine it replaced, for the caller to close. */
    public CryptoEngine set(int slot, CryptoConfig config, CryptoProvider provider, CryptoEngine engine) {
        configs.set(slot, config);
        providers.set(slot, provider);
        return engines.getAndSet(slot, engine);
    }

    /** Keep the slot's configuration but serve it with another provider's engine (or none). */
    public CryptoEngine replaceEngine(int slot, CryptoProvider provider, CryptoEngine engine) {
        providers.set(slot, provider);
        return engines.getAndSet(slot, engine);
    }

    public int txSlot() {
        return txSlot;
    }

    public void setTxSlot(int slot) {
        this.txSlot = slot;
    }

    /** True when sending must be encrypted (a slot is chosen), whether or not its engine is present. */
    public boolean txEncrypts() {
        return txSlot != 0;
    }

    /** The engine used for sending; null for clear traffic or when the slot's provider is gone. */
    public CryptoEngine txEngine() {
        int s = txSlot;
        return s == 0 ? null : engines.get(s);
    }

    public boolean rxAllowClear() {
        return rxAllowClear;
    }

    public void setRxAllowClear(boolean allow) {
        this.rxAllowClear = allow;
    }

    public boolean anyConfigured() {
        return engines.get(1) != null || engines.get(2) != null;
    }

    /**
     * Decrypt with the TX slot first, then the other (libknet tries every configured slot, keeping the first that
     * authenticates).
     *
     * @return plaintext length in {@code out} (from its position), or -1 if no slot authenticates it
     */
    public int decrypt(ByteBuffer wire, ByteBuffer out) {
        int first = txSlot == 2 ? 2 : 1;
        int second = 3 - first;
        int start = wire.position();
        CryptoEngine e = engines.get(first);
        if (e != null) {
            int n = e.decrypt(wire, out);
            if (n >= 0) {
                return n;
            }
            wire.position(start);
        }
        e = engines.get(second);
        if (e != null) {
            int n = e.decrypt(wire, out);
            if (n >= 0) {
                return n;
            }
            wire.position(start);
        }
        return -1;
    }

    public void closeAll() {
        for (int i = 1; i <= 2; i++) {
            CryptoEngine e = engines.getAndSet(i, null);
            configs.set(i, null);
            providers.set(i, null);
            if (e != null) {
                e.close();
            }
        }
        txSlot = 0;
    }
}
