package org.knet4j.api;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One local knet node ({@code knet_handle_t}). Every method mirrors a libknet 1.25 call and raises
 * {@link KnetException} with libknet's errno where libknet fails; a failed call changes nothing. Calls on a freed
 * handle raise EINVAL, as libknet does for a handle it does not know.
 *
 * <p>Thread-safe. Limits: host ids 0..65535, link ids 0..7, channels 0..31, messages 1..65536 bytes.
 */
@org.osgi.annotation.versioning.ProviderType
public interface KnetHandle extends AutoCloseable {
    int MAX_HOST = 65536;
    int MAX_LINK = 8;
    int DATAFD_MAX = 32;
    int MAX_PACKET_SIZE = 65536;
    /** {@code KNET_PMTUD_DEFAULT_INTERVAL}, seconds. */
    int PMTUD_DEFAULT_INTERVAL = 60;
    /** {@code KNET_TRANSPORT_DEFAULT_RECONNECT_INTERVAL}, milliseconds. */
    int DEFAULT_RECONNECT_INTERVAL = 1000;
    /** {@code KNET_LINK_DEFAULT_PONG_COUNT}. */
    int DEFAULT_PONG_COUNT = 5;

    /** This node's host id. */
    int hostId();

    // ---------------------------------------------------------------- lifecycle

    /**
     * {@code knet_handle_free}: stop the handle and release its sockets and threads.
     *
     * @throws KnetException EBUSY while hosts are still defined (remove links and hosts first); EINVAL if already
     *                       freed
     */
    void free() throws KnetException;

    /** Free the handle whatever it holds: disables forwarding, removes every link and host, then {@link #free()}. */
    @Override
    void close();

    /** False once freed. */
    boolean isOpen();

    // ---------------------------------------------------------------- channels and data

    /**
     * {@code knet_handle_enable_sock_notify}: the listener for channel errors. Required before
     * {@link #openChannel}, as in libknet.
     *
     * @throws KnetException EINVAL if {@code listener} is null
     */
    void enableSockNotify(SockNotifyListener listener) throws KnetException;

    /**
     * {@code knet_handle_add_datafd}: attach a data channel.
     *
     * @param channel 0..31, or -1 for the lowest free channel
     * @throws KnetException EINVAL if {@code channel} is outside -1..31 or no sock-notify listener is registered;
     *                       EBUSY if the channel is in use or none is free
     */
    DataChannel openChannel(int channel) throws KnetException;

    /**
     * {@code knet_handle_get_datafd}.
     *
     * @throws KnetException EINVAL if {@code channel} is outside 0..31 or not open
     */
    DataChannel getChannel(int channel) throws KnetException;

    /**
     * {@code knet_send}: hand {@code message} on {@code channel} to the handle and return without waiting (sent from
     * this thread when nothing is queued ahead of it, else queued for the send thread). Messages are dropped
     * silently (and counted) if forwarding is off or no destination is reachable, as in libknet.
     *
     * @throws KnetException EINVAL if the length is 0 or above 65536, or the channel is outside 0..31 or not open;
     *                       EAGAIN if the send queue is full
     */
    void send(int channel, ByteBuffer message) throws KnetException;

    /**
     * {@code knet_send_sync}: send one message to exactly one host, in the caller's thread, bypassing the queue.
     * The destination filter chooses the host; the message is compressed, fragmented and encrypted as any other.
     *
     * @throws KnetException EINVAL for a length of 0 or above 65536, a channel outside 0..31 or not open, or a
     *                       filter that said UNICAST with no destination; ENETDOWN if no filter is installed;
     *                       ECANCELED if forwarding is disabled; EFAULT if the filter said DROP (or threw); E2BIG if
     *                       it said BROADCAST or gave more than one destination; ENOMSG if the destination is not
     *                       a host of this handle; EHOSTDOWN if the destination is not reachable; ECHILD if
     *                       encryption failed; EAGAIN if the transport could not take the packets (retry later)
     */
    void sendSync(int channel, ByteBuffer message) throws KnetException;

    /**
     * {@code knet_recv}: wait up to {@code timeoutMs} for a message on {@code channel} and copy it into
     * {@code buffer}.
     *
     * @return the message length, or -1 if none arrived in time ({@code timeoutMs} 0: EAGAIN's Java form)
     * @throws KnetException EINVAL if the channel is outside 0..31 or not open, or {@code buffer} has no room;
     *                       EMSGSIZE if the message does not fit (it stays queued)
     */
    int recv(int channel, ByteBuffer buffer, long timeoutMs) throws KnetException, InterruptedException;

    /**
     * {@code knet_handle_enable_filter}: install ({@code null} removes) the destination filter. Without a filter
     * every message is broadcast and {@link #sendSync} fails with ENETDOWN.
     */
    void enableFilter(DestinationFilter filter);

    /** The installed destination filter, or {@code null} (a knet4j addition: libknet has no getter). */
    DestinationFilter filter();

    /**
     * {@code knet_handle_setfwd}: start or stop forwarding data (default: stopped). Heartbeats continue either way.
     */
    void setForwarding(boolean enabled);

    boolean isForwarding();

    // ---------------------------------------------------------------- access lists

    /**
     * {@code knet_handle_enable_access_lists}. <b>On by default</b>, as in libknet 1.35 after CVE-2026-15812 (1.25
     * had them off): a packet is taken only from an address that the access list of one of its socket's links
     * accepts, checked before any decryption, then against the list of the link its header names. A static link's
     * list holds one automatic entry accepting its destination IP; a dynamic link's list is the user's
     * ({@link #linkAddAcl}) and is empty, so refusing everything, until entries are added. Refused packets are
     * counted in {@link HandleStats#rxAclRefusedPackets()}. {@code enableAccessLists(false)} turns the check off.
     */
    void enableAccessLists(boolean enabled);

    boolean accessListsEnabled();

    // ---------------------------------------------------------------- stats

    /** {@code knet_handle_get_stats}. */
    HandleStats getStats();

    /** {@code knet_handle_clear_stats}. */
    void clearStats(ClearStatsScope scope);

    // ---------------------------------------------------------------- PMTUd

    /**
     * {@code knet_handle_pmtud_setfreq}.
     *
     * @param seconds 1..86400 (default 60)
     * @throws KnetException EINVAL outside 1..86400
     */
    void pmtudSetFreq(int seconds) throws KnetException;

    /** {@code knet_handle_pmtud_getfreq}. */
    int pmtudGetFreq();

    /** {@code knet_handle_enable_pmtud_notify} ({@code null} disables). */
    void enablePmtudNotify(PmtudListener listener);

    /**
     * {@code knet_handle_pmtud_set}: force the interface MTU used for every link ({@code 0} returns to discovery).
     *
     * @param ifaceMtu 0..65535
     * @throws KnetException EINVAL above 65535 or below 0
     */
    void pmtudSet(int ifaceMtu) throws KnetException;

    /** {@code knet_handle_pmtud_get}: the current data MTU, the largest fragment payload. */
    int pmtudGet();

    // ---------------------------------------------------------------- crypto

    /**
     * {@code knet_handle_crypto_set_config}: install, replace or (with model "none") clear crypto slot 1 or 2.
     *
     * @throws KnetException EINVAL for a slot other than 1 or 2, a key outside 128..4096 bytes, a cipher with hash
     *                       "none", or a model that is not installed; EBUSY if the slot is the one in use for TX;
     *                       ENXIO for a cipher or hash the model does not know
     */
    void cryptoSetConfig(CryptoConfig config, int slot) throws KnetException;

    /**
     * {@code knet_handle_crypto_use_config}: the slot used for sending (0 = clear). Receiving tries every slot.
     *
     * @throws KnetException EINVAL for a slot outside 0..2 or an empty slot
     */
    void cryptoUseConfig(int slot) throws KnetException;

    /**
     * {@code knet_handle_crypto_rx_clear_traffic}: {@code true} allows clear packets on receive (the default).
     */
    void cryptoRxClearTraffic(boolean allow);

    /**
     * {@code knet_handle_crypto} (legacy): put {@code config} in slot 1 and send with it, disallowing clear traffic;
     * "none" returns to clear traffic in both directions.
     *
     * @throws KnetException as {@link #cryptoSetConfig}
     */
    void crypto(CryptoConfig config) throws KnetException;

    /** The slot used for sending: 0 (clear), 1 or 2 (a knet4j addition: libknet has no getter). */
    int cryptoGetUseConfig();

    /**
     * The configuration in slot 1 or 2, {@link CryptoConfig#none()} when the slot is empty (a knet4j addition).
     *
     * @throws KnetException EINVAL for a slot other than 1 or 2
     */
    CryptoConfig cryptoGetConfig(int slot) throws KnetException;

    /** True while clear packets are accepted on receive (a knet4j addition). */
    boolean cryptoRxClearTrafficAllowed();

    // ---------------------------------------------------------------- compression

    /**
     * {@code knet_handle_compress}: compress sent messages longer than the threshold with a model; "none" stops
     * (unlike libknet 1.25, where it did not).
     *
     * @throws KnetException EINVAL for a model that is not installed, a threshold outside 0..65536, or a level the
     *                       model refuses
     */
    void compress(CompressConfig config) throws KnetException;

    CompressConfig compressConfig();

    // ---------------------------------------------------------------- hosts

    /**
     * {@code knet_host_add}.
     *
     * @throws KnetException EINVAL outside 0..65535; EEXIST if the host exists
     */
    void hostAdd(int hostId) throws KnetException;

    /**
     * {@code knet_host_remove}.
     *
     * @throws KnetException EINVAL if unknown; EBUSY while it has links
     */
    void hostRemove(int hostId) throws KnetException;

    /**
     * {@code knet_host_set_name}.
     *
     * @throws KnetException EINVAL for an unknown host, null, or a name of 256 bytes or more; EEXIST if any host
     *                       (this one included) already has that name
     */
    void hostSetName(int hostId, String name) throws KnetException;

    /** {@code knet_host_get_name_by_host_id} (default: the decimal id). @throws KnetException EINVAL if unknown */
    String hostGetName(int hostId) throws KnetException;

    /** {@code knet_host_get_id_by_host_name}. @throws KnetException EINVAL for null; ENOENT if no host has it */
    int hostGetIdByName(String name) throws KnetException;

    /** {@code knet_host_get_host_list}: most recently added first, as libknet. */
    List<Integer> hostList();

    /** {@code knet_host_set_policy}. @throws KnetException EINVAL if the host is unknown */
    void hostSetPolicy(int hostId, LinkPolicy policy) throws KnetException;

    /** {@code knet_host_get_policy}. @throws KnetException EINVAL if the host is unknown */
    LinkPolicy hostGetPolicy(int hostId) throws KnetException;

    /** {@code knet_host_get_status}. @throws KnetException EINVAL if the host is unknown */
    HostStatus hostGetStatus(int hostId) throws KnetException;

    /**
     * {@code knet_handle_get_onwire_ver} (libknet 1.26+, which reports it beside, not in, the host status): the
     * onwire versions of this node ({@code hostId} = the handle's own id) or of a remote host, as last seen on
     * its service packets. Packets of any other version than 1 are dropped and counted in
     * {@link HandleStats#rxBadVersionPackets()}; they never change what this returns.
     *
     * @throws KnetException EINVAL if the host is unknown
     * @since API 1.2
     */
    OnwireVersion getOnwireVersion(int hostId) throws KnetException;

    /** {@code knet_host_enable_status_change_notify} ({@code null} disables). */
    void enableHostStatusNotify(HostStatusListener listener);

    /** Link up/down notifications (a knet4j addition; {@code null} disables). */
    void enableLinkStatusNotify(LinkStatusListener listener);

    // ---------------------------------------------------------------- links

    /**
     * {@code knet_link_set_config}: create a link (disabled) to {@code hostId}.
     *
     * @throws KnetException EINVAL for an unknown host, a link id outside 0..7, an unknown or uninstalled transport,
     *                       source and destination of different families, loopback to another host or beside other
     *                       links, or a dynamic and a static link sharing one source address; EBUSY if the link is
     *                       already configured; EADDRINUSE / EADDRNOTAVAIL if the source cannot be bound
     */
    void linkSetConfig(int hostId, int linkId, LinkConfig config) throws KnetException;

    /** {@code knet_link_get_config}. @throws KnetException EINVAL if the host or link is unknown */
    LinkConfig linkGetConfig(int hostId, int linkId) throws KnetException;

    /**
     * {@code knet_link_clear_config}.
     *
     * @throws KnetException EINVAL if the host or link is unknown; EBUSY while the link is enabled
     */
    void linkClearConfig(int hostId, int linkId) throws KnetException;

    /** {@code knet_link_set_enable}. @throws KnetException EINVAL if the host or link is unknown */
    void linkSetEnable(int hostId, int linkId, boolean enabled) throws KnetException;

    /** {@code knet_link_get_enable}. @throws KnetException EINVAL if the host or link is unknown */
    boolean linkGetEnable(int hostId, int linkId) throws KnetException;

    /**
     * {@code knet_link_set_ping_timers}.
     *
     * @throws KnetException EINVAL for an interval or precision of 0 or less, or an unknown host or link; ENOSYS for
     *                       a timeout of 0 (reserved for "auto" in libknet); EINVAL for a negative timeout
     */
    void linkSetPingTimers(int hostId, int linkId, PingTimers timers) throws KnetException;

    /** {@code knet_link_get_ping_timers}. @throws KnetException EINVAL if the host or link is unknown */
    PingTimers linkGetPingTimers(int hostId, int linkId) throws KnetException;

    /**
     * {@code knet_link_set_pong_count}: pongs needed before the link goes up (it goes up on pong count+1).
     *
     * @throws KnetException EINVAL outside 1..255 or for an unknown host or link
     */
    void linkSetPongCount(int hostId, int linkId, int pongCount) throws KnetException;

    /** {@code knet_link_get_pong_count}. */
    int linkGetPongCount(int hostId, int linkId) throws KnetException;

    /**
     * {@code knet_link_set_priority}: higher wins under the passive policy.
     *
     * @throws KnetException EINVAL outside 0..255 or for an unknown host or link
     */
    void linkSetPriority(int hostId, int linkId, int priority) throws KnetException;

    /** {@code knet_link_get_priority}. */
    int linkGetPriority(int hostId, int linkId) throws KnetException;

    /** {@code knet_link_get_link_list}: configured link ids, ascending. @throws KnetException EINVAL if unknown */
    List<Integer> linkList(int hostId) throws KnetException;

    /** {@code knet_link_get_status}. @throws KnetException EINVAL if the host or link is unknown */
    LinkStatus linkGetStatus(int hostId, int linkId) throws KnetException;

    /**
     * {@code knet_link_add_acl}: append an entry. Only dynamic links take user entries.
     *
     * @throws KnetException EINVAL for a static link, a missing second address for MASK/RANGE, or families that
     *                       differ; EEXIST for an identical entry
     */
    void linkAddAcl(int hostId, int linkId, AclEntry entry) throws KnetException;

    /**
     * {@code knet_link_insert_acl}: insert at {@code index} (0 first; -1 or beyond the end appends).
     *
     * @throws KnetException as {@link #linkAddAcl}
     */
    void linkInsertAcl(int hostId, int linkId, int index, AclEntry entry) throws KnetException;

    /** {@code knet_link_rm_acl}. @throws KnetException EINVAL as add; ENOENT if no identical entry exists */
    void linkRmAcl(int hostId, int linkId, AclEntry entry) throws KnetException;

    /** {@code knet_link_clear_acl}. @throws KnetException EINVAL for a static or unknown link */
    void linkClearAcl(int hostId, int linkId) throws KnetException;

    /** The link's access list as it is checked, automatic entries included. */
    List<AclEntry> linkGetAcl(int hostId, int linkId) throws KnetException;

    // ---------------------------------------------------------------- transports and logging

    /**
     * {@code knet_handle_set_transport_reconnect_interval} (milliseconds, default 1000; no effect on UDP).
     *
     * @throws KnetException EINVAL for 0 or less
     */
    void setTransportReconnectInterval(long millis) throws KnetException;

    long getTransportReconnectInterval();

    /** {@code knet_log_set_loglevel}. */
    void logSetLevel(LogSubsystem subsystem, LogLevel level);

    /** {@code knet_log_get_loglevel}. */
    LogLevel logGetLevel(LogSubsystem subsystem);
}
