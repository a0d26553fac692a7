package org.knet4j.core.internal.handle;

import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.OnwireVersion;
import org.knet4j.api.ClearStatsScope;
import org.knet4j.api.CompressConfig;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.DataChannel;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.HandleStats;
import org.knet4j.api.HostStatus;
import org.knet4j.api.HostStatusListener;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkConfig;
import org.knet4j.api.LinkPolicy;
import org.knet4j.api.LinkStatus;
import org.knet4j.api.LinkStatusListener;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;
import org.knet4j.api.PingTimers;
import org.knet4j.api.PmtudListener;
import org.knet4j.api.SockNotifyListener;
import org.knet4j.api.TransportType;
import org.knet4j.core.internal.acl.CompiledAcl;
import org.knet4j.core.internal.channel.DataChannelImpl;
import org.knet4j.core.internal.compress.CompressState;
import org.knet4j.core.internal.heartbeat.Heartbeat;
import org.knet4j.core.internal.heartbeat.LinkHeartbeat;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.log.KnetLog;
import org.knet4j.core.internal.plugin.PluginRegistry;
import org.knet4j.core.internal.pmtud.PmtudProber;
import org.knet4j.core.internal.onwire.KnetPacket;
import org.knet4j.core.internal.rx.SocketReceiver;
import org.knet4j.core.internal.stats.StatsSnapshots;
import org.knet4j.core.internal.transport.SharedSocket;
import org.knet4j.core.internal.transport.SocketRegistry;
import org.knet4j.core.internal.tx.TxPipeline;
import org.knet4j.core.internal.tx.TxQueue;
import org.knet4j.core.internal.tx.TxSequence;
import org.knet4j.spi.compress.Compressor;
import org.knet4j.spi.crypto.CryptoEngine;
import org.knet4j.spi.crypto.CryptoProvider;
import org.knet4j.spi.transport.SocketOptions;
import org.knet4j.spi.transport.Transport;

/**
 * A knet handle: the API surface. It validates every call as libknet does, changes configuration under one
 * per-handle lock, and leaves the packet work to {@link TxPipeline}, {@link SocketReceiver} and {@link Heartbeat}.
 */
public final class KnetHandleImpl implements KnetHandle, DataChannelImpl.Owner, PluginRegistry.Listener {
    private final HandleContext ctx;
    private final HandleOptions options;
    private final Runnable onFree;
    private final TxSequence txSeq = new TxSequence();
    private final TxPipeline tx;
    private final TxQueue txQueue;
    private final LinkHeartbeat linkHeartbeat;
    private final Heartbeat heartbeat;
    private final SocketRegistry sockets;
    private final MtuPolicy mtu;
    private final PmtudProber prober;
    private volatile boolean open = true;
    private volatile int pmtudFreq = PMTUD_DEFAULT_INTERVAL;
    private volatile long reconnectInterval = DEFAULT_RECONNECT_INTERVAL;

    public KnetHandleImpl(HandleOptions options, PluginRegistry plugins, ByteBufAllocator alloc, Runnable onFree) {
        this.options = options;
        this.onFree = onFree;
        this.ctx = new HandleContext(options.hostId(),
                new KnetLog(options.hostId(), options.logListener(), options.logLevel()), plugins, alloc);
        this.mtu = new MtuPolicy(ctx);
        ctx.mtuRecompute = mtu::recompute;
        this.prober = new PmtudProber(ctx, () -> pmtudFreq, mtu::recompute);
        this.tx = new TxPipeline(ctx, txSeq);
        this.linkHeartbeat = new LinkHeartbeat(ctx);
        this.heartbeat = new Heartbeat(ctx, linkHeartbeat, txSeq);
        this.sockets = new SocketRegistry(src -> new SocketReceiver(ctx, linkHeartbeat, src));
        this.txQueue = new TxQueue(ctx, tx, ctx.entries, sockets::allWritable);
        mtu.recompute();
        plugins.addListener(this);
        txQueue.start();
        heartbeat.start();
        prober.start();
        ctx.log.info(LogSubsystem.HANDLE, "handle %d created", options.hostId());
    }

    @Override
    public int hostId() {
        return ctx.hostId;
    }

    /**
     * Pooled buffers this handle keeps for the next queued message ({@code EntryBuffers}): an allocator's count of live
     * buffers includes them, and they are not leaked (released when the handle is freed). For tests and diagnostics.
     */
    public int buffersKeptForReuse() {
        return ctx.entries.kept();
    }

    HandleContext context() {
        return ctx;
    }

    private void checkOpen() throws KnetException {
        if (!open) {
            throw new KnetException(KnetError.EINVAL, "handle " + ctx.hostId + " has been freed");
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void free() throws KnetException {
        synchronized (ctx.configLock) {
            checkOpen();
            if (!ctx.hosts.isEmpty()) {
                throw new KnetException(KnetError.EBUSY, "handle " + ctx.hostId + " still has "
                        + ctx.hosts.all().length + " host(s): remove links and hosts first");
            }
            open = false;
        }
        ctx.plugins.removeListener(this);
        heartbeat.stop();
        prober.stop();
        txQueue.stop();
        synchronized (ctx.configLock) {
            sockets.closeAll();
            ctx.crypto.closeAll();
            for (int c = 0; c < 32; c++) {
                DataChannelImpl ch = ctx.channels.getAndSet(c, null);
                if (ch != null) {
                    ch.close();
                }
            }
            ctx.entries.close(); // after the queues: what they released is kept no longer
        }
        ctx.notifier.shutdown();
        ctx.log.info(LogSubsystem.HANDLE, "handle %d freed", ctx.hostId);
        onFree.run();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        setForwarding(false);
        synchronized (ctx.configLock) {
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    try {
                        linkSetEnable(h.id(), l.linkId(), false);
                        linkClearConfig(h.id(), l.linkId());
                    } catch (KnetException e) {
                        ctx.log.warn(LogSubsystem.HANDLE, "closing %s: %s", l, e.getMessage());
                    }
                }
                try {
                    hostRemove(h.id());
                } catch (KnetException e) {
                    ctx.log.warn(LogSubsystem.HANDLE, "closing host %d: %s", h.id(), e.getMessage());
                }
            }
        }
        try {
            free();
        } catch (KnetException e) {
            ctx.log.warn(LogSubsystem.HANDLE, "close: %s", e.getMessage());
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    // ------------------------------------------------------------------ channels and data

    @Override
    public void enableSockNotify(SockNotifyListener listener) throws KnetException {
        checkOpen();
        ctx.sockNotify = Validate.notNull(listener, "sock notify listener");
    }

    @Override
    public DataChannel openChannel(int channel) throws KnetException {
        synchronized (ctx.configLock) {
            checkOpen();
            Validate.inRange(channel, -1, DATAFD_MAX - 1, "channel");
            if (ctx.sockNotify == null) {
                throw new KnetException(KnetError.EINVAL, "enable sock notify before opening channels");
            }
            int c = channel;
            if (c < 0) {
                for (c = 0; c < DATAFD_MAX && ctx.channels.get(c) != null; c++) {
                    // find the lowest free channel
                }
                if (c == DATAFD_MAX) {
                    throw new KnetException(KnetError.EBUSY, "all 32 channels are in use");
                }
            } else if (ctx.channels.get(c) != null) {
                throw new KnetException(KnetError.EBUSY, "channel " + c + " is in use");
            }
            DataChannelImpl ch = new DataChannelImpl(c, this, ctx.entries, DataChannelImpl.DEFAULT_CAPACITY);
            ctx.channels.set(c, ch);
            return ch;
        }
    }

    @Override
    public void closed(DataChannelImpl channel) {
        ctx.channels.compareAndSet(channel.channel(), channel, null);
    }

    @Override
    public DataChannel getChannel(int channel) throws KnetException {
        checkOpen();
        return openChannelOrFail(channel);
    }

    private DataChannelImpl openChannelOrFail(int channel) throws KnetException {
        Validate.inRange(channel, 0, DATAFD_MAX - 1, "channel");
        DataChannelImpl ch = ctx.channels.get(channel);
        if (ch == null) {
            throw new KnetException(KnetError.EINVAL, "channel " + channel + " is not open");
        }
        return ch;
    }

    private static void checkMessage(ByteBuffer message) throws KnetException {
        Validate.notNull(message, "message");
        int len = message.remaining();
        if (len < 1 || len > MAX_PACKET_SIZE) {
            throw new KnetException(KnetError.EINVAL, "message length " + len + " is outside 1..65536");
        }
    }

    @Override
    public void send(int channel, ByteBuffer message) throws KnetException {
        checkOpen();
        checkMessage(message);
        openChannelOrFail(channel);
        txQueue.offer(channel, message);
    }

    @Override
    public void sendSync(int channel, ByteBuffer message) throws KnetException {
        checkOpen();
        checkMessage(message);
        openChannelOrFail(channel);
        tx.send(channel, message, true);
    }

    @Override
    public int recv(int channel, ByteBuffer buffer, long timeoutMs) throws KnetException, InterruptedException {
        checkOpen();
        DataChannelImpl ch = openChannelOrFail(channel);
        Validate.notNull(buffer, "buffer");
        if (!buffer.hasRemaining()) {
            throw new KnetException(KnetError.EINVAL, "buffer has no room");
        }
        return ch.receive(buffer, Duration.ofMillis(Math.max(0, timeoutMs)));
    }

    @Override
    public void enableFilter(DestinationFilter filter) {
        ctx.filter = filter;
    }

    @Override
    public DestinationFilter filter() {
        return ctx.filter;
    }

    @Override
    public void setForwarding(boolean enabled) {
        ctx.forwarding = enabled;
    }

    @Override
    public boolean isForwarding() {
        return ctx.forwarding;
    }

    // ------------------------------------------------------------------ access lists

    @Override
    public void enableAccessLists(boolean enabled) {
        ctx.accessLists = enabled;
    }

    @Override
    public boolean accessListsEnabled() {
        return ctx.accessLists;
    }

    // ------------------------------------------------------------------ stats

    @Override
    public HandleStats getStats() {
        return StatsSnapshots.handle(ctx.counters);
    }

    @Override
    public void clearStats(ClearStatsScope scope) {
        ctx.counters.clear();
        if (scope == ClearStatsScope.HANDLE_AND_LINK) {
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    l.counters().clear();
                    l.heartbeat().clearLatencyStats();
                }
            }
        }
    }

    // ------------------------------------------------------------------ PMTUd

    @Override
    public void pmtudSetFreq(int seconds) throws KnetException {
        checkOpen();
        pmtudFreq = Validate.inRange(seconds, 1, 86400, "PMTUd interval (s)");
    }

    @Override
    public int pmtudGetFreq() {
        return pmtudFreq;
    }

    @Override
    public void enablePmtudNotify(PmtudListener listener) {
        ctx.pmtudNotify = listener;
    }

    @Override
    public void pmtudSet(int ifaceMtu) throws KnetException {
        checkOpen();
        Validate.inRange(ifaceMtu, 0, 65535, "interface MTU");
        synchronized (ctx.configLock) {
            mtu.setManual(ifaceMtu);
            prober.setManual(ifaceMtu > 0);
            if (ifaceMtu == 0) {
                mtu.forgetDiscovered();
            }
            mtu.recompute();
        }
    }

    @Override
    public int pmtudGet() {
        return ctx.dataMtu;
    }

    // ------------------------------------------------------------------ crypto

    @Override
    public void cryptoSetConfig(CryptoConfig config, int slot) throws KnetException {
        checkOpen();
        Validate.notNull(config, "crypto config");
        Validate.inRange(slot, 1, 2, "crypto slot");
        synchronized (ctx.configLock) {
            if (ctx.crypto.txSlot() == slot) {
                throw new KnetException(KnetError.EBUSY, "crypto slot " + slot + " is in use for sending; "
                        + "switch with cryptoUseConfig first");
            }
            if (config.disables()) {
                CryptoEngine old = ctx.crypto.set(slot, null, null, null);
                if (old != null) {
                    old.close();
                }
                return;
            }
            installCrypto(config, slot);
        }
    }

    private void installCrypto(CryptoConfig config, int slot) throws KnetException {
        int keyLen = config.key().length;
        if (keyLen < CryptoConfig.MIN_KEY_LEN || keyLen > CryptoConfig.MAX_KEY_LEN) {
            throw new KnetException(KnetError.EINVAL, "crypto key of " + keyLen + " bytes is outside 128..4096");
        }
        if (!"none".equals(config.cipher()) && "none".equals(config.hash())) {
            throw new KnetException(KnetError.EINVAL, "cipher " + config.cipher() + " needs a hash; hash is none");
        }
        CryptoProvider p = ctx.plugins.crypto(config.model());
        if (p == null) {
            throw new KnetException(KnetError.EINVAL, "crypto model '" + config.model() + "' is not installed "
                    + "(installed: " + ctx.plugins.cryptoModels() + ")");
        }
        CryptoEngine engine = p.create(config.cipher(), config.hash(), config.key());
        CryptoEngine old = ctx.crypto.set(slot, config, p, engine);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void cryptoUseConfig(int slot) throws KnetException {
        checkOpen();
        Validate.inRange(slot, 0, 2, "crypto slot");
        synchronized (ctx.configLock) {
            if (slot != 0 && ctx.crypto.engine(slot) == null) {
                throw new KnetException(KnetError.EINVAL, "crypto slot " + slot + " is empty");
            }
            ctx.crypto.setTxSlot(slot);
            mtu.forgetDiscovered(); // the overhead changed: back to the floor for this crypto (WIRE.md §6)
            mtu.recompute();
        }
    }

    @Override
    public void cryptoRxClearTraffic(boolean allow) {
        ctx.crypto.setRxAllowClear(allow);
    }

    @Override
    public void crypto(CryptoConfig config) throws KnetException {
        checkOpen();
        Validate.notNull(config, "crypto config");
        synchronized (ctx.configLock) {
            if (config.disables()) {
                ctx.crypto.setTxSlot(0);
                CryptoEngine old = ctx.crypto.set(1, null, null, null);
                if (old != null) {
                    old.close();
                }
                ctx.crypto.setRxAllowClear(true);
            } else {
                installCrypto(config, 1);
                ctx.crypto.setTxSlot(1);
                ctx.crypto.setRxAllowClear(false);
            }
            mtu.forgetDiscovered();
            mtu.recompute();
        }
    }

    @Override
    public int cryptoGetUseConfig() {
        return ctx.crypto.txSlot();
    }

    @Override
    public CryptoConfig cryptoGetConfig(int slot) throws KnetException {
        Validate.inRange(slot, 1, 2, "crypto slot");
        CryptoConfig c = ctx.crypto.config(slot);
        return c == null ? CryptoConfig.none() : c;
    }

    @Override
    public boolean cryptoRxClearTrafficAllowed() {
        return ctx.crypto.rxAllowClear();
    }

    // ------------------------------------------------------------------ compression

    @Override
    public void compress(CompressConfig config) throws KnetException {
        checkOpen();
        Validate.notNull(config, "compress config");
        Validate.inRange(config.threshold(), 0, MAX_PACKET_SIZE, "compress threshold");
        int threshold = config.threshold() == 0 ? CompressConfig.DEFAULT_THRESHOLD : config.threshold();
        if ("none".equals(config.model())) {
            ctx.compress.set(new CompressState.Snapshot(config, null, 0, threshold));
            return;
        }
        Compressor c = ctx.plugins.compressor(config.model());
        if (c == null) {
            throw new KnetException(KnetError.EINVAL, "compress model '" + config.model() + "' is not installed "
                    + "(installed: " + ctx.plugins.compressModels() + ")");
        }
        int level = c.validateLevel(config.level());
        ctx.compress.set(new CompressState.Snapshot(config, c, level, threshold));
    }

    @Override
    public CompressConfig compressConfig() {
        return ctx.compress.current().config();
    }

    // ------------------------------------------------------------------ hosts

    private Host host(int hostId) throws KnetException {
        checkOpen();
        Validate.inRange(hostId, 0, MAX_HOST - 1, "host id");
        Host h = ctx.hosts.get(hostId);
        if (h == null) {
            throw new KnetException(KnetError.EINVAL, "host " + hostId + " is not configured");
        }
        return h;
    }

    @Override
    public void hostAdd(int hostId) throws KnetException {
        checkOpen();
        Validate.inRange(hostId, 0, MAX_HOST - 1, "host id");
        synchronized (ctx.configLock) {
            if (ctx.hosts.get(hostId) != null) {
                throw new KnetException(KnetError.EEXIST, "host " + hostId + " already exists");
            }
            ctx.hosts.add(new Host(hostId));
        }
    }

    @Override
    public void hostRemove(int hostId) throws KnetException {
        synchronized (ctx.configLock) {
            Host h = host(hostId);
            if (h.hasLinks()) {
                throw new KnetException(KnetError.EBUSY, "host " + hostId + " still has links");
            }
            ctx.hosts.remove(h);
        }
    }

    @Override
    public void hostSetName(int hostId, String name) throws KnetException {
        synchronized (ctx.configLock) {
            Host h = host(hostId);
            Validate.notNull(name, "host name");
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
                throw new KnetException(KnetError.EINVAL, "host name of " + name.length() + " chars is too long");
            }
            for (Host other : ctx.hosts.all()) {
                if (other.name().equals(name)) {
                    throw new KnetException(KnetError.EEXIST, "host name '" + name + "' is used by host "
                            + other.id());
                }
            }
            h.setName(name);
        }
    }

    @Override
    public String hostGetName(int hostId) throws KnetException {
        return host(hostId).name();
    }

    @Override
    public int hostGetIdByName(String name) throws KnetException {
        checkOpen();
        Validate.notNull(name, "host name");
        for (Host h : ctx.hosts.all()) {
            if (h.name().equals(name)) {
                return h.id();
            }
        }
        throw new KnetException(KnetError.ENOENT, "no host is named '" + name + "'");
    }

    @Override
    public List<Integer> hostList() {
        List<Integer> ids = new ArrayList<>();
        for (Host h : ctx.hosts.all()) {
            ids.add(h.id());
        }
        return ids;
    }

    @Override
    public void hostSetPolicy(int hostId, LinkPolicy policy) throws KnetException {
        Validate.notNull(policy, "policy");
        synchronized (ctx.configLock) {
            Host h = host(hostId);
            h.setPolicy(policy);
            ctx.hostLinksChanged(h);
        }
    }

    @Override
    public LinkPolicy hostGetPolicy(int hostId) throws KnetException {
        return host(hostId).policy();
    }

    @Override
    public HostStatus hostGetStatus(int hostId) throws KnetException {
        return new HostStatus(host(hostId).reachable(), false, false);
    }

    @Override
    public void enableHostStatusNotify(HostStatusListener listener) {
        ctx.hostNotify = listener;
    }

    @Override
    public void enableLinkStatusNotify(LinkStatusListener listener) {
        ctx.linkNotify = listener;
    }

    @Override
    public OnwireVersion getOnwireVersion(int hostId) throws KnetException {
        checkOpen();
        Validate.inRange(hostId, 0, MAX_HOST - 1, "host id");
        if (hostId == ctx.hostId) {
            return new OnwireVersion(KnetPacket.VERSION, KnetPacket.VERSION, KnetPacket.VERSION);
        }
        int seen = host(hostId).onwireVersion(); // only version-1 packets get this far (PacketValidator)
        return new OnwireVersion(0, seen, seen);
    }

    // ------------------------------------------------------------------ links

    private Link link(int hostId, int linkId) throws KnetException {
        Host h = host(hostId);
        Validate.inRange(linkId, 0, MAX_LINK - 1, "link id");
        Link l = h.link(linkId);
        if (l == null) {
            throw new KnetException(KnetError.EINVAL, "link " + linkId + " of host " + hostId + " is not configured");
        }
        return l;
    }

    @Override
    public void linkSetConfig(int hostId, int linkId, LinkConfig config) throws KnetException {
        Validate.notNull(config, "link config");
        synchronized (ctx.configLock) {
            Host h = host(hostId);
            Validate.inRange(linkId, 0, MAX_LINK - 1, "link id");
            if (h.link(linkId) != null) {
                throw new KnetException(KnetError.EBUSY, "link " + linkId + " of host " + hostId
                        + " is already configured");
            }
            if ((config.flags() & ~LinkConfig.FLAG_TRAFFIC_HIPRIO) != 0) {
                throw new KnetException(KnetError.EINVAL, "link flags 0x" + Integer.toHexString(config.flags())
                        + " contain unknown bits");
            }
            if (config.source().getAddress() == null) {
                throw new KnetException(KnetError.EINVAL, "source " + config.source() + " is unresolved");
            }
            if (config.destination() != null && (config.destination().getAddress() == null
                    || (config.destination().getAddress() instanceof Inet4Address)
                            != (config.source().getAddress() instanceof Inet4Address))) {
                throw new KnetException(KnetError.EINVAL, "source " + config.source() + " and destination "
                        + config.destination() + " are not of one address family");
            }
            if (config.transport() == TransportType.LOOPBACK) {
                configureLoopback(h, linkId, config);
                return;
            }
            if (hasLoopback(h)) {
                throw new KnetException(KnetError.EINVAL, "host " + hostId + " has a loopback link: no other link");
            }
            Transport t = ctx.plugins.transportById(config.transport());
            if (t == null) {
                throw new KnetException(KnetError.EINVAL, "transport " + config.transport() + " is not installed");
            }
            checkDynamicStaticMix(config);
            Link link = new Link(hostId, linkId, config, mtu.initialLinkMtu(config));
            if (!config.dynamic()) {
                link.setAcl(CompiledAcl.of(List.of(new AclEntry(config.destination().getAddress(), null,
                        AclCheckType.ADDRESS, AclAction.ACCEPT)))); // libknet's automatic entry for a static link
            }
            link.setSocket(openSocket(t, config));
            h.setLink(linkId, link);
            ctx.linkLayoutChanged();
            mtu.recompute();
        }
    }

    private SharedSocket openSocket(Transport t, LinkConfig config) throws KnetException {
        SocketOptions so = new SocketOptions(SocketOptions.LIBKNET_BUFFER_BYTES, options.privileged(),
                (config.flags() & LinkConfig.FLAG_TRAFFIC_HIPRIO) != 0, ctx.hostId); // one I/O thread per handle
        try {
            return sockets.acquire(t, config.source(), so);
        } catch (BindException e) {
            throw new KnetException(KnetError.EADDRINUSE, "cannot bind " + config.source() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            KnetError err = e.getMessage() != null && e.getMessage().contains("socket buffers")
                    ? KnetError.ENAMETOOLONG : KnetError.EADDRNOTAVAIL;
            throw new KnetException(err, "cannot open " + config.source() + ": " + e.getMessage(), e);
        }
    }

    private void configureLoopback(Host h, int linkId, LinkConfig config) throws KnetException {
        if (h.id() != ctx.hostId) {
            throw new KnetException(KnetError.EINVAL, "loopback links go only to this node (" + ctx.hostId
                    + "), not host " + h.id());
        }
        if (h.hasLinks()) {
            throw new KnetException(KnetError.EINVAL, "a loopback link must be the host's only link");
        }
        Link link = new Link(h.id(), linkId, config, 65535 - 26);
        h.setLink(linkId, link);
        ctx.linkLayoutChanged();
    }

    private static boolean hasLoopback(Host h) {
        for (Link l : h.configuredLinks()) {
            if (l.isLoopback()) {
                return true;
            }
        }
        return false;
    }

    /** libknet refuses dynamic and static links on one source address (they would share a socket). */
    private void checkDynamicStaticMix(LinkConfig config) throws KnetException {
        for (Host other : ctx.hosts.all()) {
            for (Link l : other.configuredLinks()) {
                if (!l.isLoopback() && l.config().source().equals(config.source())
                        && l.isDynamic() != config.dynamic()) {
                    throw new KnetException(KnetError.EINVAL, "source " + config.source()
                            + " is used by a " + (l.isDynamic() ? "dynamic" : "static") + " link already");
                }
            }
        }
    }

    @Override
    public LinkConfig linkGetConfig(int hostId, int linkId) throws KnetException {
        Link l = link(hostId, linkId);
        LinkConfig c = l.config();
        SharedSocket s = l.socket();
        // report the real bound port when the link asked for port 0
        InetSocketAddress src = s != null && c.source().getPort() == 0 ? s.localAddress() : c.source();
        return new LinkConfig(c.transport(), src, c.destination(), c.flags());
    }

    @Override
    public void linkClearConfig(int hostId, int linkId) throws KnetException {
        synchronized (ctx.configLock) {
            Link l = link(hostId, linkId);
            if (l.enabled()) {
                throw new KnetException(KnetError.EBUSY, "link " + linkId + " of host " + hostId
                        + " is enabled: disable it first");
            }
            Host h = ctx.hosts.get(hostId);
            h.setLink(linkId, null);
            ctx.linkLayoutChanged();
            SharedSocket s = l.socket();
            l.setSocket(null);
            if (s != null) {
                sockets.release(s);
            }
            ctx.hostLinksChanged(h);
            mtu.recompute();
        }
    }

    @Override
    public void linkSetEnable(int hostId, int linkId, boolean enabled) throws KnetException {
        synchronized (ctx.configLock) {
            Link l = link(hostId, linkId);
            Host h = ctx.hosts.get(hostId);
            if (l.enabled() == enabled) {
                return;
            }
            if (enabled) {
                l.heartbeat().resetForDown(System.nanoTime());
                l.setEnabled(true);
                l.recordTransition(false); // libknet records (enabled, not connected) as one down event
                if (l.isLoopback()) {
                    ctx.loopback = true;
                }
                ctx.hostLinksChanged(h);
            } else {
                l.setEnabled(false);
                if (l.isLoopback()) {
                    ctx.loopback = false;
                }
                linkHeartbeat.disabled(h, l);
            }
        }
    }

    @Override
    public boolean linkGetEnable(int hostId, int linkId) throws KnetException {
        return link(hostId, linkId).enabled();
    }

    @Override
    public void linkSetPingTimers(int hostId, int linkId, PingTimers timers) throws KnetException {
        Validate.notNull(timers, "ping timers");
        synchronized (ctx.configLock) {
            Link l = link(hostId, linkId);
            if (timers.intervalMs() <= 0) {
                throw new KnetException(KnetError.EINVAL, "ping interval " + timers.intervalMs() + " ms must be > 0");
            }
            if (timers.timeoutMs() == 0) {
                throw new KnetException(KnetError.ENOSYS, "ping timeout 0 (automatic) is reserved by libknet");
            }
            if (timers.timeoutMs() < 0) {
                throw new KnetException(KnetError.EINVAL, "ping timeout " + timers.timeoutMs() + " ms must be > 0");
            }
            if (timers.precision() <= 0) {
                throw new KnetException(KnetError.EINVAL, "ping precision " + timers.precision() + " must be > 0");
            }
            l.setTimers(timers);
        }
    }

    @Override
    public PingTimers linkGetPingTimers(int hostId, int linkId) throws KnetException {
        return link(hostId, linkId).timers();
    }

    @Override
    public void linkSetPongCount(int hostId, int linkId, int pongCount) throws KnetException {
        synchronized (ctx.configLock) {
            Link l = link(hostId, linkId);
            l.setPongCount(Validate.inRange(pongCount, 1, 255, "pong count"));
        }
    }

    @Override
    public int linkGetPongCount(int hostId, int linkId) throws KnetException {
        return link(hostId, linkId).pongCount();
    }

    @Override
    public void linkSetPriority(int hostId, int linkId, int priority) throws KnetException {
        synchronized (ctx.configLock) {
            Link l = link(hostId, linkId);
            l.setPriority(Validate.inRange(priority, 0, 255, "link priority"));
            ctx.hostLinksChanged(ctx.hosts.get(hostId));
        }
    }

    @Override
    public int linkGetPriority(int hostId, int linkId) throws KnetException {
        return link(hostId, linkId).priority();
    }

    @Override
    public List<Integer> linkList(int hostId) throws KnetException {
        List<Integer> ids = new ArrayList<>();
        for (Link l : host(hostId).configuredLinks()) {
            ids.add(l.linkId());
        }
        return ids;
    }

    @Override
    public LinkStatus linkGetStatus(int hostId, int linkId) throws KnetException {
        Link l = link(hostId, linkId);
        SharedSocket s = l.socket();
        InetSocketAddress src = s != null ? s.localAddress() : l.config().source();
        return StatsSnapshots.linkStatus(l, src, mtu.protoOverhead(l));
    }

    private Link dynamicLink(int hostId, int linkId) throws KnetException {
        Link l = link(hostId, linkId);
        if (!l.isDynamic()) {
            throw new KnetException(KnetError.EINVAL, "link " + linkId + " of host " + hostId
                    + " is static: its access list is automatic");
        }
        return l;
    }

    private static void checkAcl(AclEntry entry) throws KnetException {
        Validate.notNull(entry, "acl entry");
        if (entry.type() != AclCheckType.ADDRESS) {
            if (entry.second() == null) {
                throw new KnetException(KnetError.EINVAL, entry.type() + " entries need a second address");
            }
            if ((entry.first() instanceof Inet4Address) != (entry.second() instanceof Inet4Address)) {
                throw new KnetException(KnetError.EINVAL, "acl addresses " + entry.first() + " and "
                        + entry.second() + " are not of one family");
            }
        }
    }

    private static AclEntry normalized(AclEntry e) {
        return e.type() == AclCheckType.ADDRESS && e.second() != null
                ? new AclEntry(e.first(), null, e.type(), e.action()) : e;
    }

    @Override
    public void linkAddAcl(int hostId, int linkId, AclEntry entry) throws KnetException {
        linkInsertAcl(hostId, linkId, -1, entry);
    }

    @Override
    public void linkInsertAcl(int hostId, int linkId, int index, AclEntry entry) throws KnetException {
        checkAcl(entry);
        synchronized (ctx.configLock) {
            Link l = dynamicLink(hostId, linkId);
            AclEntry e = normalized(entry);
            if (l.acl().contains(e)) {
                throw new KnetException(KnetError.EEXIST, "acl entry " + e + " exists");
            }
            l.setAcl(l.acl().inserting(index, e));
        }
    }

    @Override
    public void linkRmAcl(int hostId, int linkId, AclEntry entry) throws KnetException {
        checkAcl(entry);
        synchronized (ctx.configLock) {
            Link l = dynamicLink(hostId, linkId);
            CompiledAcl rest = l.acl().removing(normalized(entry));
            if (rest == null) {
                throw new KnetException(KnetError.ENOENT, "acl entry " + entry + " not found");
            }
            l.setAcl(rest);
        }
    }

    @Override
    public void linkClearAcl(int hostId, int linkId) throws KnetException {
        synchronized (ctx.configLock) {
            dynamicLink(hostId, linkId).setAcl(CompiledAcl.EMPTY);
        }
    }

    @Override
    public List<AclEntry> linkGetAcl(int hostId, int linkId) throws KnetException {
        return link(hostId, linkId).acl().entries();
    }

    // ------------------------------------------------------------------ transports and logging

    @Override
    public void setTransportReconnectInterval(long millis) throws KnetException {
        checkOpen();
        if (millis <= 0 || millis > 0xffffffffL) {
            throw new KnetException(KnetError.EINVAL, "reconnect interval " + millis + " ms is outside 1..2^32-1");
        }
        if (millis < 1000 || millis > 60000) {
            ctx.log.warn(LogSubsystem.TRANSPORT, "reconnect interval %d ms is outside the advised 1000..60000",
                    millis);
        }
        reconnectInterval = millis;
    }

    @Override
    public long getTransportReconnectInterval() {
        return reconnectInterval;
    }

    @Override
    public void logSetLevel(LogSubsystem subsystem, LogLevel level) {
        ctx.log.setLevel(subsystem, level);
    }

    @Override
    public LogLevel logGetLevel(LogSubsystem subsystem) {
        return ctx.log.level(subsystem);
    }

    // ------------------------------------------------------------------ plugins coming and going

    @Override
    public void transportAdded(Transport t) {
        synchronized (ctx.configLock) {
            if (!open) {
                return;
            }
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    if (l.socket() == null && !l.isLoopback() && l.config().transport() == t.id()) {
                        try {
                            l.setSocket(openSocket(t, l.config()));
                            ctx.log.info(LogSubsystem.TRANSPORT, "%s is back on transport %s", l, t.name());
                        } catch (KnetException e) {
                            ctx.log.error(LogSubsystem.TRANSPORT, "%s cannot reopen: %s", l, e.getMessage());
                        }
                    }
                }
            }
        }
    }

    @Override
    public void transportRemoved(Transport t) {
        synchronized (ctx.configLock) {
            if (!open) {
                return;
            }
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    SharedSocket s = l.socket();
                    if (s != null && s.transport() == t) {
                        l.setSocket(null);
                        linkHeartbeat.disabled(h, l);
                        ctx.log.warn(LogSubsystem.TRANSPORT, "%s lost its transport %s", l, t.name());
                    }
                }
            }
            sockets.dropTransport(t);
        }
    }

    /**
     * A crypto provider came or went: rebuild each slot whose provider is no longer the one serving its model
     * (ARCHITECTURE.md: move to another provider of the same configuration). If none can, the slot stays empty
     * and sending with it fails (never falls back to clear).
     */
    @Override
    public void cryptoChanged() {
        synchronized (ctx.configLock) {
            if (!open) {
                return;
            }
            for (int slot = 1; slot <= 2; slot++) {
                CryptoConfig cfg = ctx.crypto.config(slot);
                if (cfg == null) {
                    continue;
                }
                CryptoProvider now = ctx.plugins.crypto(cfg.model());
                if (now != null && now == ctx.crypto.provider(slot)) {
                    continue;
                }
                CryptoEngine engine = null;
                if (now != null) {
                    try {
                        engine = now.create(cfg.cipher(), cfg.hash(), cfg.key());
                    } catch (KnetException e) {
                        ctx.log.error(LogSubsystem.CRYPTO, "slot %d: provider %s refused %s: %s", slot, now.model(),
                                cfg, e.getMessage());
                    }
                }
                CryptoEngine old = ctx.crypto.replaceEngine(slot, now, engine);
                if (old != null) {
                    old.close();
                }
                if (engine == null) {
                    ctx.log.error(LogSubsystem.CRYPTO, "slot %d (%s) has no provider: sends on it fail", slot, cfg);
                } else {
                    ctx.log.info(LogSubsystem.CRYPTO, "slot %d moved to provider %s", slot, now.model());
                }
            }
        }
    }

    /**
     * A compressor came or went: the send side follows the configured model (ARCHITECTURE.md). When its provider
     * goes, messages go out uncompressed (logged); when a provider of the model comes back, compression resumes.
     */
    @Override
    public void compressChanged() {
        synchronized (ctx.configLock) {
            CompressState.Snapshot s = ctx.compress.current();
            String model = s.config().model();
            if (model == null || "none".equals(model)) {
                return;
            }
            Compressor now = ctx.plugins.compressor(model);
            if (now == s.compressor()) {
                return;
            }
            ctx.compress.set(new CompressState.Snapshot(s.config(), now, s.level(), s.threshold()));
            if (now == null) {
                ctx.log.warn(LogSubsystem.COMPRESS, "compress model %s went away: sending uncompressed", model);
            } else {
                ctx.log.info(LogSubsystem.COMPRESS, "compress model %s is served again: compressing", model);
            }
        }
    }
}
