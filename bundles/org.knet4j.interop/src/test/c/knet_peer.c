/*
 * knet_peer: our C peer on the real libknet (Debian 1.25). Same flags and message format as the Java peer
 * (org.knet4j.bench.PeerTool), so either end of a test or benchmark can be swapped for the other.
 *
 * Message: 8-byte big-endian sequence number, then byte i = (seq + i) & 0xff (i over the whole message).
 * Messages shorter than 8 bytes carry no header: byte i = (seq + i) & 0xff from i = 0.
 * With --compress, the line before it: COMPRESS tx_compressed=N tx_uncompressed=N rx_compressed=N rx_failed=0
 *   tx_time_ave_ns=N rx_time_ave_ns=N
 * With --report-pmtud, after READY and before the mode: PMTUD data_mtu=N link_mtu=N (see pmtud_report_print).
 * Before it, per link: LINKSTATS link=l tx_data=N rx_data=N enabled=0|1 connected=0|1
 * Last stdout line: RESULT mode=.. received=N corrupt=N missing=N seconds=S msgs_per_s=X MBps=Y [p50_us= p99_us=]
 *   (recv and bench-rx add dup=N max_gap_ms=X: duplicates, and the largest interval between good messages)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libknet.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum mode { M_ECHO, M_SEND, M_RECV, M_BENCH_TX, M_BENCH_RX, M_LATENCY };
static const char *mode_names[] = {"echo", "send", "recv", "bench-tx", "bench-rx", "latency"};

struct opts {
	int id, peer_id, links, policy, mode, size, channel, sync, rate, timeout, ping_interval, ping_timeout,
	    pong_count, log_level, pmtud_freq;
	long count;
	long warmup;		/* --warmup N: latency round trips made first and left out of every figure;
				   recv/bench-rx messages taken first, checked but left out of the rate */
	double seconds;
	char bind_host[128], peer_host[128];
	int bind_port, peer_port;
	char crypto[128], key_file[512], compress[64], rotate_key[512];
	int rotate_after_ms;
	int dynamic;		/* links without a destination: they learn the peer from its pings */
	char acl_reject[128];	/* with access lists on: refuse this address, accept every other IPv4 one */
	int report_pmtud;	/* --report-pmtud: wait for PMTUd's first result and print it (pmtud_report_*) */
};

static volatile sig_atomic_t stop_flag;
static int log_pipe[2] = {-1, -1};
static knet_handle_t knet_h;
static int datafd;
static int8_t channel_id;

static void on_signal(int sig) { (void)sig; stop_flag = 1; }

/*
 * Message content after the 8-byte seq (--pattern, identical to the Java peer's PayloadPattern): byte i of message
 * seq with a header of h bytes (8, or 0 for a short message) is pattern_table[((seq + h) & 0xff) + i - h].
 * seq: table[k] = k & 0xff (byte i = (seq + i) & 0xff, the default); runs: table[k] = (k >> 5) & 0xff (runs of 32
 * equal bytes, compressible at any size); random: the top byte of the (k+1)th xorshift32 (13, 17, 5) state from
 * 2463534242 (incompressible).
 */
#define PATTERN_TABLE_SIZE (256 + 65536)
static unsigned char pattern_table[PATTERN_TABLE_SIZE];

static int pattern_init(const char *name)
{
	uint32_t x = 2463534242u;
	for (int k = 0; k < PATTERN_TABLE_SIZE; k++) {
		if (!strcmp(name, "seq")) {
			pattern_table[k] = (unsigned char)k;
		} else if (!strcmp(name, "runs")) {
			pattern_table[k] = (unsigned char)(k >> 5);
		} else if (!strcmp(name, "random")) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			pattern_table[k] = (unsigned char)(x >> 24);
		} else {
			return -1;
		}
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(const char *bad)
{
	fprintf(stderr, "bad or missing argument: %s\n", bad);
	fprintf(stderr, "usage: knet_peer --id N --peer-id N --bind HOST:PORT --peer HOST:PORT [--links N] "
			"[--policy passive|active|rr] [--crypto MODEL:CIPHER:HASH --key FILE] [--compress MODEL:LEVEL] "
			"--mode echo|send|recv|bench-tx|bench-rx|latency [--count N] [--size BYTES] [--seconds S] "
			"[--channel C] [--sync] [--rate N] [--timeout S] [--ping-interval MS] [--ping-timeout MS] "
			"[--pong-count N] [--log-level error|warn|info|debug] [--pmtud-freq S] "
			"[--rotate-key FILE [--rotate-after-ms MS]] [--pattern seq|runs|random] [--dynamic [--acl-reject HOST]] "
			"[--report-pmtud] [--bind2 HOST] [--peer2 HOST] [--cut-link L [--cut-after-ms MS]] [--warmup N]\n");
	exit(2);
}

static int split_host_port(const char *arg, char *host, size_t hlen, int *port)
{
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg)
		return -1;
	size_t n = colon - arg;
	if (arg[0] == '[' && colon[-1] == ']') { /* [v6]:port */
		arg++;
		n -= 2;
	}
	if (n >= hlen)
		return -1;
	memcpy(host, arg, n);
	host[n] = 0;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535)
		return -1;
	*port = (int)p;
	return 0;
}

static long parse_long(const char *flag, const char *v, long min, long max)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || *end || x < min || x > max)
		usage(flag);
	return x;
}

/*
 * ---- redundant links (self-contained): --bind2 HOST / --peer2 HOST put links 1.. on another address (link 0 keeps
 * --bind/--peer), --cut-link L --cut-after-ms MS disable link L that long after the mode starts (prints CUT link=L),
 * and after the mode one line per link: LINKSTATS link=l tx_data=N rx_data=N enabled=0|1 connected=0|1 ----
 */
struct links_extra {
	char bind2[128], peer2[128];
	int cut_link, cut_after_ms;
};
static struct links_extra links_x = {.cut_link = -1, .cut_after_ms = 1000};

/* returns 1 if f was one of these flags (v parsed), 0 if not */
static int links_parse(const char *f, const char *v)
{
	if (!strcmp(f, "--bind2")) snprintf(links_x.bind2, sizeof(links_x.bind2), "%s", v);
	else if (!strcmp(f, "--peer2")) snprintf(links_x.peer2, sizeof(links_x.peer2), "%s", v);
	else if (!strcmp(f, "--cut-link")) links_x.cut_link = (int)parse_long(f, v, 0, 7);
	else if (!strcmp(f, "--cut-after-ms")) links_x.cut_after_ms = (int)parse_long(f, v, 0, 3600000);
	else return 0;
	return 1;
}

static void links_validate(const struct opts *o)
{
	if (links_x.cut_link >= o->links)
		usage("--cut-link (must be below --links)");
}

static const char *link_bind_host(const struct opts *o, int l)
{
	return (l > 0 && links_x.bind2[0]) ? links_x.bind2 : o->bind_host;
}

static const char *link_peer_host(const struct opts *o, int l)
{
	return (l > 0 && links_x.peer2[0]) ? links_x.peer2 : o->peer_host;
}

static void *cut_thread(void *arg)
{
	struct opts *o = arg;
	usleep((useconds_t)links_x.cut_after_ms * 1000);
	if (knet_link_set_enable(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)links_x.cut_link, 0) != 0)
		printf("CUT failed link=%d: %s\n", links_x.cut_link, strerror(errno));
	else
		printf("CUT link=%d after_ms=%d\n", links_x.cut_link, links_x.cut_after_ms);
	fflush(stdout);
	return NULL;
}

static void links_start_cut(struct opts *o)
{
	if (links_x.cut_link < 0)
		return;
	pthread_t t;
	pthread_create(&t, NULL, cut_thread, o);
	pthread_detach(t);
}

static void links_print_stats(const struct opts *o)
{
	for (int l = 0; l < o->links; l++) {
		struct knet_link_status st;
		memset(&st, 0, sizeof(st));
		if (knet_link_get_status(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, &st, sizeof(st)) != 0)
			continue;
		printf("LINKSTATS link=%d tx_data=%" PRIu64 " rx_data=%" PRIu64 " enabled=%u connected=%u\n", l,
		       st.stats.tx_data_packets, st.stats.rx_data_packets, st.enabled, st.connected);
	}
}

static void parse(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->id = o->peer_id = -1;
	o->links = 1;
	o->mode = -1;
	o->count = 1000;
	o->size = 1400;
	o->rate = 2000;
	o->timeout = 20;
	o->ping_interval = 100;
	o->ping_timeout = 1000;
	o->pong_count = 2;
	o->log_level = KNET_LOG_WARN;
	o->pmtud_freq = 0;
	o->seconds = 0;
	o->rotate_after_ms = 1000;
	int have_bind = 0, have_peer = 0;
	for (int i = 1; i < argc; i++) {
		const char *f = argv[i];
		if (!strcmp(f, "--sync")) {
			o->sync = 1;
			continue;
		}
		if (!strcmp(f, "--dynamic")) {
			o->dynamic = 1;
			continue;
		}
		if (!strcmp(f, "--report-pmtud")) {
			o->report_pmtud = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage(f);
		const char *v = argv[++i];
		if (!strcmp(f, "--id")) o->id = (int)parse_long(f, v, 0, 65535);
		else if (!strcmp(f, "--peer-id")) o->peer_id = (int)parse_long(f, v, 0, 65535);
		else if (!strcmp(f, "--bind")) { if (split_host_port(v, o->bind_host, sizeof(o->bind_host), &o->bind_port)) usage(f); have_bind = 1; }
		else if (!strcmp(f, "--peer")) { if (split_host_port(v, o->peer_host, sizeof(o->peer_host), &o->peer_port)) usage(f); have_peer = 1; }
		else if (!strcmp(f, "--links")) o->links = (int)parse_long(f, v, 1, 8);
		else if (!strcmp(f, "--policy")) {
			if (!strcmp(v, "passive")) o->policy = KNET_LINK_POLICY_PASSIVE;
			else if (!strcmp(v, "active")) o->policy = KNET_LINK_POLICY_ACTIVE;
			else if (!strcmp(v, "rr")) o->policy = KNET_LINK_POLICY_RR;
			else usage(f);
		} else if (!strcmp(f, "--crypto")) snprintf(o->crypto, sizeof(o->crypto), "%s", v);
		else if (!strcmp(f, "--key")) snprintf(o->key_file, sizeof(o->key_file), "%s", v);
		else if (!strcmp(f, "--compress")) snprintf(o->compress, sizeof(o->compress), "%s", v);
		else if (!strcmp(f, "--acl-reject")) snprintf(o->acl_reject, sizeof(o->acl_reject), "%s", v);
		else if (!strcmp(f, "--rotate-key")) snprintf(o->rotate_key, sizeof(o->rotate_key), "%s", v);
		else if (!strcmp(f, "--pattern")) {
			if (pattern_init(v)) usage(f);
		} else if (!strcmp(f, "--rotate-after-ms")) o->rotate_after_ms = (int)parse_long(f, v, 0, 3600000);
		else if (!strcmp(f, "--mode")) {
			for (int m = 0; m < 6; m++)
				if (!strcmp(v, mode_names[m])) o->mode = m;
			if (o->mode < 0) usage(f);
		} else if (!strcmp(f, "--count")) o->count = parse_long(f, v, 0, 1L << 40);
		else if (!strcmp(f, "--warmup")) o->warmup = parse_long(f, v, 0, 1L << 40);
		else if (!strcmp(f, "--size")) o->size = (int)parse_long(f, v, 1, KNET_MAX_PACKET_SIZE);
		else if (!strcmp(f, "--seconds")) { char *e; o->seconds = strtod(v, &e); if (*e || o->seconds < 0) usage(f); }
		else if (!strcmp(f, "--channel")) o->channel = (int)parse_long(f, v, 0, KNET_DATAFD_MAX - 1);
		else if (!strcmp(f, "--rate")) o->rate = (int)parse_long(f, v, 0, 100000000);
		else if (!strcmp(f, "--timeout")) o->timeout = (int)parse_long(f, v, 1, 86400);
		else if (!strcmp(f, "--ping-interval")) o->ping_interval = (int)parse_long(f, v, 1, 3600000);
		else if (!strcmp(f, "--ping-timeout")) o->ping_timeout = (int)parse_long(f, v, 1, 3600000);
		else if (!strcmp(f, "--pong-count")) o->pong_count = (int)parse_long(f, v, 1, 255);
		else if (!strcmp(f, "--pmtud-freq")) o->pmtud_freq = (int)parse_long(f, v, 1, 86400);
		else if (!strcmp(f, "--log-level")) {
			if (!strcmp(v, "error")) o->log_level = KNET_LOG_ERR;
			else if (!strcmp(v, "warn")) o->log_level = KNET_LOG_WARN;
			else if (!strcmp(v, "info")) o->log_level = KNET_LOG_INFO;
			else if (!strcmp(v, "debug")) o->log_level = KNET_LOG_DEBUG;
			else usage(f);
		} else if (!links_parse(f, v))
			usage(f);
	}
	links_validate(o);
	if (o->id < 0) usage("--id");
	if (o->peer_id < 0) usage("--peer-id");
	if (!have_bind) usage("--bind");
	if (!have_peer) usage("--peer");
	if (o->mode < 0) usage("--mode");
	if ((o->mode == M_LATENCY) && o->size < 8) usage("--size (latency needs >= 8)");
	if (o->crypto[0] && !o->key_file[0]) usage("--key");
	if (o->rotate_key[0] && !o->crypto[0]) usage("--rotate-key (needs --crypto)");
	if (o->acl_reject[0] && !o->dynamic) usage("--acl-reject (libknet takes entries on dynamic links only)");
}

/* ---- message format ---- */

static void fill(unsigned char *buf, uint64_t seq, int size)
{
	int start = 0;
	if (size >= 8) {
		for (int k = 0; k < 8; k++)
			buf[k] = (unsigned char)(seq >> (56 - 8 * k));
		start = 8;
	}
	memcpy(buf + start, pattern_table + ((seq + start) & 0xff), size - start);
}

/* returns the message's seq, or -1 if its content does not match its own seq */
static int64_t verify(const unsigned char *buf, int size, uint64_t expect_if_headerless)
{
	uint64_t seq = expect_if_headerless;
	int start = 0;
	if (size >= 8) {
		seq = 0;
		for (int k = 0; k < 8; k++)
			seq = (seq << 8) | buf[k];
		start = 8;
	}
	if (memcmp(buf + start, pattern_table + ((seq + start) & 0xff), size - start))
		return -1;
	return (int64_t)seq;
}

/* ---- knet plumbing ---- */

static void *log_thread(void *arg)
{
	(void)arg;
	struct knet_log_msg msg;
	while (read(log_pipe[0], &msg, sizeof(msg)) == sizeof(msg)) {
		msg.msg[sizeof(msg.msg) - 1] = 0;
		fprintf(stderr, "[knet] %s %s: %s\n", knet_log_get_subsystem_name(msg.subsystem),
			knet_log_get_loglevel_name(msg.msglevel), msg.msg);
	}
	return NULL;
}

static void sock_notify(void *priv, int fd, int8_t chan, uint8_t tx_rx, int error, int errorno)
{
	(void)priv;
	fprintf(stderr, "sock notify fd %d channel %d %s error %d errno %d\n", fd, chan, tx_rx ? "rx" : "tx", error,
		errorno);
}

static void host_notify(void *priv, knet_node_id_t host, uint8_t reachable, uint8_t remote, uint8_t external)
{
	(void)priv; (void)remote; (void)external;
	printf("HOST %u reachable=%u\n", host, reachable);
	fflush(stdout);
}

static int peer_for_filter;

static int filter(void *priv, const unsigned char *data, ssize_t len, uint8_t tx_rx, knet_node_id_t this_id,
		  knet_node_id_t src_id, int8_t *chan, knet_node_id_t *dst, size_t *dst_n)
{
	(void)priv; (void)data; (void)len; (void)this_id; (void)src_id; (void)chan;
	if (tx_rx == KNET_NOTIFY_TX) {
		dst[0] = (knet_node_id_t)peer_for_filter;
		*dst_n = 1;
		return 0;
	}
	return 1;
}

#define CHECK(call) do { if ((call) < 0) { fprintf(stderr, "%s failed: %s\n", #call, strerror(errno)); exit(2); } } while (0)

/* --crypto MODEL:CIPHER:HASH with the bytes of key_file as the key */
static void crypto_cfg(struct opts *o, const char *key_file, struct knet_handle_crypto_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	char tmp[128];
	snprintf(tmp, sizeof(tmp), "%s", o->crypto);
	char *model = strtok(tmp, ":"), *cipher = strtok(NULL, ":"), *hash = strtok(NULL, ":");
	if (!model || !cipher || !hash)
		usage("--crypto");
	snprintf(cfg->crypto_model, sizeof(cfg->crypto_model), "%s", model);
	snprintf(cfg->crypto_cipher_type, sizeof(cfg->crypto_cipher_type), "%s", cipher);
	snprintf(cfg->crypto_hash_type, sizeof(cfg->crypto_hash_type), "%s", hash);
	FILE *kf = fopen(key_file, "rb");
	if (!kf)
		usage("--key/--rotate-key");
	cfg->private_key_len = (unsigned)fread(cfg->private_key, 1, sizeof(cfg->private_key), kf);
	fclose(kf);
}

/*
 * Live key rotation, as corosync does it: after --rotate-after-ms, put the new key in slot 2 (RX now accepts both),
 * 1 s later send with slot 2, 1 s later clear slot 1. Both peers run the same timetable, so as long as they start
 * within a second of each other, each has the new key before the other sends with it, and still has the old one
 * while the other sends with it.
 */
static void *rotate_thread(void *arg)
{
	struct opts *o = arg;
	struct knet_handle_crypto_cfg cfg;
	usleep((useconds_t)o->rotate_after_ms * 1000);
	crypto_cfg(o, o->rotate_key, &cfg);
	if (knet_handle_crypto_set_config(knet_h, &cfg, 2) != 0) {
		printf("ROTATE failed slot2: %s\n", strerror(errno));
		fflush(stdout);
		return NULL;
	}
	printf("ROTATE slot2-set\n");
	fflush(stdout);
	usleep(1000000);
	if (knet_handle_crypto_use_config(knet_h, 2) != 0) {
		printf("ROTATE failed use2: %s\n", strerror(errno));
		fflush(stdout);
		return NULL;
	}
	printf("ROTATE use2\n");
	fflush(stdout);
	usleep(1000000);
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.crypto_model, sizeof(cfg.crypto_model), "none");
	if (knet_handle_crypto_set_config(knet_h, &cfg, 1) != 0) {
		printf("ROTATE failed clear1: %s\n", strerror(errno));
		fflush(stdout);
		return NULL;
	}
	printf("ROTATED\n");
	fflush(stdout);
	return NULL;
}

/*
 * --report-pmtud. A handle's data MTU sits at the floor (calc_min_mtu for its crypto) until a PMTUd pass finds the
 * path; libknet calls the notify callback both on resets to the floor (link up, crypto change) and when a pass
 * changes the data MTU. So: at the end of setup (crypto set, no link up yet: that takes pongs) the data MTU is the
 * floor; after READY wait (bounded by --timeout) for a notification above it, then print what
 * knet_handle_pmtud_get and the status of link 0 say:
 *   PMTUD data_mtu=N link_mtu=N
 * or, if no pass finished in time, PMTUD timeout data_mtu=N link_mtu=N (exit code 3, as for a link that never came
 * up). The Java peer tool prints the same line by the same rule.
 */
static pthread_mutex_t pmtud_report_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pmtud_report_cond = PTHREAD_COND_INITIALIZER;
static unsigned int pmtud_report_floor;
static unsigned int pmtud_report_last;	/* the last notified data MTU, 0 before any */

static void pmtud_report_notify(void *priv, unsigned int data_mtu)
{
	(void)priv;
	fprintf(stderr, "pmtud notify: data mtu %u\n", data_mtu);
	pthread_mutex_lock(&pmtud_report_lock);
	pmtud_report_last = data_mtu;
	pthread_cond_broadcast(&pmtud_report_cond);
	pthread_mutex_unlock(&pmtud_report_lock);
}

/* call at the end of setup() */
static void pmtud_report_setup(struct opts *o)
{
	if (!o->report_pmtud)
		return;
	CHECK(knet_handle_pmtud_get(knet_h, &pmtud_report_floor));
	CHECK(knet_handle_enable_pmtud_notify(knet_h, NULL, pmtud_report_notify));
}

/* returns 0 once printed after a discovered data MTU, -1 after --timeout without one */
static int pmtud_report_print(struct opts *o)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += o->timeout;
	pthread_mutex_lock(&pmtud_report_lock);
	while (pmtud_report_last <= pmtud_report_floor && !stop_flag) {
		if (pthread_cond_timedwait(&pmtud_report_cond, &pmtud_report_lock, &deadline) == ETIMEDOUT)
			break;
	}
	int notified = pmtud_report_last > pmtud_report_floor;
	pthread_mutex_unlock(&pmtud_report_lock);
	unsigned int data_mtu = 0;
	struct knet_link_status st;
	memset(&st, 0, sizeof(st));
	if (knet_handle_pmtud_get(knet_h, &data_mtu) < 0)
		fprintf(stderr, "knet_handle_pmtud_get: %s\n", strerror(errno));
	if (knet_link_get_status(knet_h, (knet_node_id_t)o->peer_id, 0, &st, sizeof(st)) < 0)
		fprintf(stderr, "knet_link_get_status: %s\n", strerror(errno));
	printf("PMTUD %sdata_mtu=%u link_mtu=%u\n", notified ? "" : "timeout ", data_mtu, st.mtu);
	fflush(stdout);
	return notified ? 0 : -1;
}

static void setup(struct opts *o)
{
	CHECK(pipe(log_pipe));
	pthread_t lt;
	pthread_create(&lt, NULL, log_thread, NULL);
	pthread_detach(lt);
	knet_h = knet_handle_new_ex((knet_node_id_t)o->id, log_pipe[1], o->log_level, 0);
	if (!knet_h) {
		fprintf(stderr, "knet_handle_new_ex: %s\n", strerror(errno));
		exit(2);
	}
	CHECK(knet_handle_enable_sock_notify(knet_h, NULL, sock_notify));
	CHECK(knet_host_add(knet_h, (knet_node_id_t)o->peer_id));
	CHECK(knet_host_set_policy(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)o->policy));
	CHECK(knet_host_enable_status_change_notify(knet_h, NULL, host_notify));
	if (o->pmtud_freq)
		CHECK(knet_handle_pmtud_setfreq(knet_h, (unsigned)o->pmtud_freq));
	if (o->crypto[0]) {
		struct knet_handle_crypto_cfg cfg;
		crypto_cfg(o, o->key_file, &cfg);
		if (knet_handle_crypto_set_config(knet_h, &cfg, 1) != 0) {
			fprintf(stderr, "crypto config: %s\n", strerror(errno));
			exit(2);
		}
		CHECK(knet_handle_crypto_use_config(knet_h, 1));
		CHECK(knet_handle_crypto_rx_clear_traffic(knet_h, KNET_CRYPTO_RX_DISALLOW_CLEAR_TRAFFIC));
	}
	if (o->compress[0]) {
		struct knet_handle_compress_cfg cc;
		memset(&cc, 0, sizeof(cc));
		char tmp[64];
		snprintf(tmp, sizeof(tmp), "%s", o->compress);
		char *model = strtok(tmp, ":"), *level = strtok(NULL, ":");
		if (!model)
			usage("--compress");
		snprintf(cc.compress_model, sizeof(cc.compress_model), "%s", model);
		cc.compress_level = level ? atoi(level) : 0;
		cc.compress_threshold = 0;
		CHECK(knet_handle_compress(knet_h, &cc));
	}
	for (int l = 0; l < o->links; l++) {
		struct sockaddr_storage src, dst;
		char sp[8], dp[8];
		snprintf(sp, sizeof(sp), "%d", o->bind_port + l);
		snprintf(dp, sizeof(dp), "%d", o->peer_port + l);
		if (knet_strtoaddr(link_bind_host(o, l), sp, &src, sizeof(src)) ||
		    knet_strtoaddr(link_peer_host(o, l), dp, &dst, sizeof(dst)))
			usage("--bind/--peer address");
		CHECK(knet_link_set_config(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, KNET_TRANSPORT_UDP, &src,
					   o->dynamic ? NULL : &dst, 0));
		if (o->acl_reject[0]) {
			/* 1.25 has access lists off by default; the reject entry comes first, then all of IPv4 */
			struct sockaddr_storage rej, any, mask;
			if (knet_strtoaddr(o->acl_reject, "0", &rej, sizeof(rej)) ||
			    knet_strtoaddr("0.0.0.0", "0", &any, sizeof(any)) ||
			    knet_strtoaddr("0.0.0.0", "0", &mask, sizeof(mask)))
				usage("--acl-reject address");
			CHECK(knet_handle_enable_access_lists(knet_h, 1));
			CHECK(knet_link_add_acl(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, &rej, NULL,
						CHECK_TYPE_ADDRESS, CHECK_REJECT));
			CHECK(knet_link_add_acl(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, &any, &mask,
						CHECK_TYPE_MASK, CHECK_ACCEPT));
		}
		CHECK(knet_link_set_ping_timers(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l,
						(time_t)o->ping_interval, (time_t)o->ping_timeout, 2048));
		CHECK(knet_link_set_pong_count(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, (uint8_t)o->pong_count));
		CHECK(knet_link_set_priority(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, (uint8_t)(o->links - 1 - l)));
		CHECK(knet_link_set_enable(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, 1));
	}
	datafd = 0;
	channel_id = (int8_t)o->channel;
	CHECK(knet_handle_add_datafd(knet_h, &datafd, &channel_id));
	peer_for_filter = o->peer_id;
	CHECK(knet_handle_enable_filter(knet_h, NULL, filter));
	CHECK(knet_handle_setfwd(knet_h, 1));
	pmtud_report_setup(o);
}

static void teardown(struct opts *o)
{
	knet_handle_setfwd(knet_h, 0);
	for (int l = 0; l < o->links; l++) {
		knet_link_set_enable(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l, 0);
		knet_link_clear_config(knet_h, (knet_node_id_t)o->peer_id, (uint8_t)l);
	}
	knet_host_remove(knet_h, (knet_node_id_t)o->peer_id);
	knet_handle_remove_datafd(knet_h, datafd);
	knet_handle_free(knet_h);
}

static int wait_reachable(struct opts *o)
{
	double deadline = now_s() + o->timeout;
	while (!stop_flag && now_s() < deadline) {
		struct knet_host_status st;
		if (knet_host_get_status(knet_h, (knet_node_id_t)o->peer_id, &st) == 0 && st.reachable)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* send one message; retries EAGAIN (queue or socket full) for up to 5 s. Returns 0 or -1 */
static int send_one(struct opts *o, const unsigned char *buf, int size)
{
	double deadline = now_s() + 5;
	while (!stop_flag) {
		ssize_t r = o->sync ? knet_send_sync(knet_h, (const char *)buf, (size_t)size, channel_id)
				    : knet_send(knet_h, (const char *)buf, (size_t)size, channel_id);
		if ((o->sync && r == 0) || (!o->sync && r == size))
			return 0;
		if (r < 0 && (errno == EAGAIN || errno == ENOBUFS || errno == EHOSTDOWN) && now_s() < deadline) {
			if (o->sync)
				usleep(1000);
			else {
				struct pollfd p = {.fd = datafd, .events = POLLOUT};
				poll(&p, 1, 10);
			}
			continue;
		}
		fprintf(stderr, "send failed: %s\n", r < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return -1;
}

/* receive one message with a timeout in ms; returns its length, 0 on timeout, -1 on error */
static int recv_one(unsigned char *buf, int timeout_ms)
{
	struct pollfd p = {.fd = datafd, .events = POLLIN};
	int r = poll(&p, 1, timeout_ms);
	if (r <= 0)
		return 0;
	ssize_t n = read(datafd, buf, KNET_MAX_PACKET_SIZE);
	if (n < 0)
		return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
	return (int)n;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct opts o;
	pattern_init("seq");
	parse(argc, argv, &o);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	setup(&o);
	if (wait_reachable(&o)) {
		printf("TIMEOUT waiting for peer\n");
		fflush(stdout);
		teardown(&o);
		return 3;
	}
	printf("READY\n");
	fflush(stdout);
	usleep(1000000); /* the other side may see us reachable later (1.25 ticks every 200 ms); it drops data until then */
	if (o.report_pmtud && pmtud_report_print(&o)) {
		teardown(&o);
		return 3;
	}
	pthread_t rotator;
	if (o.rotate_key[0])
		pthread_create(&rotator, NULL, rotate_thread, &o);
	links_start_cut(&o);

	static unsigned char buf[KNET_MAX_PACKET_SIZE];
	long received = 0, corrupt = 0, missing = 0;
	long rated = -1;	/* messages behind msgs_per_s when not all received ones (a receiver's warm-up) */
	double t0 = now_s(), t_first = 0, t_last = 0;
	long bytes = 0;
	char extra[128] = "";
	int rc = 0;

	if (o.mode == M_SEND || o.mode == M_BENCH_TX) {
		double interval = (o.mode == M_SEND && o.rate > 0) ? 1.0 / o.rate : 0;
		double end = o.seconds > 0 ? now_s() + o.seconds : 0;
		long n = 0;
		t0 = now_s();
		for (; !stop_flag && (o.seconds > 0 ? now_s() < end : n < o.count); n++) {
			if (interval > 0) {
				double due = t0 + n * interval, now = now_s();
				if (due > now)
					usleep((useconds_t)((due - now) * 1e6));
			}
			fill(buf, (uint64_t)n, o.size);
			if (send_one(&o, buf, o.size)) {
				rc = 1;
				break;
			}
			bytes += o.size;
		}
		t_last = now_s();
		t_first = t0;
		received = n;
		usleep(500000); /* let the last packets leave before tearing down */
	} else if (o.mode == M_RECV || o.mode == M_BENCH_RX) {
		unsigned char *seen = calloc((size_t)(o.count > 0 ? o.count : 1), 1);
		int wait_ms = o.timeout * 1000;
		long dup = 0;		/* messages delivered twice (also counted as corrupt) */
		double t_good = 0, max_gap = 0; /* largest interval between consecutive good messages */
		long taken = 0;
		rated = 0;
		while (!stop_flag && received < o.count) {
			int n = recv_one(buf, wait_ms);
			if (n < 0) { rc = 1; break; }
			if (n == 0) break; /* silence */
			double now = now_s();
			int in_rate = ++taken > o.warmup; /* the first --warmup messages are left out of the rate */
			if (in_rate) {
				if (taken == o.warmup + 1) t_first = now;
				t_last = now;
				bytes += n;
			}
			int64_t s = verify(buf, n, (uint64_t)received);
			if (n != o.size || s < 0 || s >= o.count || seen[s]) {
				if (n == o.size && s >= 0 && s < o.count)
					dup++;
				corrupt++;
			} else {
				seen[s] = 1;
				received++;
				if (in_rate) rated++;
				if (t_good && now - t_good > max_gap)
					max_gap = now - t_good;
				t_good = now;
			}
		}
		missing = o.count - received;
		free(seen);
		snprintf(extra, sizeof(extra), " dup=%ld max_gap_ms=%.1f", dup, max_gap * 1000);
		if (corrupt || (o.mode == M_RECV && missing))
			rc = 1;
	} else if (o.mode == M_ECHO) {
		double end = o.seconds > 0 ? now_s() + o.seconds : 0;
		while (!stop_flag && (o.count == 0 || received < o.count) && (!end || now_s() < end)) {
			int n = recv_one(buf, o.timeout * 1000);
			if (n <= 0) break;
			if (!t_first) t_first = now_s();
			t_last = now_s();
			if (verify(buf, n, (uint64_t)received) < 0) corrupt++;
			if (send_one(&o, buf, n)) { rc = 1; break; }
			bytes += n;
			received++;
		}
		usleep(300000);
		if (corrupt) rc = 1;
	} else { /* latency */
		long *rtt = calloc((size_t)(o.count > 0 ? o.count : 1), sizeof(long));
		static unsigned char in[KNET_MAX_PACKET_SIZE];
		t_first = now_s();
		for (long n = 0; !stop_flag && n < o.warmup + o.count; n++) {
			int counted = n >= o.warmup;
			if (n == o.warmup) t_first = now_s();
			fill(buf, (uint64_t)n, o.size);
			double s = now_s();
			if (send_one(&o, buf, o.size)) { rc = 1; break; }
			int got = 0;
			while (!got && now_s() - s < 1.0) {
				int r = recv_one(in, 100);
				if (r < 0) break;
				if (r == 0) continue;
				int64_t q = verify(in, r, 0);
				if (q < 0 || r != o.size) { corrupt++; continue; }
				if (q == n) got = 1; /* older echoes are late copies: skip */
			}
			if (!got) missing++; /* in the warm-up too: a lost message is a failure whenever it happens */
			else if (counted) rtt[received++] = (long)((now_s() - s) * 1e6);
			if (counted) bytes += o.size;
		}
		t_last = now_s();
		qsort(rtt, (size_t)received, sizeof(long), cmp_long);
		long p50 = received ? rtt[received / 2] : 0;
		long p99 = received ? rtt[(received * 99) / 100 >= received ? received - 1 : (received * 99) / 100] : 0;
		snprintf(extra, sizeof(extra), " p50_us=%ld p99_us=%ld", p50, p99);
		free(rtt);
		if (corrupt || missing) rc = 1;
	}
	double secs = (t_first && t_last > t_first) ? t_last - t_first : 0;
	links_print_stats(&o);
	if (o.compress[0]) {
		struct knet_handle_stats st;
		if (knet_handle_get_stats(knet_h, &st, sizeof(st)) == 0)
			printf("COMPRESS tx_compressed=%" PRIu64 " tx_uncompressed=%" PRIu64 " rx_compressed=%" PRIu64
			       " rx_failed=0 tx_time_ave_ns=%" PRIu64 " rx_time_ave_ns=%" PRIu64 "\n",
			       st.tx_compressed_packets, st.tx_uncompressed_packets, st.rx_compressed_packets,
			       st.tx_compress_time_ave, st.rx_compress_time_ave);
	}
	printf("RESULT mode=%s received=%ld corrupt=%ld missing=%ld seconds=%.3f msgs_per_s=%.1f MBps=%.2f%s\n",
	       mode_names[o.mode], received, corrupt, missing, secs, secs > 0 ? (rated >= 0 ? rated : received) / secs : 0,
	       secs > 0 ? bytes / 1e6 / secs : 0, extra);
	fflush(stdout);
	teardown(&o);
	return rc;
}
