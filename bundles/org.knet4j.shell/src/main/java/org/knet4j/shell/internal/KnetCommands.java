package org.knet4j.shell.internal;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code knet:} Gogo commands on the handles of the {@link Knet} service. Registered as a plain Object service
 * with the {@code osgi.command.*} properties, which both Felix Gogo and Karaf's shell pick up. Every argument is a
 * string parsed by {@link Args}, so a bad value is reported as a KnetException naming it; every command returns
 * its text (the shell prints it) and changes nothing it does not name.
 */
// immediate: a delayed command component would be disposed after each command (SCR frees an unused delayed
// instance), so it would show SATISFIED rather than ACTIVE between commands and rebuild itself on every call
@Component(service = Object.class, immediate = true, property = {
    "osgi.command.scope=knet",
    "osgi.command.function=handles",
    "osgi.command.function=hosts",
    "osgi.command.function=links",
    "osgi.command.function=stats",
    "osgi.command.function=send",
    "osgi.command.function=crypto",
    "osgi.command.function=compress",
    "osgi.command.function=pmtud",
    "osgi.command.function=loglevel",
    "osgi.command.function=clearstats"
})
public final class KnetCommands {
    private static final String HANDLE = "the handle, named by its local host id (see knet:handles)";

    private final Knet knet;

    @Activate
    public KnetCommands(@Reference Knet knet) {
        this.knet = knet;
    }

    private List<KnetHandle> open() {
        return knet.handles().stream().filter(KnetHandle::isOpen).toList();
    }

    @Descriptor("list the handles: hosts, reachable hosts, links up, forwarding, data MTU, PMTUd interval, crypto, "
            + "compression")
    public String handles() {
        return StatusTables.handles(open());
    }

    @Descriptor("list the hosts of every handle: name, link policy, reachable, links configured and up")
    public String hosts() {
        return StatusTables.hosts(open());
    }

    @Descriptor("list the hosts of one handle")
    public String hosts(@Descriptor(HANDLE) String handle) throws KnetException {
        return StatusTables.hosts(List.of(Args.handle(knet, handle)));
    }

    @Descriptor("list every link: state, addresses, latency, last pong, pongs received and needed, MTU, counters")
    public String links() throws KnetException {
        return StatusTables.links(open(), null);
    }

    @Descriptor("list the links of one handle")
    public String links(@Descriptor(HANDLE) String handle) throws KnetException {
        return StatusTables.links(List.of(Args.handle(knet, handle)), null);
    }

    @Descriptor("list the links of one handle to one host")
    public String links(@Descriptor(HANDLE) String handle, @Descriptor("the peer's host id") String host)
            throws KnetException {
        return StatusTables.links(List.of(Args.handle(knet, handle)), Args.hostId(host));
    }

    @Descriptor("show a handle's counters (knet_handle_get_stats and knet4j's drop counters)")
    public String stats(@Descriptor(HANDLE) String handle) throws KnetException {
        return StatusTables.stats(Args.handle(knet, handle));
    }

    @Descriptor("send TEXT (UTF-8) to HOST on CHANNEL with sendSync. sendSync goes where the handle's filter says: "
            + "the command asks the filter first and refuses unless it picks exactly HOST; the channel must be open")
    public String send(@Descriptor(HANDLE) String handle, @Descriptor("the destination host id") String host,
            @Descriptor("the data channel, 0..31") String channel,
            @Descriptor("the message; quote it if it has spaces") String text) throws KnetException {
        return SendCommand.send(Args.handle(knet, handle), host, channel, text);
    }

    @Descriptor("show the crypto slots, the slot used for sending, the clear-traffic rule and the installed models")
    public String crypto(@Descriptor(HANDLE) String handle) throws KnetException {
        return CryptoCommand.show(Args.handle(knet, handle), knet.cryptoList());
    }

    @Descriptor("'use SLOT' sends with slot 0 (clear), 1 or 2; 'clear SLOT' empties slot 1 or 2; "
            + "'rxclear allow|refuse' accepts or refuses clear packets on receive")
    public String crypto(@Descriptor(HANDLE) String handle, @Descriptor("use, clear or rxclear") String action,
            @Descriptor("a slot, or allow/refuse") String value) throws KnetException {
        return CryptoCommand.verb(Args.handle(knet, handle), action, value);
    }

    @Descriptor("fill crypto slot 1 or 2 (knet_handle_crypto_set_config); the key is the bytes of KEYFILE "
            + "(128..4096); the slot in use for sending cannot be replaced")
    public String crypto(@Descriptor(HANDLE) String handle, @Descriptor("1 or 2") String slot,
            @Descriptor("model: openssl, nss, jce, bouncycastle") String model,
            @Descriptor("cipher: none, aes128, aes192, aes256") String cipher,
            @Descriptor("hash: none, md5, sha1, sha256, sha384, sha512") String hash,
            @Descriptor("file holding the key") String keyFile) throws KnetException {
        return CryptoCommand.set(Args.handle(knet, handle), slot, model, cipher, hash, keyFile);
    }

    @Descriptor("show the compression model, threshold and level, and the installed models")
    public String compress(@Descriptor(HANDLE) String handle) throws KnetException {
        return SettingsCommands.compressShow(Args.handle(knet, handle), knet.compressList());
    }

    @Descriptor("stop compressing: 'none'")
    public String compress(@Descriptor(HANDLE) String handle, @Descriptor("none") String model)
            throws KnetException {
        Args.choice(model, "compress model (with no threshold and level)", "none");
        return SettingsCommands.compressSet(Args.handle(knet, handle), "none", "0", "0");
    }

    @Descriptor("compress messages longer than THRESHOLD with MODEL at LEVEL (knet_handle_compress)")
    public String compress(@Descriptor(HANDLE) String handle, @Descriptor("the model, or none") String model,
            @Descriptor("0 (= 100) .. 65536 bytes") String threshold,
            @Descriptor("the model's level") String level) throws KnetException {
        return SettingsCommands.compressSet(Args.handle(knet, handle), model, threshold, level);
    }

    @Descriptor("show the data MTU, the PMTUd interval and every link's MTU")
    public String pmtud(@Descriptor(HANDLE) String handle) throws KnetException {
        return SettingsCommands.pmtudShow(Args.handle(knet, handle));
    }

    @Descriptor("'freq SECONDS' sets the PMTUd interval (1..86400); 'mtu N' forces the interface MTU "
            + "(0 returns to discovery)")
    public String pmtud(@Descriptor(HANDLE) String handle, @Descriptor("freq or mtu") String what,
            @Descriptor("seconds, or the interface MTU") String value) throws KnetException {
        return SettingsCommands.pmtudSet(Args.handle(knet, handle), what, value);
    }

    @Descriptor("show the log level of every subsystem")
    public String loglevel(@Descriptor(HANDLE) String handle) throws KnetException {
        return SettingsCommands.logShow(Args.handle(knet, handle));
    }

    @Descriptor("set a subsystem's log level (knet_log_set_loglevel)")
    public String loglevel(@Descriptor(HANDLE) String handle,
            @Descriptor("a subsystem name (tx, rx, heartbeat, link, ...) or all") String subsystem,
            @Descriptor("error, warn, info, debug or 0..3") String level) throws KnetException {
        return SettingsCommands.logSet(Args.handle(knet, handle), subsystem, level);
    }

    @Descriptor("clear the handle's and every link's counters")
    public String clearstats(@Descriptor(HANDLE) String handle) throws KnetException {
        return SettingsCommands.clearStats(Args.handle(knet, handle), "all");
    }

    @Descriptor("clear counters: 'handle' (the handle's only) or 'all' (the handle's and every link's)")
    public String clearstats(@Descriptor(HANDLE) String handle, @Descriptor("handle or all") String scope)
            throws KnetException {
        return SettingsCommands.clearStats(Args.handle(knet, handle), scope);
    }
}
