package org.knet4j.crypto.bouncycastle.internal;

import java.nio.ByteBuffer;
import org.knet4j.crypto.testkit.CryptoProviderContract;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.crypto.framing.LibknetCryptoEngine;

/** The provider contract (framing, known answers, tampering, errors, threads, allocation) for BouncyCastle. */
class BouncyCastleCryptoProviderTest extends CryptoProviderContract {
    @Override
    protected CryptoProvider provider() {
        return new BouncyCastleCryptoProvider();
    }

    @Override
    protected int encryptWithSalt(CryptoEngine engine, ByteBuffer plain, ByteBuffer out, byte[] salt) {
        return ((LibknetCryptoEngine) engine).encryptWithSalt(plain, out, salt);
    }

    @Override
    protected int pooledStates(CryptoEngine engine) {
        return ((LibknetCryptoEngine) engine).pooledStates();
    }
}
