package org.knet4j.core.internal.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;

/** The three check types as libknet 1.25's links_acl_ip.c evaluates them. */
class AclMatcherTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static AclEntry e(String a, String b, AclCheckType t, AclAction act) throws Exception {
        return new AclEntry(ip(a), b == null ? null : ip(b), t, act);
    }

    @Test
    void anEmptyListRejects() throws Exception {
        assertThat(AclMatcher.accepts(List.of(), ip("127.0.0.1"))).isFalse();
    }

    @Test
    void addressMatchesOnlyThatAddressOfItsFamily() throws Exception {
        List<AclEntry> l = List.of(e("127.0.0.2", null, AclCheckType.ADDRESS, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(l, ip("127.0.0.2"))).isTrue();
        assertThat(AclMatcher.accepts(l, ip("127.0.0.3"))).isFalse();
        assertThat(AclMatcher.accepts(l, ip("::1"))).isFalse();
    }

    @Test
    void maskComparesTheMaskedSourceWithTheFirstAddressAsGiven() throws Exception {
        List<AclEntry> l = List.of(e("127.0.1.0", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(l, ip("127.0.1.77"))).isTrue();
        assertThat(AclMatcher.accepts(l, ip("127.0.2.77"))).isFalse();
        // libknet: (ip & mask) == first, so a first address with host bits set matches nothing
        List<AclEntry> hostBits = List.of(e("127.0.1.5", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(hostBits, ip("127.0.1.5"))).isFalse();
        List<AclEntry> v6 = List.of(e("fd00::", "ffff:ffff::", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(v6, ip("fd00::1234"))).isTrue();
        assertThat(AclMatcher.accepts(v6, ip("fd01::1"))).isFalse();
    }

    @Test
    void rangeIsInclusiveAndUnsigned() throws Exception {
        List<AclEntry> l = List.of(e("127.0.0.10", "127.0.0.200", AclCheckType.RANGE, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(l, ip("127.0.0.10"))).isTrue();
        assertThat(AclMatcher.accepts(l, ip("127.0.0.200"))).isTrue();
        assertThat(AclMatcher.accepts(l, ip("127.0.0.150"))).isTrue(); // > 127 as a signed byte
        assertThat(AclMatcher.accepts(l, ip("127.0.0.9"))).isFalse();
        assertThat(AclMatcher.accepts(l, ip("127.0.0.201"))).isFalse();
        List<AclEntry> v6 = List.of(e("::1", "::ff", AclCheckType.RANGE, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(v6, ip("::80"))).isTrue();
        assertThat(AclMatcher.accepts(v6, ip("::100"))).isFalse();
    }

    @Test
    void theFirstMatchingEntryDecides() throws Exception {
        List<AclEntry> l = List.of(
                e("127.0.0.5", null, AclCheckType.ADDRESS, AclAction.REJECT),
                e("127.0.0.0", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(AclMatcher.accepts(l, ip("127.0.0.5"))).isFalse();
        assertThat(AclMatcher.accepts(l, ip("127.0.0.6"))).isTrue();
        assertThat(AclMatcher.accepts(List.of(l.get(1), l.get(0)), ip("127.0.0.5"))).isTrue();
    }
}
