/*
 * The machine's ceiling for the compare script: plain UDP over loopback, no knet. A sender blasts 1400-byte
 * datagrams for a while and a receiver counts what arrives, both with batched syscalls.
 *
 *   udp_blast rx PORT mmsg|gso      receive on 127.0.0.1:PORT until 500 ms of silence (or 10 s with nothing)
 *   udp_blast tx PORT mmsg|gso SECONDS
 *
 * mmsg: sendmmsg/recvmmsg of 64 datagrams per call. gso: the sender hands the kernel 44 datagrams in one buffer
 * (UDP_SEGMENT) and the receiver asks for them unsplit (UDP_GRO), reading the segment size from the control
 * message; every segment is still its own 1400-byte datagram on the wire.
 * The receiver's last stdout line: RESULT mode=udp-MODE received=N seconds=S msgs_per_s=X MBps=Y
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif

#define SIZE 1400
#define BATCH 64
#define GSO_SEGS 44 /* 44 x 1400 = 61600 B: below the 64 KiB a GSO send may carry */
#define BIG 65536

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "udp_blast: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int udp_socket(int port, int bind_it)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int buf = 8 << 20;
	/* as root the FORCE variants pass net.core.*mem_max; otherwise the plain ones take what they may */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof(buf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
	if (bind_it ? bind(fd, (struct sockaddr *)&a, sizeof(a)) : connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die(bind_it ? "bind" : "connect");
	return fd;
}

static int receive(int port, int gro)
{
	int fd = udp_socket(port, 1);
	int on = 1;
	if (gro && setsockopt(fd, IPPROTO_UDP, UDP_GRO, &on, sizeof(on)) < 0)
		die("UDP_GRO");
	int cap = gro ? BIG : 2048;
	char *bufs = malloc((size_t)BATCH * (size_t)cap);
	static char ctl[BATCH][CMSG_SPACE(sizeof(int))];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	if (!bufs)
		die("malloc");
	long count = 0;
	long long bytes = 0;
	double first = 0, last = 0, start = now_s();
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int wait_ms = count ? 500 : 10000;
		if (poll(&p, 1, wait_ms) <= 0)
			break;
		memset(m, 0, sizeof(m));
		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = bufs + (size_t)i * (size_t)cap;
			iov[i].iov_len = (size_t)cap;
			m[i].msg_hdr.msg_iov = &iov[i];
			m[i].msg_hdr.msg_iovlen = 1;
			m[i].msg_hdr.msg_control = ctl[i];
			m[i].msg_hdr.msg_controllen = sizeof(ctl[i]);
		}
		int n = recvmmsg(fd, m, BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("recvmmsg");
		}
		double t = now_s();
		if (!count)
			first = t;
		last = t;
		for (int i = 0; i < n; i++) {
			unsigned int len = m[i].msg_len;
			int seg = 0;
			for (struct cmsghdr *c = CMSG_FIRSTHDR(&m[i].msg_hdr); c; c = CMSG_NXTHDR(&m[i].msg_hdr, c))
				if (c->cmsg_level == IPPROTO_UDP && c->cmsg_type == UDP_GRO)
					memcpy(&seg, CMSG_DATA(c), sizeof(int));
			count += seg > 0 ? (long)((len + (unsigned)seg - 1) / (unsigned)seg) : 1;
			bytes += len;
		}
		if (t - start > 60)
			break;
	}
	double secs = last - first;
	printf("RESULT mode=udp-%s received=%ld corrupt=0 missing=0 seconds=%.3f msgs_per_s=%.1f MBps=%.2f\n",
	       gro ? "gso" : "mmsg", count, secs, secs > 0 ? count / secs : 0.0,
	       secs > 0 ? bytes / secs / 1e6 : 0.0);
	return count ? 0 : 1;
}

static int transmit(int port, int gso, double seconds)
{
	int fd = udp_socket(port, 0);
	int seg = SIZE;
	if (gso && setsockopt(fd, IPPROTO_UDP, UDP_SEGMENT, &seg, sizeof(seg)) < 0)
		die("UDP_SEGMENT");
	int len = gso ? SIZE * GSO_SEGS : SIZE;
	int batch = gso ? 8 : BATCH;
	char *payload = malloc((size_t)len);
	if (!payload)
		die("malloc");
	for (int i = 0; i < len; i++)
		payload[i] = (char)(i * 31);
	struct mmsghdr m[BATCH];
	struct iovec iov = {.iov_base = payload, .iov_len = (size_t)len};
	memset(m, 0, sizeof(m));
	for (int i = 0; i < batch; i++) {
		m[i].msg_hdr.msg_iov = &iov;
		m[i].msg_hdr.msg_iovlen = 1;
	}
	long sent = 0;
	double end = now_s() + seconds;
	while (now_s() < end) {
		int n = sendmmsg(fd, m, (unsigned)batch, 0);
		if (n < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR || errno == ECONNREFUSED)
				continue;
			die("sendmmsg");
		}
		sent += (long)n * (gso ? GSO_SEGS : 1);
	}
	fprintf(stderr, "udp_blast tx: %ld datagrams offered in %.1f s\n", sent, seconds);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[3], "mmsg") && strcmp(argv[3], "gso"))) {
		fprintf(stderr, "usage: udp_blast rx PORT mmsg|gso | udp_blast tx PORT mmsg|gso SECONDS\n");
		return 2;
	}
	int port = atoi(argv[2]);
	int gso = !strcmp(argv[3], "gso");
	if (port < 1 || port > 65535) {
		fprintf(stderr, "udp_blast: bad port %s\n", argv[2]);
		return 2;
	}
	if (!strcmp(argv[1], "rx"))
		return receive(port, gso);
	if (!strcmp(argv[1], "tx") && argc >= 5 && atof(argv[4]) > 0)
		return transmit(port, gso, atof(argv[4]));
	fprintf(stderr, "usage: udp_blast rx PORT mmsg|gso | udp_blast tx PORT mmsg|gso SECONDS\n");
	return 2;
}
