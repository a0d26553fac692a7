package org.knet4j.spi.crypto.framing;

import java.security.GeneralSecurityException;

/** Makes fresh {@link PacketPrimitives} for one crypto configuration (cipher, hash and key already bound). */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface PrimitivesFactory {
    PacketPrimitives newPrimitives() throws GeneralSecurityException;
}
