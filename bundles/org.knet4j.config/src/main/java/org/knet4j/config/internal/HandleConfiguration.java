package org.knet4j.config.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of the {@code org.knet4j.handle} factory configuration: one configuration, one knet handle.
 * Defaults are libknet 1.25's. Hosts and links can be given as the lists below (JSON arrays, or comma-separated
 * in a .cfg file) or as flat keys, which every format can carry: {@code host.N.name}, {@code host.N.policy},
 * {@code link.N.L = SPEC}. Both may be mixed; a link given twice is refused.
 */
@ObjectClassDefinition(name = "knet4j handle", description = "A knet handle (node) with its hosts and links; "
        + "changes are applied live, deleting the configuration frees the handle.")
public @interface HandleConfiguration {
    String FACTORY_PID = "org.knet4j.handle";

    @AttributeDefinition(name = "Host id", description = "This node's host id, 0..65535 (a change re-creates the "
            + "handle).", min = "0", max = "65535")
    int host_id();

    @AttributeDefinition(name = "Log level", description = "Level of every libknet subsystem.", options = {
        @Option(label = "error", value = "error"), @Option(label = "warn", value = "warn"),
        @Option(label = "info", value = "info"), @Option(label = "debug", value = "debug")})
    String log_level() default "warn";

    @AttributeDefinition(name = "Forwarding", description = "Forward data (knet_handle_setfwd); off by default, as "
            + "in libknet.")
    boolean forwarding() default false;

    @AttributeDefinition(name = "Access lists", description = "Check every packet's source against the links' "
            + "access lists (knet_handle_enable_access_lists); on by default, as libknet 1.35 after CVE-2026-15812. "
            + "A dynamic link then needs acl= entries to accept its peer.")
    boolean access_lists() default true;

    @AttributeDefinition(name = "PMTUd interval", description = "Seconds between path MTU discoveries, 1..86400.",
            min = "1", max = "86400")
    int pmtud_interval() default 60;

    @AttributeDefinition(name = "Manual MTU", description = "Interface MTU forced for every link "
            + "(knet_handle_pmtud_set); 0 = discover.", min = "0", max = "65535")
    int pmtud_mtu() default 0;

    @AttributeDefinition(name = "Crypto model", description = "none, openssl, nss, gcrypt (libknet), jce or "
            + "bouncycastle (knet4j; openssl/nss are served by whichever is installed).")
    String crypto_model() default "none";

    @AttributeDefinition(name = "Cipher", description = "none, aes128, aes192 or aes256.")
    String crypto_cipher() default "none";

    @AttributeDefinition(name = "Hash", description = "none, md5, sha1, sha256, sha384 or sha512.")
    String crypto_hash() default "none";

    @AttributeDefinition(name = "Key file", description = "File whose bytes are the key (128..4096 bytes); or use "
            + "crypto.key.", required = false)
    String crypto_key_file();

    @AttributeDefinition(name = "Key (base64)", description = "The key in base64; or use crypto.key.file.",
            type = AttributeType.PASSWORD, required = false)
    String crypto_key();

    @AttributeDefinition(name = "Key rotation step (ms)", description = "A key change puts the new key in the free "
            + "slot, sends with it one step later and clears the old slot one more step later.", min = "0")
    long crypto_rotation_step_ms() default 1000;

    @AttributeDefinition(name = "Compression model", description = "none, zlib, lz4, lz4hc, lzo2, lzma, bzip2 or "
            + "zstd.")
    String compress_model() default "none";

    @AttributeDefinition(name = "Compression level", description = "The model's level; absent = the model's default "
            + "(zlib -1..9, lz4 1..65537, lz4hc 1..12, lzo2 1/11/12/15/999, lzma 0..9, bzip2 1..9, zstd ..22).",
            required = false)
    int compress_level();

    @AttributeDefinition(name = "Compression threshold", description = "Messages longer than this are compressed; "
            + "0 = libknet's default (100).", min = "0", max = "65536")
    int compress_threshold() default 0;

    @AttributeDefinition(name = "Data channel", description = "A data channel to open, 0..31; -1 = none.",
            min = "-1", max = "31")
    int channel() default -1;

    @AttributeDefinition(name = "Hosts", description = "ID[;name=NAME][;policy=passive|active|rr]; or host.N.name"
            + " / host.N.policy keys.", required = false)
    String[] hosts();

    @AttributeDefinition(name = "Links", description = "HOST.LINK=TRANSPORT:SOURCE[->DEST|->dynamic][;priority=P]"
            + "[;ping=INTERVAL/TIMEOUT/PRECISION][;pong=N][;hiprio][;acl=ENTRY ...], e.g. "
            + "2.0=udp:127.0.0.1:50000->127.0.0.1:50100;priority=1; a dynamic link's ENTRY is accept|reject:ADDR, "
            + ":ADDR/MASK or :FIRST-LAST, e.g. 3.0=udp:127.0.0.1:50002->dynamic;acl=accept:127.0.0.0/255.0.0.0; or "
            + "link.N.L keys.", required = false)
    String[] links();
}
