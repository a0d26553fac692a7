package org.knet4j.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knet4j.api.CryptoConfig;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;

/**
 * knet:crypto: show the two slots, fill or clear one, choose the slot used for sending, allow or refuse clear
 * traffic. Keys come from a file (its bytes, as the peer tool's --key) so they never appear in the shell history;
 * the table shows only their length.
 */
final class CryptoCommand {
    private CryptoCommand() {
    }

    static String show(KnetHandle h, List<String> installed) throws KnetException {
        TablePrinter t = new TablePrinter("SLOT", "MODEL", "CIPHER", "HASH", "KEY_BYTES", "SENDING");
        int tx = h.cryptoGetUseConfig();
        for (int slot = 1; slot <= 2; slot++) {
            CryptoConfig c = h.cryptoGetConfig(slot);
            boolean empty = c.disables();
            t.row(slot, empty ? "none" : c.model(), empty ? null : c.cipher(), empty ? null : c.hash(),
                    empty ? null : c.key().length, StatusTables.yesNo(tx == slot));
        }
        return "handle " + h.hostId() + ": sending " + (tx == 0 ? "in clear" : "with slot " + tx)
                + "; clear traffic on receive " + (h.cryptoRxClearTrafficAllowed() ? "allowed" : "refused") + "\n"
                + t + "installed models: " + (installed.isEmpty() ? "none" : String.join(", ", installed)) + "\n";
    }

    static String set(KnetHandle h, String slotWord, String model, String cipher, String hash, String keyFile)
            throws KnetException {
        int slot = Args.integer(slotWord, 1, 2, "crypto slot");
        byte[] key;
        try {
            key = Files.readAllBytes(Path.of(keyFile));
        } catch (IOException | RuntimeException e) {
            throw new KnetException(KnetError.EINVAL, "key file '" + keyFile + "' cannot be read: " + e, e);
        }
        h.cryptoSetConfig(new CryptoConfig(model, cipher, hash, key), slot);
        return "handle " + h.hostId() + ": crypto slot " + slot + " = " + model + ":" + cipher + ":" + hash + " ("
                + key.length + "-byte key)\n";
    }

    /** The two-word forms: {@code use SLOT}, {@code clear SLOT}, {@code rxclear allow|refuse}. */
    static String verb(KnetHandle h, String verbWord, String arg) throws KnetException {
        switch (Args.choice(verbWord, "crypto action", "use", "clear", "rxclear")) {
            case "use": {
                int slot = Args.integer(arg, 0, 2, "crypto slot");
                h.cryptoUseConfig(slot);
                return "handle " + h.hostId() + ": sending " + (slot == 0 ? "in clear" : "with slot " + slot) + "\n";
            }
            case "clear": {
                int slot = Args.integer(arg, 1, 2, "crypto slot");
                h.cryptoSetConfig(CryptoConfig.none(), slot);
                return "handle " + h.hostId() + ": crypto slot " + slot + " cleared\n";
            }
            default: {
                boolean allow = "allow".equals(Args.choice(arg, "rxclear setting", "allow", "refuse"));
                h.cryptoRxClearTraffic(allow);
                return "handle " + h.hostId() + ": clear traffic on receive " + (allow ? "allowed" : "refused")
                        + "\n";
            }
        }
    }
}
