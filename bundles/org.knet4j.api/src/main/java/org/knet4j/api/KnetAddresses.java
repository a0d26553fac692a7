package org.knet4j.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * {@code knet_strtoaddr} and {@code knet_addrtostr}: numeric addresses and ports only, as libknet 1.25 really
 * does (AI_NUMERICHOST | AI_NUMERICSERV), never a DNS lookup.
 */
public final class KnetAddresses {
    private KnetAddresses() {
    }

    /**
     * @throws KnetException EINVAL if {@code host} is not a numeric IPv4/IPv6 address or {@code port} not 0..65535
     */
    public static InetSocketAddress strToAddr(String host, String port) throws KnetException {
        if (host == null || port == null) {
            throw new KnetException(KnetError.EINVAL, "host and port must not be null");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new KnetException(KnetError.EINVAL, "port '" + port + "' is not numeric");
        }
        if (p < 0 || p > 65535) {
            throw new KnetException(KnetError.EINVAL, "port " + p + " is not 0..65535");
        }
        return new InetSocketAddress(parseNumericIp(host), p);
    }

    /** Parse a numeric IPv4 or IPv6 literal (IPv6 may be in brackets) without any name lookup. */
    public static InetAddress parseNumericIp(String host) throws KnetException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!v4 && !v6) {
            throw new KnetException(KnetError.EINVAL, "address '" + host + "' is not a numeric IP address");
        }
        if (v4) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new KnetException(KnetError.EINVAL, "address '" + host + "' is not a numeric IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(h); // a literal: InetAddress parses it without a lookup
        } catch (UnknownHostException e) {
            throw new KnetException(KnetError.EINVAL, "address '" + host + "' is not a numeric IP address", e);
        }
    }

    /** Parse "HOST:PORT" or "[V6]:PORT". */
    public static InetSocketAddress parseHostPort(String hostPort) throws KnetException {
        if (hostPort == null) {
            throw new KnetException(KnetError.EINVAL, "address must not be null");
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new KnetException(KnetError.EINVAL, "address '" + hostPort + "' is not HOST:PORT");
        }
        return strToAddr(hostPort.substring(0, colon), hostPort.substring(colon + 1));
    }

    /** @return {host, port} as numeric strings */
    public static String[] addrToStr(InetSocketAddress address) throws KnetException {
        if (address == null || address.getAddress() == null) {
            throw new KnetException(KnetError.EINVAL, "address " + address + " is null or unresolved");
        }
        InetAddress a = address.getAddress();
        String host = a.getHostAddress();
        if (a instanceof Inet6Address && host.indexOf('%') > 0 && ((Inet6Address) a).getScopeId() == 0) {
            host = host.substring(0, host.indexOf('%'));
        }
        return new String[] {host, Integer.toString(address.getPort())};
    }
}
