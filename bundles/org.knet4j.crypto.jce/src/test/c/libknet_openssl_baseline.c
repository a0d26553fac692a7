/*
 * Baseline for CryptoBench: what one datagram costs libknet 1.25's openssl crypto model, spent the same way. Per
 * packet, as that model does it (WIRE.md §7): RAND_bytes for the salt, a fresh EVP_CIPHER_CTX with
 * EncryptInit/Update/Final, and the one-shot HMAC() keyed with the whole key; on receive HMAC(), compare, then a
 * fresh context with DecryptInit/Update/Final. Not part of the build.
 *
 *   gcc -O2 -o /tmp/knet-ssl-baseline libknet_openssl_baseline.c -lcrypto && /tmp/knet-ssl-baseline [size] [seconds]
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SALT 16

static unsigned char key[200];
static const EVP_CIPHER *cipher;
static const EVP_MD *md;

static int seal(const unsigned char *in, int len, unsigned char *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, total = 0;
	unsigned int maclen = 0;

	if (!RAND_bytes(out, SALT) || !EVP_EncryptInit_ex(ctx, cipher, NULL, key, out)
	    || !EVP_EncryptUpdate(ctx, out + SALT, &n, in, len)) {
		EVP_CIPHER_CTX_free(ctx);
		return -1;
	}
	total = n;
	if (!EVP_EncryptFinal_ex(ctx, out + SALT + total, &n)) {
		EVP_CIPHER_CTX_free(ctx);
		return -1;
	}
	total += n + SALT;
	EVP_CIPHER_CTX_free(ctx);
	if (!HMAC(md, key, sizeof(key), out, total, out + total, &maclen)) {
		return -1;
	}
	return total + (int)maclen;
}

static int open_(const unsigned char *in, int len, unsigned char *out)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	int body = len - EVP_MD_size(md), n1 = 0, n2 = 0;
	EVP_CIPHER_CTX *ctx;

	if (body <= SALT || !HMAC(md, key, sizeof(key), in, body, mac, &maclen)
	    || memcmp(mac, in + body, maclen) != 0) {
		return -1;
	}
	ctx = EVP_CIPHER_CTX_new();
	if (!EVP_DecryptInit_ex(ctx, cipher, NULL, key, in)
	    || !EVP_DecryptUpdate(ctx, out, &n1, in + SALT, body - SALT)
	    || !EVP_DecryptFinal_ex(ctx, out + n1, &n2)) {
		EVP_CIPHER_CTX_free(ctx);
		return -1;
	}
	EVP_CIPHER_CTX_free(ctx);
	return n1 + n2;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int size = argc > 1 ? atoi(argv[1]) : 1400;
	double seconds = argc > 2 ? atof(argv[2]) : 3;
	static unsigned char plain[65536], wire[65536 + 256], back[65536 + 256];
	long n = 0;
	double t0, t;

	cipher = EVP_get_cipherbyname("aes256");
	md = EVP_get_digestbyname("sha256");
	RAND_bytes(key, sizeof(key));
	memset(plain, 7, size);
	for (int round = 0; round < 2; round++) { /* the first round warms up */
		n = 0;
		t0 = now();
		do {
			for (int i = 0; i < 256; i++, n++) {
				int len = seal(plain, size, wire);
				if (len < 0 || open_(wire, len, back) != size) {
					fprintf(stderr, "round trip failed\n");
					return 1;
				}
			}
			t = now() - t0;
		} while (t < seconds);
	}
	printf("libcrypto %s, libknet openssl-model calls, aes256/sha256, %d-byte packets, 1 thread: "
	       "encrypt+decrypt %.0f/s (%.2f us)\n", OpenSSL_version(OPENSSL_VERSION), size, n / t, 1e6 * t / n);
	return 0;
}
