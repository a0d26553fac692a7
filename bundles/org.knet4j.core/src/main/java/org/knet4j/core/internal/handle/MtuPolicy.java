package org.knet4j.core.internal.handle;

import java.net.Inet4Address;
import org.knet4j.api.LinkConfig;
import org.knet4j.core.internal.host.Host;
import org.knet4j.core.internal.link.Link;
import org.knet4j.core.internal.onwire.MtuMath;
import org.knet4j.spi.crypto.CryptoEngine;

/**
 * The handle's data MTU (WIRE.md §6): the floor for the current crypto overhead until discovery or a manual
 * interface MTU ({@code pmtudSet}) gives links a larger one; the data MTU is the smallest link MTU over all links
 * of all hosts. Called under the configuration lock.
 */
final class MtuPolicy {
    private final HandleContext ctx;
    private int manualIfaceMtu;

    MtuPolicy(HandleContext ctx) {
        this.ctx = ctx;
    }

    void setManual(int ifaceMtu) {
        this.manualIfaceMtu = ifaceMtu;
    }

    private int salt() {
        CryptoEngine e = ctx.crypto.txEngine();
        return e == null ? 0 : e.saltSize();
    }

    private int hash() {
        CryptoEngine e = ctx.crypto.txEngine();
        return e == null ? 0 : e.hashSize();
    }

    private int block() {
        CryptoEngine e = ctx.crypto.txEngine();
        return e == null ? 0 : e.blockSize();
    }

    /** The smallest valid data MTU for the current crypto (482 in clear). */
    int floor() {
        return MtuMath.minDataMtu(salt(), hash(), block());
    }

    private static int ipOverhead(LinkConfig c) {
        return c.source().getAddress() instanceof Inet4Address ? MtuMath.IPV4_HEADER : MtuMath.IPV6_HEADER;
    }

    /** A static link's MTU before discovery: from the minimum IP MTU of its family (IPv4 522, IPv6 1206 in clear). */
    int initialLinkMtu(LinkConfig c) {
        int minIp = c.source().getAddress() instanceof Inet4Address ? MtuMath.IPV4_MIN_MTU : MtuMath.IPV6_MIN_MTU;
        if (c.dynamic()) {
            return floor();
        }
        return MtuMath.appMtu(minIp - ipOverhead(c) - MtuMath.UDP_HEADER, salt(), hash(), block());
    }

    /** IP + UDP + knet header + crypto header and trailer, as libknet's link status reports it. */
    int protoOverhead(Link l) {
        if (l.isLoopback()) {
            return 0;
        }
        return ipOverhead(l.config()) + MtuMath.UDP_HEADER + MtuMath.KNET_HEADER_ALL + salt() + hash();
    }

    /**
     * Recompute every link's MTU and the handle's data MTU: with a manual interface MTU, from it; otherwise each
     * link counts with its discovered MTU, or the floor until discovery has run on it (libknet resets to the floor
     * on link-up and crypto changes, WIRE.md §6).
     */
    void recompute() {
        synchronized (ctx.configLock) {
            int floor = floor();
            int data = Integer.MAX_VALUE;
            for (Host h : ctx.hosts.all()) {
                for (Link l : h.configuredLinks()) {
                    if (l.isLoopback()) {
                        continue;
                    }
                    int linkMtu;
                    if (manualIfaceMtu > 0) {
                        linkMtu = Math.max(0, MtuMath.appMtu(manualIfaceMtu - ipOverhead(l.config())
                                - MtuMath.UDP_HEADER, salt(), hash(), block()));
                        l.setMtu(linkMtu);
                    } else if (l.pmtud().discovered) {
                        linkMtu = l.mtu();
                    } else {
                        l.setMtu(initialLinkMtu(l.config()));
                        linkMtu = floor;
                    }
                    if (l.enabled() && linkMtu >= floor) {
                        data = Math.min(data, linkMtu);
                    }
                }
            }
            int next = data == Integer.MAX_VALUE ? floor : data;
            if (next != ctx.dataMtu) {
                ctx.dataMtu = next;
                ctx.log.info(org.knet4j.api.LogSubsystem.PMTUD, "data MTU is now %d", next);
                ctx.dataMtuChanged(next);
            }
        }
    }

    /** Crypto changed: every link's discovered MTU is void; discover again from the floor. */
    void forgetDiscovered() {
        for (Host h : ctx.hosts.all()) {
            for (Link l : h.configuredLinks()) {
                l.pmtud().discovered = false;
                l.pmtud().forced = true;
            }
        }
    }
}
