/* SPDX-License-Identifier: MIT */
/* SHA-256 and PBKDF2-HMAC-SHA256 (sha256.h), written from FIPS 180-4 and
 * RFC 8018; tests/unit/test_sha256 checks the standards' vectors. */
#include "config.h"

#include <string.h>

#include "sha256.h"

static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void compress(uint32_t h[8], const unsigned char *b)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		       (uint32_t)b[4 * i + 2] << 8 | (uint32_t)b[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 =
		    ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 =
		    ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
		 g = h[6], hh = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & bb) ^ (a & c) ^ (bb & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = bb;
		bb = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += bb;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

void sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
				       0xa54ff53a, 0x510e527f, 0x9b05688c,
				       0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, iv, sizeof(iv));
	c->bytes = 0;
	c->fill = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->bytes += len;
	while (len > 0) {
		size_t n = 64 - c->fill;
		if (n > len)
			n = len;
		memcpy(c->block + c->fill, p, n);
		c->fill += n;
		p += n;
		len -= n;
		if (c->fill == 64) {
			compress(c->h, c->block);
			c->fill = 0;
		}
	}
}

void sha256_final(struct sha256 *c, unsigned char out[SHA256_SIZE])
{
	uint64_t bits = c->bytes * 8;
	static const unsigned char pad[64] = {0x80};
	size_t n = c->fill < 56 ? 56 - c->fill : 120 - c->fill;
	sha256_update(c, pad, n);
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(c, len, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void sha256(const void *data, size_t len, unsigned char out[SHA256_SIZE])
{
	struct sha256 c;
	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final(&c, out);
}

/* HMAC's inner and outer states after the key's pads, made once: each
 * of PBKDF2's rounds then costs two blocks, not four. */
struct hmac {
	struct sha256 inner, outer;
};

static void hmac_init(struct hmac *m, const void *key, size_t key_len)
{
	unsigned char block[64] = {0}, pad[64];
	if (key_len > 64)
		sha256(key, key_len, block);
	else
		memcpy(block, key, key_len);
	for (int i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x36;
	sha256_init(&m->inner);
	sha256_update(&m->inner, pad, 64);
	for (int i = 0; i < 64; i++)
		pad[i] = block[i] ^ 0x5c;
	sha256_init(&m->outer);
	sha256_update(&m->outer, pad, 64);
}

static void hmac_run(const struct hmac *m, const void *a, size_t a_len,
		     const void *b, size_t b_len,
		     unsigned char out[SHA256_SIZE])
{
	struct sha256 c = m->inner;
	sha256_update(&c, a, a_len);
	sha256_update(&c, b, b_len);
	unsigned char in[SHA256_SIZE];
	sha256_final(&c, in);
	c = m->outer;
	sha256_update(&c, in, sizeof(in));
	sha256_final(&c, out);
}

void sha256_pbkdf2(const void *password, size_t password_len, const void *salt,
		   size_t salt_len, unsigned iterations, unsigned char *out,
		   size_t out_len)
{
	struct hmac m;
	hmac_init(&m, password, password_len);
	for (uint32_t block = 1; out_len > 0; block++) {
		unsigned char count[4] = {
		    (unsigned char)(block >> 24), (unsigned char)(block >> 16),
		    (unsigned char)(block >> 8), (unsigned char)block};
		unsigned char u[SHA256_SIZE], t[SHA256_SIZE];
		hmac_run(&m, salt, salt_len, count, 4, u);
		memcpy(t, u, sizeof(t));
		for (unsigned i = 1; i < iterations; i++) {
			hmac_run(&m, u, sizeof(u), NULL, 0, u);
			for (int j = 0; j < SHA256_SIZE; j++)
				t[j] ^= u[j];
		}
		size_t n = out_len < SHA256_SIZE ? out_len : SHA256_SIZE;
		memcpy(out, t, n);
		out += n;
		out_len -= n;
	}
}
