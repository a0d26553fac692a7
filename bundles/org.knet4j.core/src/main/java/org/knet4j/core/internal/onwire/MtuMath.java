package org.knet4j.core.internal.onwire;

/**
 * The MTU formulas of WIRE.md §6, as libknet 1.25 computes them ({@code calc_max_data_outlen},
 * {@code calc_data_outlen}, {@code calc_min_mtu}). Crypto is described by three sizes: salt {@code s}, HMAC
 * {@code h} and cipher block {@code b}; all three are 0 without crypto, and {@code b} is 0 with a hash-only config
 * (cipher "none").
 *
 * <p>Results are plain arithmetic and may be zero or negative for a budget too small to hold the overheads; callers
 * treat anything below {@link #minDataMtu} as an invalid link MTU (§6 algorithm step 8).
 */
public final class MtuMath {
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int UDP_HEADER = 8;
    /** SCTP common header + data chunk header; only used by the handle-wide floor (§6, §12). */
    public static final int SCTP_OVERHEAD = 28;
    /** {@code KNET_HEADER_ALL_SIZE}: used in every MTU computation, DATA included (§1). */
    public static final int KNET_HEADER_ALL = KnetPacket.ALL_SIZE;
    /** The IP MTUs every IPv4 / IPv6 path must carry ({@code KNET_PMTUD_MIN_MTU_V4/_V6}, §13). */
    public static final int IPV4_MIN_MTU = 576;
    public static final int IPV6_MIN_MTU = 1280;
    /** PMTUD's first probe, on-wire size ({@code KNET_PMTUD_SIZE_V4}, §6, §13). */
    public static final int PMTUD_FIRST_PROBE = 65535;

    /** {@link #minDataMtu} without crypto: the handle-wide floor and initial data MTU (§6 table, verified). */
    public static final int MIN_DATA_MTU = 482;
    /** {@link #initialStaticLinkMtu} without crypto for IPv4 (§6 table, verified). */
    public static final int INITIAL_STATIC_LINK_MTU_IPV4 = 522;
    /** {@link #initialStaticLinkMtu} without crypto for IPv6 (§6 table). */
    public static final int INITIAL_STATIC_LINK_MTU_IPV6 = 1206;

    private MtuMath() {
    }

    /**
     * The application (data) MTU for a UDP payload budget {@code L}: the largest DATA payload whose encrypted
     * datagram fits. Without a cipher {@code L - 26 - s - h}; with one, {@code L' = L - s - h}, then one byte below
     * the block boundary {@code L' - (L' mod b) - 1} so PKCS#7 never adds a whole block, then {@code - 26} (§6).
     *
     * @throws IllegalArgumentException if a crypto size is negative
     */
    public static int appMtu(int udpPayloadBudget, int saltSize, int hashSize, int blockSize) {
        checkCrypto(saltSize, hashSize, blockSize);
        if (blockSize == 0) {
            return udpPayloadBudget - KNET_HEADER_ALL - saltSize - hashSize;
        }
        int ciphertext = udpPayloadBudget - saltSize - hashSize;
        return ciphertext - Math.floorMod(ciphertext, blockSize) - 1 - KNET_HEADER_ALL;
    }

    /**
     * The UDP payload a plaintext knet packet of {@code plainLen} bytes becomes: {@code P + (b - P mod b) + s + h}
     * with a cipher (PKCS#7 always pads 1..b bytes), {@code P + s + h} without (§6, §7). IP/UDP headers excluded.
     */
    public static int onwireSize(int plainLen, int saltSize, int hashSize, int blockSize) {
        checkCrypto(saltSize, hashSize, blockSize);
        int padded = blockSize == 0 ? plainLen : plainLen + (blockSize - Math.floorMod(plainLen, blockSize));
        return padded + saltSize + hashSize;
    }

    /**
     * The handle-wide floor: {@code appMtu(576 - 40 - 28)}, the smallest IP MTU with the largest IP and transport
     * overheads libknet knows (§6). 482 without crypto. Also the smallest valid link MTU.
     */
    public static int minDataMtu(int saltSize, int hashSize, int blockSize) {
        return appMtu(IPV4_MIN_MTU - IPV6_HEADER - SCTP_OVERHEAD, saltSize, hashSize, blockSize);
    }

    /**
     * A static UDP link's MTU before discovery: the family's minimum IP MTU less its IP and UDP headers (§6; 522 for
     * IPv4 and 1206 for IPv6 without crypto).
     */
    public static int initialStaticLinkMtu(boolean ipv6, int saltSize, int hashSize, int blockSize) {
        return linkMtu(ipv6 ? IPV6_MIN_MTU : IPV4_MIN_MTU, ipv6, saltSize, hashSize, blockSize);
    }

    /**
     * The data MTU of a UDP link over a path (or interface) MTU: {@code appMtu(pathMtu - IP - UDP)}. This is the
     * "iface 1500 / 9000 / 65535" columns of the §6 table and what {@code pmtud_set(iface_mtu)} gives each link.
     */
    public static int linkMtu(int pathMtu, boolean ipv6, int saltSize, int hashSize, int blockSize) {
        return appMtu(pathMtu - ipHeader(ipv6) - UDP_HEADER, saltSize, hashSize, blockSize);
    }

    /** {@code status.proto_overhead} of a UDP link: IP + UDP + 26 + s + h (§6). */
    public static int protoOverhead(boolean ipv6, int saltSize, int hashSize) {
        checkCrypto(saltSize, hashSize, 0);
        return ipHeader(ipv6) + UDP_HEADER + KNET_HEADER_ALL + saltSize + hashSize;
    }

    /** The IP header size of the family: 20 or 40. */
    public static int ipHeader(boolean ipv6) {
        return ipv6 ? IPV6_HEADER : IPV4_HEADER;
    }

    /**
     * PMTUD step 3a: snap a candidate on-wire probe size to what crypto padding really produces,
     * {@code onwireSize(appMtu(onwire - ipUdp) + 26) + ipUdp}; the probe's plaintext is then
     * {@code appMtu(onwire - ipUdp) + 26} bytes and its size field carries the returned value (§6).
     *
     * @param ipUdpOverhead IP header + transport overhead of the link (28 for IPv4 UDP, 48 for IPv6 UDP)
     */
    public static int alignProbe(int onwire, int ipUdpOverhead, int saltSize, int hashSize, int blockSize) {
        int app = appMtu(onwire - ipUdpOverhead, saltSize, hashSize, blockSize);
        return onwireSize(app + KNET_HEADER_ALL, saltSize, hashSize, blockSize) + ipUdpOverhead;
    }

    private static void checkCrypto(int saltSize, int hashSize, int blockSize) {
        if (saltSize < 0 || hashSize < 0 || blockSize < 0) {
            throw new IllegalArgumentException("crypto sizes must be >= 0: salt " + saltSize + ", hash " + hashSize
                    + ", block " + blockSize);
        }
    }
}
