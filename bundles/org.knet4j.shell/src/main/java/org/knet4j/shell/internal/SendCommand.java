package org.knet4j.shell.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knet4j.api.DestinationFilter;
import org.knet4j.api.FilterVerdict;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * knet:send. libknet's only way to send to one host is knet_send_sync, and its destination is chosen by the
 * handle's filter, which belongs to the application: the shell must not replace it. So the command asks the filter
 * first (a dry run with the same data and channel) and sends with sendSync only if the filter picks exactly the
 * host the user named; otherwise it refuses and says where the filter would have sent the message. A filter whose
 * answer changes between two calls (one that rotates destinations, say) can still send elsewhere: the engine
 * calls it again, and the shell cannot see that second answer.
 */
final class SendCommand {
    private SendCommand() {
    }

    static String send(KnetHandle h, String hostWord, String channelWord, String text) throws KnetException {
        int host = Args.hostId(hostWord);
        int channel = Args.integer(channelWord, 0, KnetHandle.DATAFD_MAX - 1, "channel");
        if (!h.hostList().contains(host)) {
            throw new KnetException(KnetError.EINVAL, "host " + host + " is not a host of handle " + h.hostId()
                    + " (hosts: " + h.hostList() + ")");
        }
        byte[] data = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        if (data.length == 0 || data.length > KnetHandle.MAX_PACKET_SIZE) {
            throw new KnetException(KnetError.EINVAL, "message of " + data.length + " bytes is outside 1.."
                    + KnetHandle.MAX_PACKET_SIZE);
        }
        DestinationFilter filter = h.filter();
        if (filter == null) {
            throw new KnetException(KnetError.ENETDOWN, "handle " + h.hostId() + " has no destination filter: "
                    + "sendSync sends where the filter says, so the application must install one (for example "
                    + "DestinationFilter.unicastTo(" + host + "))");
        }
        FilterProbe probe = new FilterProbe(h.hostId(), channel);
        FilterVerdict verdict;
        try {
            verdict = filter.filter(ByteBuffer.wrap(data).asReadOnlyBuffer(), probe);
        } catch (RuntimeException e) {
            throw new KnetException(KnetError.EFAULT, "handle " + h.hostId() + "'s filter threw " + e, e);
        }
        List<Integer> dst = probe.destinations();
        if (verdict == FilterVerdict.DROP) {
            throw new KnetException(KnetError.EFAULT, "handle " + h.hostId() + "'s filter drops this message "
                    + "on channel " + channel);
        }
        if (verdict == FilterVerdict.BROADCAST || dst.size() > 1) {
            throw new KnetException(KnetError.E2BIG, "handle " + h.hostId() + "'s filter sends this message to "
                    + (verdict == FilterVerdict.BROADCAST ? "every host" : "hosts " + dst)
                    + "; sendSync takes exactly one destination");
        }
        if (dst.isEmpty() || dst.get(0) != host) {
            throw new KnetException(KnetError.EINVAL, "handle " + h.hostId() + "'s filter sends this message to "
                    + (dst.isEmpty() ? "no host" : "host " + dst.get(0)) + ", not to host " + host
                    + ": sendSync cannot choose another destination than the filter's");
        }
        h.sendSync(channel, ByteBuffer.wrap(data));
        String via = probe.channel() == channel ? "" : " (the filter moved it to channel " + probe.channel() + ")";
        return "sent " + data.length + " bytes from handle " + h.hostId() + " to host " + host + " on channel "
                + channel + via + "\n";
    }
}
