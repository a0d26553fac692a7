package org.knet4j.core.internal.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knet4j.api.AclAction;
import org.knet4j.api.AclCheckType;
import org.knet4j.api.AclEntry;

/** The three check types as libknet 1.25's links_acl_ip.c evaluates them. */
class CompiledAclTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static AclEntry e(String a, String b, AclCheckType t, AclAction act) throws Exception {
        return new AclEntry(ip(a), b == null ? null : ip(b), t, act);
    }

    @Test
    void anEmptyListRejects() throws Exception {
        assertThat(CompiledAcl.of(List.of()).accepts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void addressMatchesOnlyThatAddressOfItsFamily() throws Exception {
        List<AclEntry> l = List.of(e("127.0.0.2", null, AclCheckType.ADDRESS, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.2"))).isTrue();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.3"))).isFalse();
        assertThat(CompiledAcl.of(l).accepts(ip("::1"))).isFalse();
    }

    @Test
    void maskComparesTheMaskedSourceWithTheFirstAddressAsGiven() throws Exception {
        List<AclEntry> l = List.of(e("127.0.1.0", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.1.77"))).isTrue();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.2.77"))).isFalse();
        // libknet: (ip & mask) == first, so a first address with host bits set matches nothing
        List<AclEntry> hostBits = List.of(e("127.0.1.5", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(hostBits).accepts(ip("127.0.1.5"))).isFalse();
        List<AclEntry> v6 = List.of(e("fd00::", "ffff:ffff::", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(v6).accepts(ip("fd00::1234"))).isTrue();
        assertThat(CompiledAcl.of(v6).accepts(ip("fd01::1"))).isFalse();
    }

    @Test
    void rangeIsInclusiveAndUnsigned() throws Exception {
        List<AclEntry> l = List.of(e("127.0.0.10", "127.0.0.200", AclCheckType.RANGE, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.10"))).isTrue();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.200"))).isTrue();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.150"))).isTrue(); // > 127 as a signed byte
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.9"))).isFalse();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.201"))).isFalse();
        List<AclEntry> v6 = List.of(e("::1", "::ff", AclCheckType.RANGE, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(v6).accepts(ip("::80"))).isTrue();
        assertThat(CompiledAcl.of(v6).accepts(ip("::100"))).isFalse();
    }

    @Test
    void theFirstMatchingEntryDecides() throws Exception {
        List<AclEntry> l = List.of(
                e("127.0.0.5", null, AclCheckType.ADDRESS, AclAction.REJECT),
                e("127.0.0.0", "255.255.255.0", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.5"))).isFalse();
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.6"))).isTrue();
        assertThat(CompiledAcl.of(List.of(l.get(1), l.get(0))).accepts(ip("127.0.0.5"))).isTrue();
    }

    @Test
    void ipv6RangesCompareAcrossBothHalvesUnsigned() throws Exception {
        List<AclEntry> l = List.of(e("fd00::ffff:ffff:ffff:fff0", "fd00:0:0:1::10", AclCheckType.RANGE,
                AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("fd00::ffff:ffff:ffff:fff0"))).isTrue();
        assertThat(CompiledAcl.of(l).accepts(ip("fd00:0:0:1::1"))).isTrue(); // high half differs
        assertThat(CompiledAcl.of(l).accepts(ip("fd00:0:0:1::11"))).isFalse();
        assertThat(CompiledAcl.of(l).accepts(ip("fd00::ffff:ffff:ffff:ffef"))).isFalse();
        // 0x80.. sorts above 0x7f.. (unsigned), in both halves
        List<AclEntry> top = List.of(e("7fff::", "8000::ffff", AclCheckType.RANGE, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(top).accepts(ip("8000::1"))).isTrue();
        assertThat(CompiledAcl.of(top).accepts(ip("8000::1:0"))).isFalse();
    }

    @Test
    void anIpv4EntryNeverMatchesAnIpv6SourceNorTheOtherWay() throws Exception {
        // ::7f00:1 carries 127.0.0.1's bits in its low half: the families must still keep them apart
        assertThat(CompiledAcl.of(List.of(e("127.0.0.1", null, AclCheckType.ADDRESS, AclAction.ACCEPT)))
                .accepts(ip("::7f00:1"))).isFalse();
        assertThat(CompiledAcl.of(List.of(e("::7f00:1", null, AclCheckType.ADDRESS, AclAction.ACCEPT)))
                .accepts(ip("127.0.0.1"))).isFalse();
        assertThat(CompiledAcl.of(List.of(e("0.0.0.0", "0.0.0.0", AclCheckType.MASK, AclAction.ACCEPT)))
                .accepts(ip("::1"))).isFalse();
    }

    @Test
    void aMixedFamilyEntryThatSlipsInMatchesNothing() throws Exception {
        // the handle refuses these (EINVAL); the compiled list must still not treat a v6 mask as a v4 one
        List<AclEntry> l = List.of(e("127.0.0.0", "ffff::", AclCheckType.MASK, AclAction.ACCEPT));
        assertThat(CompiledAcl.of(l).accepts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void insertPutsTheEntryAtTheIndexAndNegativeOrBeyondAppends() throws Exception {
        AclEntry a = e("10.0.0.1", null, AclCheckType.ADDRESS, AclAction.ACCEPT);
        AclEntry b = e("10.0.0.2", null, AclCheckType.ADDRESS, AclAction.ACCEPT);
        AclEntry c = e("10.0.0.3", null, AclCheckType.ADDRESS, AclAction.ACCEPT);
        AclEntry x = e("10.0.0.9", null, AclCheckType.ADDRESS, AclAction.REJECT);
        CompiledAcl abc = CompiledAcl.of(List.of(a, b, c));
        assertThat(abc.inserting(0, x).entries()).containsExactly(x, a, b, c);
        assertThat(abc.inserting(1, x).entries()).containsExactly(a, x, b, c);
        assertThat(abc.inserting(2, x).entries()).containsExactly(a, b, x, c);
        assertThat(abc.inserting(3, x).entries()).containsExactly(a, b, c, x);
        assertThat(abc.inserting(99, x).entries()).containsExactly(a, b, c, x);
        assertThat(abc.inserting(-1, x).entries()).containsExactly(a, b, c, x);
        assertThat(abc.inserting(-7, x).entries()).containsExactly(a, b, c, x);
        assertThat(abc.entries()).containsExactly(a, b, c); // immutable: the receive path may still read it
        assertThat(abc.removing(x)).isNull();
        assertThat(abc.removing(b).entries()).containsExactly(a, c);
        assertThat(abc.removing(b).accepts(ip("10.0.0.2"))).isFalse();
    }
}
