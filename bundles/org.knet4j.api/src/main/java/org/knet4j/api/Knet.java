package org.knet4j.api;

import java.util.List;

/**
 * The entry point: creates handles and lists what is installed. In OSGi it is a service registered by the core
 * bundle; outside OSGi, {@code org.knet4j.core.Knet4j.create()} builds one with plugins found by ServiceLoader.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Knet {
    /**
     * {@code knet_handle_new_ex}: create a handle for local host {@code options.hostId()}.
     *
     * @throws KnetException EINVAL if the host id is outside 0..65535; ENAMETOOLONG if {@code privileged} is set and
     *                       the 8 MiB socket buffers cannot be had
     */
    KnetHandle newHandle(HandleOptions options) throws KnetException;

    /** The live handles of this instance, oldest first. */
    List<KnetHandle> handles();

    /** {@code knet_get_transport_list}: the installed transports (LOOPBACK is built in). */
    List<TransportInfo> transportList();

    /**
     * {@code knet_get_transport_name_by_id}.
     *
     * @throws KnetException EINVAL for 255 or outside 0..255; ENOENT for an id that is not installed
     */
    String transportNameById(int id) throws KnetException;

    /**
     * {@code knet_get_transport_id_by_name}: names are case-sensitive ("UDP", "LOOPBACK").
     *
     * @throws KnetException EINVAL for null or an unknown name
     */
    int transportIdByName(String name) throws KnetException;

    /** {@code knet_get_crypto_list}: crypto model names whose plugin is installed now. */
    List<String> cryptoList();

    /** {@code knet_get_compress_list}: compression model names whose plugin is installed now ("none" is not listed). */
    List<String> compressList();
}
