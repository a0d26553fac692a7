package org.knet4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LinkStatus;

/**
 * After the mode, one stdout line per link, as the C peer prints them from knet_link_get_status:
 * {@code LINKSTATS link=l tx_data=N rx_data=N enabled=0|1 connected=0|1} (data packets only, no pings), so a test
 * sees which links carried the traffic.
 */
final class LinkStatsLines {
    private LinkStatsLines() {
    }

    static List<String> of(KnetHandle handle, int peer, int links, PeerLog log) {
        List<String> lines = new ArrayList<>(links);
        for (int l = 0; l < links; l++) {
            try {
                LinkStatus s = handle.linkGetStatus(peer, l);
                lines.add("LINKSTATS link=" + l + " tx_data=" + s.stats().txDataPackets() + " rx_data="
                        + s.stats().rxDataPackets() + " enabled=" + (s.enabled() ? 1 : 0) + " connected="
                        + (s.connected() ? 1 : 0));
            } catch (KnetException e) {
                log.debug("link {} status: {}", l, e.getMessage());
            }
        }
        return lines;
    }
}
