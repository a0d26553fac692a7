package org.knet4j.crypto.jce.internal;

import org.knet4j.crypto.testkit.EngineContract;
import org.knet4j.spi.crypto.CryptoProvider;

/** The JCE bundle inside the real engine: links, messages, wrong keys, clear traffic, key rotation. */
class JceEngineTest extends EngineContract {
    @Override
    protected CryptoProvider provider() {
        return new JceCryptoProvider();
    }
}
