package org.knet4j.config.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.knet4j.api.AclEntry;
import org.knet4j.api.KnetAddresses;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.PingTimers;
import org.knet4j.api.TransportType;

/**
 * Reads one link written as
 * {@code TRANSPORT:SOURCE[->DESTINATION][;priority=P][;ping=INTERVAL/TIMEOUT/PRECISION][;pong=N][;hiprio]}, e.g.
 * {@code udp:127.0.0.1:50000->127.0.0.1:50100;priority=1;ping=100/1000/2048;pong=2}. TRANSPORT is {@code udp} or
 * {@code loopback}; addresses are numeric ({@code [v6]:port} for IPv6); a missing destination, or
 * {@code ->dynamic}, makes a dynamic link. Defaults are libknet's: priority 0, ping 1000/2000/2048, pong 5.
 * A dynamic link takes {@code ;acl=ENTRY ENTRY ...} (see {@link AclSpecParser}): with access lists on, as they are
 * by default, a dynamic link without entries accepts nobody and never comes up.
 */
final class LinkSpecParser {
    private LinkSpecParser() {
    }

    static LinkSpec parse(String property, String text) throws InvalidConfigException {
        String[] parts = text.trim().split(";");
        String head = parts[0].trim();
        int colon = head.indexOf(':');
        if (colon <= 0) {
            throw new InvalidConfigException(property, "'" + text + "' does not start with udp: or loopback:");
        }
        int transport = switch (head.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "udp" -> TransportType.UDP;
            case "loopback" -> TransportType.LOOPBACK;
            default -> throw new InvalidConfigException(property,
                    "transport '" + head.substring(0, colon) + "' is not udp or loopback");
        };
        String addresses = head.substring(colon + 1);
        int arrow = addresses.indexOf("->");
        InetSocketAddress source = address(property, arrow < 0 ? addresses : addresses.substring(0, arrow));
        InetSocketAddress destination = null;
        if (arrow >= 0) {
            String dst = addresses.substring(arrow + 2).trim();
            if (!dst.equalsIgnoreCase("dynamic")) {
                destination = address(property, dst);
            }
        }
        int priority = LinkSpec.DEFAULT_PRIORITY;
        PingTimers timers = PingTimers.DEFAULT;
        int pong = KnetHandle.DEFAULT_PONG_COUNT;
        boolean hiprio = false;
        List<AclEntry> acl = List.of();
        for (int i = 1; i < parts.length; i++) {
            String opt = parts[i].trim();
            if (opt.isEmpty()) {
                continue;
            }
            int eq = opt.indexOf('=');
            String name = (eq < 0 ? opt : opt.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : opt.substring(eq + 1).trim();
            switch (name) {
                case "priority" -> priority = (int) number(property, "priority", value, 0, 255);
                case "pong" -> pong = (int) number(property, "pong", value, 1, 255);
                case "ping" -> timers = timers(property, value);
                case "hiprio" -> hiprio = value.isEmpty() || Boolean.parseBoolean(value);
                case "acl" -> acl = AclSpecParser.parse(property, value);
                default -> throw new InvalidConfigException(property, "unknown link option '" + name
                        + "' (priority, ping, pong, hiprio, acl)");
            }
        }
        if (!acl.isEmpty() && destination != null) {
            throw new InvalidConfigException(property, "acl is for dynamic links only (libknet makes a static "
                    + "link's entry for its destination)");
        }
        return new LinkSpec(transport, source, destination, hiprio, priority, timers, pong, acl);
    }

    private static InetSocketAddress address(String property, String text) throws InvalidConfigException {
        try {
            return KnetAddresses.parseHostPort(text.trim());
        } catch (KnetException e) {
            throw new InvalidConfigException(property, "bad address '" + text.trim() + "': " + e.getMessage(), e);
        }
    }

    private static PingTimers timers(String property, String value) throws InvalidConfigException {
        String[] t = value.split("/");
        if (t.length != 3) {
            throw new InvalidConfigException(property, "ping '" + value + "' is not INTERVAL/TIMEOUT/PRECISION");
        }
        return new PingTimers(number(property, "ping interval", t[0], 1, Integer.MAX_VALUE),
                number(property, "ping timeout", t[1], 1, Integer.MAX_VALUE),
                (int) number(property, "ping precision", t[2], 1, Integer.MAX_VALUE));
    }

    private static long number(String property, String what, String value, long min, long max)
            throws InvalidConfigException {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(property, what + " '" + value + "' is not an integer");
        }
        if (n < min || n > max) {
            throw new InvalidConfigException(property, what + " " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }
}
