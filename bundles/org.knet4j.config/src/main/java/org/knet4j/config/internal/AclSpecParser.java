package org.knet4j.config.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;
import org.knet4j.api.KnetAddresses;
import org.knet4j.api.KnetException;

/**
 * Reads a dynamic link's access list written as entries separated by spaces, in order (first match wins, as in
 * libknet): {@code ACTION:ADDRESS} (CHECK_TYPE_ADDRESS), {@code ACTION:ADDRESS/MASK} (CHECK_TYPE_MASK, the mask
 * written as an address, e.g. {@code 255.255.0.0}) or {@code ACTION:FIRST-LAST} (CHECK_TYPE_RANGE), where ACTION
 * is {@code accept} or {@code reject}. Example: {@code reject:10.0.0.5 accept:10.0.0.0/255.0.0.0}.
 *
 * <p>Addresses are numeric only: a configuration must not depend on name resolution at the moment it is applied.
 */
final class AclSpecParser {
    private AclSpecParser() {
    }

    static List<AclEntry> parse(String property, String text) throws InvalidConfigException {
        List<AclEntry> entries = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            AclEntry e = entry(property, item);
            if (entries.contains(e)) {
                throw new InvalidConfigException(property, "acl entry '" + item + "' is given twice");
            }
            entries.add(e);
        }
        if (entries.isEmpty()) {
            throw new InvalidConfigException(property, "acl= has no entries");
        }
        return List.copyOf(entries);
    }

    private static AclEntry entry(String property, String item) throws InvalidConfigException {
        int colon = item.indexOf(':');
        if (colon <= 0) {
            throw new InvalidConfigException(property, "acl entry '" + item + "' does not start with accept: or "
                    + "reject:");
        }
        AclAction action = switch (item.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "accept" -> AclAction.ACCEPT;
            case "reject" -> AclAction.REJECT;
            default -> throw new InvalidConfigException(property, "acl action '" + item.substring(0, colon)
                    + "' is not accept or reject");
        };
        String rest = item.substring(colon + 1);
        int slash = rest.indexOf('/');
        int dash = rest.indexOf('-');
        if (slash >= 0 && dash >= 0) {
            throw new InvalidConfigException(property, "acl entry '" + item + "' has both a mask and a range");
        }
        if (slash >= 0) {
            return pair(property, item, rest.substring(0, slash), rest.substring(slash + 1), AclCheckType.MASK, action);
        }
        if (dash >= 0) {
            return pair(property, item, rest.substring(0, dash), rest.substring(dash + 1), AclCheckType.RANGE, action);
        }
        return new AclEntry(ip(property, rest), null, AclCheckType.ADDRESS, action);
    }

    private static AclEntry pair(String property, String item, String a, String b, AclCheckType type,
            AclAction action) throws InvalidConfigException {
        InetAddress first = ip(property, a);
        InetAddress second = ip(property, b);
        if ((first instanceof Inet4Address) != (second instanceof Inet4Address)) {
            throw new InvalidConfigException(property, "acl entry '" + item + "' mixes IPv4 and IPv6");
        }
        return new AclEntry(first, second, type, action);
    }

    private static InetAddress ip(String property, String text) throws InvalidConfigException {
        try {
            return KnetAddresses.parseNumericIp(text);
        } catch (KnetException e) {
            throw new InvalidConfigException(property, "acl address '" + text + "' is not a numeric IP address");
        }
    }
}
