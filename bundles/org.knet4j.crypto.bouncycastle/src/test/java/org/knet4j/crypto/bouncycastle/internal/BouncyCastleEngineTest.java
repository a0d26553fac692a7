package org.knet4j.crypto.bouncycastle.internal;

import org.knet4j.crypto.testkit.EngineContract;
import org.knet4j.spi.crypto.CryptoProvider;

/** The BouncyCastle bundle inside the real engine: links, messages, wrong keys, clear traffic, key rotation. */
class BouncyCastleEngineTest extends EngineContract {
    @Override
    protected CryptoProvider provider() {
        return new BouncyCastleCryptoProvider();
    }
}
