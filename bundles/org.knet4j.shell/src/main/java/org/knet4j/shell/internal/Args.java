package org.knet4j.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knet4j.api.Knet;
import org.knet4j.api.KnetError;
import org.knet4j.api.KnetException;
import org.knet4j.api.KnetHandle;
import org.knet4j.api.LogLevel;
import org.knet4j.api.LogSubsystem;

/**
 * Turns the shell's words into values, or into a KnetException (EINVAL, as libknet answers a bad argument) whose
 * message quotes the word that was wrong. Commands take every argument as a string so that these messages, not the
 * shell's coercion errors, are what the user sees.
 */
final class Args {
    private Args() {
    }

    /** A decimal integer in min..max; {@code what} names the argument in the message. */
    static int integer(String word, int min, int max, String what) throws KnetException {
        if (word == null) {
            throw new KnetException(KnetError.EINVAL, what + " is missing");
        }
        int value;
        try {
            value = Integer.parseInt(word.trim());
        } catch (NumberFormatException e) {
            throw new KnetException(KnetError.EINVAL, what + " '" + word + "' is not a number (" + min + ".."
                    + max + ")");
        }
        if (value < min || value > max) {
            throw new KnetException(KnetError.EINVAL, what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** A host id, 0..65535. */
    static int hostId(String word) throws KnetException {
        return integer(word, 0, KnetHandle.MAX_HOST - 1, "host id");
    }

    /** The open handle whose local host id is {@code word}. */
    static KnetHandle handle(Knet knet, String word) throws KnetException {
        int id = integer(word, 0, KnetHandle.MAX_HOST - 1, "handle (its host id)");
        List<KnetHandle> found = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (KnetHandle h : knet.handles()) {
            if (!h.isOpen()) {
                continue;
            }
            all.add(h.hostId());
            if (h.hostId() == id) {
                found.add(h);
            }
        }
        if (found.isEmpty()) {
            throw new KnetException(KnetError.EINVAL, "no handle has host id " + id + " (handles: "
                    + (all.isEmpty() ? "none" : all) + ")");
        }
        if (found.size() > 1) {
            throw new KnetException(KnetError.EINVAL, "host id " + id + " names " + found.size()
                    + " handles of this Knet service; the shell cannot tell them apart");
        }
        return found.get(0);
    }

    /** error, warn(ing), info, debug, or 0..3. LogLevel.byName maps unknown words to ERROR; this refuses them. */
    static LogLevel logLevel(String word) throws KnetException {
        String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        switch (w) {
            case "0": case "error": case "err":
                return LogLevel.ERROR;
            case "1": case "warn": case "warning":
                return LogLevel.WARN;
            case "2": case "info":
                return LogLevel.INFO;
            case "3": case "debug":
                return LogLevel.DEBUG;
            default:
                throw new KnetException(KnetError.EINVAL, "log level '" + word
                        + "' is not error, warn, info, debug or 0..3");
        }
    }

    /** A subsystem by libknet's name ("tx", "heartbeat", ...); LogSubsystem.byName gives UNKNOWN, this refuses. */
    static LogSubsystem subsystem(String word) throws KnetException {
        LogSubsystem s = LogSubsystem.byName(word);
        if (s == LogSubsystem.UNKNOWN && !"unknown".equalsIgnoreCase(word)) {
            List<String> names = new ArrayList<>();
            for (LogSubsystem x : LogSubsystem.values()) {
                names.add(x.knetName());
            }
            throw new KnetException(KnetError.EINVAL, "log subsystem '" + word + "' is not one of " + names
                    + " or all");
        }
        return s;
    }

    /** One of {@code choices} (case-insensitive), returned in lower case. */
    static String choice(String word, String what, String... choices) throws KnetException {
        String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        for (String c : choices) {
            if (c.equals(w)) {
                return c;
            }
        }
        throw new KnetException(KnetError.EINVAL, what + " '" + word + "' is not one of " + List.of(choices));
    }
}
