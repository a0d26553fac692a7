package org.knet4j.config.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.knet4j.api.DataChannel;
import org.knet4j.api.HandleOptions;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handle built from a {@link NodeConfig} and kept in line with it: {@link #open} creates and sets it up,
 * {@link #update} applies only what changed, {@link #close} frees it. A configuration the handle refuses half-way
 * is rolled back to the last good one, so the node is always in a state some configuration asked for.
 *
 * <p>Thread-safe: every public method and every key-rotation step runs under one lock.
 */
public final class HandleNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandleNode.class);

    private final Object lock = new Object();
    private final KnetHandle handle;
    private final ScheduledExecutorService scheduler;
    private final CryptoSlots crypto;
    private DataChannel channel;
    private NodeConfig current;

    private HandleNode(KnetHandle handle, NodeConfig pristine) {
        this.handle = handle;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "knet4j-config-" + handle.hostId());
            t.setDaemon(true);
            return t;
        });
        this.crypto = new CryptoSlots(handle, scheduler, lock);
        this.current = pristine;
    }

    /**
     * Create a handle for {@code config.hostId()} and apply the whole configuration.
     *
     * @throws InvalidConfigException naming the property the handle refused; no handle is left behind
     */
    public static HandleNode open(Knet knet, NodeConfig config) throws InvalidConfigException {
        KnetHandle h;
        try {
            h = knet.newHandle(new HandleOptions(config.hostId(), null, config.logLevel(), false));
            h.enableSockNotify((ch, dir, err, why) -> LOG.warn("host {} channel {} {}: {} ({})", config.hostId(), ch,
                    dir, why, err));
        } catch (KnetException e) {
            throw new InvalidConfigException("host.id", "cannot create the handle: " + e.getMessage(), e);
        }
        HandleNode node = new HandleNode(h, NodeConfig.pristine(config.hostId(), config.logLevel()));
        try {
            node.update(config);
        } catch (InvalidConfigException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    public KnetHandle handle() {
        return handle;
    }

    /** The configuration in force. */
    public NodeConfig current() {
        synchronized (lock) {
            return current;
        }
    }

    /** The open data channel, or {@code null}. */
    public DataChannel channel() {
        synchronized (lock) {
            return channel;
        }
    }

    /** True while a key rotation still has steps to run. */
    public boolean rotating() {
        synchronized (lock) {
            return crypto.rotating();
        }
    }

    /**
     * Apply what differs between the configuration in force and {@code next} (same host id).
     *
     * @throws InvalidConfigException naming the property the handle refused; the previous configuration is back
     *                                in force
     */
    public void update(NodeConfig next) throws InvalidConfigException {
        synchronized (lock) {
            Reconciler r = new Reconciler(handle, crypto, holder(), current);
            try {
                r.apply(next);
                current = next;
            } catch (InvalidConfigException e) {
                NodeConfig reached = r.applied();
                Reconciler back = new Reconciler(handle, crypto, holder(), reached);
                try {
                    back.apply(current);
                } catch (InvalidConfigException again) {
                    current = back.applied();
                    LOG.error("host {}: could not return to the last good configuration ({}); now running {}",
                            handle.hostId(), again.getMessage(), current);
                }
                throw e;
            }
        }
    }

    private Reconciler.ChannelHolder holder() {
        return new Reconciler.ChannelHolder() {
            @Override
            public DataChannel get() {
                return channel;
            }

            @Override
            public void set(DataChannel c) {
                channel = c;
            }
        };
    }

    /** Free the handle with everything on it ({@link KnetHandle#close()}); pending rotation steps are dropped. */
    @Override
    public void close() {
        synchronized (lock) {
            crypto.cancelPending();
            scheduler.shutdownNow();
            if (channel != null) {
                channel.close();
                channel = null;
            }
            handle.close();
        }
    }
}
