/* SPDX-License-Identifier: MIT */
/* Invitations: SHA-256 and PBKDF2-HMAC-SHA256 against the published test
 * vectors (FIPS 180-2 appendix B, RFC 7914 section 11), the codes and
 * their hashes (secret.c), and the store's invitations in a real SQLite
 * file: one response per invitation, revoked codes refused, rounds that
 * take answers only with one, reminders without answers, participation
 * counts, and resume keys stored before the salt still found. */
#include "config.h"

#include "testutil.h"

#include "fixture.h"
#include "participation.h"
#include "secret.h"
#include "sha256.h"
#include "store-internal.h"

static void hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static void check_sha(const char *msg, size_t len, const char *want)
{
	unsigned char h[SHA256_SIZE];
	char got[2 * SHA256_SIZE + 1];
	sha256(msg, len, h);
	hex(h, sizeof(h), got);
	assert_string_equal(got, want);
}

static void sha256_fips_vectors(void **state)
{
	(void)state;
	check_sha("abc", 3,
		  "ba7816bf8f01cfea414140de5dae2223"
		  "b00361a396177a9cb410ff61f20015ad");
	check_sha("", 0,
		  "e3b0c44298fc1c149afbf4c8996fb924"
		  "27ae41e4649b934ca495991b7852b855");
	const char *two =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopn"
	    "opq";
	check_sha(two, strlen(two),
		  "248d6a61d20638b8e5c026930c3e6039"
		  "a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a', fed in uneven pieces through the streaming calls */
	struct sha256 c;
	char a[997];
	memset(a, 'a', sizeof(a));
	sha256_init(&c);
	size_t left = 1000000;
	while (left > 0) {
		size_t n = left < sizeof(a) ? left : sizeof(a);
		sha256_update(&c, a, n);
		left -= n;
	}
	unsigned char h[SHA256_SIZE];
	char got[2 * SHA256_SIZE + 1];
	sha256_final(&c, h);
	hex(h, sizeof(h), got);
	assert_string_equal(got, "cdc76e5c9914fb9281a1c7e284d73e67"
				 "f1809a48a497200e046d39ccc7112cd0");
}

static void check_pbkdf2(const char *pw, const char *salt, unsigned c,
			 size_t len, const char *want)
{
	unsigned char out[64];
	char got[129];
	sha256_pbkdf2(pw, strlen(pw), salt, strlen(salt), c, out, len);
	hex(out, len, got);
	assert_string_equal(got, want);
}

static void pbkdf2_vectors(void **state)
{
	(void)state;
	check_pbkdf2("passwd", "salt", 1, 64,
		     "55ac046e56e3089fec1691c22544b605"
		     "f94185216dde0465e68b9d57c20dacbc"
		     "49ca9cccf179b645991664b39d77ef31"
		     "7c71b845b1e30bd509112041d3a19783");
	check_pbkdf2("password", "salt", 1, 32,
		     "120fb6cffcf8b32c43e7225256c4f837"
		     "a86548c92ccc35480805987cb70be17b");
	check_pbkdf2("password", "salt", 2, 32,
		     "ae4d0c95af6b46d32d0adff928f06dd0"
		     "2a303f8ef3c251dfd6e2d85a95474c43");
	check_pbkdf2("password", "salt", 4096, 32,
		     "c5e478d59288c841aa530db6845c4c8d"
		     "962893a001ce4e11a4963873aa98134a");
}

static const char alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";

static void codes_are_random_grouped_and_readable(void **state)
{
	(void)state;
	char codes[200][SECRET_CODE_SIZE];
	for (int i = 0; i < 200; i++) {
		assert_true(secret_make(SECRET_INVITE, codes[i]));
		assert_int_equal(strlen(codes[i]), 14);
		for (int k = 0; k < 14; k++) {
			if (k == 4 || k == 9)
				assert_int_equal(codes[i][k], '-');
			else
				assert_non_null(strchr(alphabet, codes[i][k]));
		}
		for (int j = 0; j < i; j++)
			assert_string_not_equal(codes[i], codes[j]);
	}
	char key[SECRET_KEY_SIZE];
	assert_true(secret_make(SECRET_RESUME, key));
	assert_int_equal(strlen(key), 11);
	assert_int_equal(key[5], '-');
	/* 25^12 codes: more than 2^55 */
	assert_true(12 * 4.64 > 55);
}

static void codes_are_read_back_as_typed(void **state)
{
	(void)state;
	char out[SECRET_CODE_SIZE];
	assert_true(secret_normalise(SECRET_INVITE, "k7qx m4rt-cwha", out));
	assert_string_equal(out, "K7QX-M4RT-CWHA");
	assert_true(secret_normalise(SECRET_INVITE, "K7QXM4RTCWHA", out));
	assert_string_equal(out, "K7QX-M4RT-CWHA");
	/* look-alikes, a length off by one, and a resume key's length */
	assert_false(secret_normalise(SECRET_INVITE, "K7QX-M4RT-CWH0", out));
	assert_false(secret_normalise(SECRET_INVITE, "K7QX-M4RT-CWHO", out));
	assert_false(secret_normalise(SECRET_INVITE, "I7QX-M4RT-CWHA", out));
	assert_false(secret_normalise(SECRET_INVITE, "K7QX-M4RT-CWH", out));
	assert_false(secret_normalise(SECRET_INVITE, "K7QX-M4RT-CWHAA", out));
	assert_false(secret_normalise(SECRET_INVITE, "K7QXM-4RTCW", out));
	assert_true(secret_normalise(SECRET_RESUME, "k7qxm 4rtcw", out));
	assert_string_equal(out, "K7QXM-4RTCW");
	assert_false(secret_normalise(SECRET_INVITE, "", out));
}

static void hashes_are_salted_iterated_and_kept_apart(void **state)
{
	(void)state;
	char a[SECRET_HASH_SIZE], b[SECRET_HASH_SIZE], c[SECRET_HASH_SIZE];
	assert_true(secret_hash(SECRET_INVITE, "K7QX-M4RT-CWHA", "s1", a));
	assert_true(secret_hash(SECRET_INVITE, "k7qxm4rt cwha", "s1", b));
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 67);
	assert_memory_equal(a, "p1:", 3);
	assert_null(strstr(a, "K7QX"));
	assert_true(secret_hash(SECRET_INVITE, "K7QX-M4RT-CWHA", "s2", c));
	assert_string_not_equal(a, c); /* another database, another hash */
	assert_true(secret_hash(SECRET_INVITE, "K7QX-M4RT-CWHC", "s1", c));
	assert_string_not_equal(a, c);
	/* the same letters as a resume key never give an invitation's hash */
	assert_true(secret_hash(SECRET_RESUME, "K7QXM-4RTCW", "s1", c));
	assert_true(secret_hash(SECRET_INVITE, "K7QX-M4RT-CWAA", "s1", b));
	assert_string_not_equal(b, c);
	/* what it is: PBKDF2 of the kind and the letters, with the salt */
	unsigned char h[SHA256_SIZE];
	char want[SECRET_HASH_SIZE] = "p1:";
	sha256_pbkdf2("aimap-invite:K7QXM4RTCWHA", 25, "s1", 2,
		      SECRET_ITERATIONS, h, sizeof(h));
	hex(h, sizeof(h), want + 3);
	assert_string_equal(a, want);
	assert_false(secret_hash(SECRET_INVITE, "nope", "s1", a));
	/* the hash of resume keys stored before the salt */
	char legacy[SECRET_LEGACY_HASH_SIZE], old[17];
	assert_true(secret_hash_legacy("k7qxm-4rtcw", legacy));
	util_hash_hex("aimap-resume:K7QXM4RTCW", 23, old);
	assert_string_equal(legacy, old);
}

/* ---- the store ---------------------------------------------------------- */

static const char text[] =
    "[questionnaire]\nid = c\ntitle = C\nversion = 1\naudience = everyone\n"
    "[dimension.use]\nlabel = Use\nweight = 1\nrole = adoption\n"
    "[question.often]\ntype = choice\ndimension = use\ntext = How often?\n"
    "choice1 = Never\nscore1 = 0\nchoice2 = Daily\nscore2 = 100\n" FIXTURE_TAIL(
	30);

static char *dir, *path;
static struct store *store;
static struct questionnaire *q;
static struct store_round round_;

static int setup(void **state)
{
	(void)state;
	dir = testutil_mkdtemp();
	path = xasprintf("%s/aimap.db", dir);
	store = fixture_store_open(path);
	q = fixture_parse(text);
	char *deps[] = {"Ops", "Sales"};
	fixture_round_make(store, "INV", "Invited", q, deps, 2, &round_);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(store);
	questionnaire_free(q);
	store_round_free(&round_);
	free(path);
	testutil_rmdir(dir);
	return 0;
}

static void hash_of(const char *code, char out[SECRET_HASH_SIZE])
{
	const char *salt;
	assert_int_equal(store_salt(store, &salt), STORE_OK);
	assert_int_equal(strlen(salt), 32);
	assert_true(secret_hash(SECRET_INVITE, code, salt, out));
}

/* Three invitations: two to Sales (one with a person kept), one to Ops. */
static void invite_three(char codes[3][SECRET_CODE_SIZE])
{
	char hashes[3][SECRET_HASH_SIZE];
	for (int i = 0; i < 3; i++) {
		assert_true(secret_make(SECRET_INVITE, codes[i]));
		hash_of(codes[i], hashes[i]);
	}
	struct store_invite_new list[3] = {
	    {hashes[0], "Sales", ROLE_MANAGER, TRACK_CITIZEN, "p-014",
	     "p14@example.org"},
	    {hashes[1], "Sales", ROLE_INDIVIDUAL, TRACK_TECHNICAL, NULL, NULL},
	    {hashes[2], "Ops", ROLE_EXECUTIVE, TRACK_TECHNICAL, "p-015", NULL},
	};
	int first = 0;
	assert_int_equal(store_invite_add(store, round_.id, list, 3, &first),
			 STORE_OK);
	assert_int_equal(first, 1);
}

static void find(const char *code, struct store_invitation *inv)
{
	char hash[SECRET_HASH_SIZE];
	hash_of(code, hash);
	if (store_invite_find(store, hash, inv) != STORE_OK)
		fail_msg("%s", store_error(store));
}

static long long raw_int(const char *sql)
{
	sqlite3 *h = fixture_raw_open(path);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	fixture_raw_close(h);
	return v;
}

static void one_response_per_invitation(void **state)
{
	(void)state;
	char codes[3][SECRET_CODE_SIZE];
	invite_three(codes);
	struct store_invitation inv;
	find(codes[0], &inv);
	assert_int_equal(inv.number, 1);
	assert_string_equal(inv.department, "Sales");
	assert_string_equal(inv.round_code, "INV");
	assert_int_equal(inv.role, ROLE_MANAGER);
	assert_int_equal(inv.response_id, 0);
	struct store_profile p = {NULL, inv.department, inv.role, inv.track,
				  false};
	struct store_response r;
	assert_int_equal(
	    store_response_start_invited(store, &round_, &p, inv.id, &r),
	    STORE_OK);
	store_invitation_free(&inv);
	find(codes[0], &inv);
	assert_int_equal(inv.response_id, r.id);
	/* the same invitation again: refused, nothing more stored */
	struct store_response again;
	assert_int_equal(
	    store_response_start_invited(store, &round_, &p, inv.id, &again),
	    STORE_ERR_EXISTS);
	assert_int_equal(raw_int("SELECT count(*) FROM response"), 1);
	/* its department, role and track cannot be changed */
	struct store_profile moved = p;
	moved.department = "Ops";
	moved.role = ROLE_INDIVIDUAL;
	assert_int_equal(store_response_update_profile(store, r.id, &moved),
			 STORE_OK);
	assert_int_equal(raw_int("SELECT count(*) FROM response WHERE"
				 " department = 'Sales' AND role = 'manager'"),
			 1);
	/* the person is kept until the response is finished */
	assert_int_equal(
	    raw_int("SELECT count(*) FROM invitation WHERE person IS NOT NULL"),
	    2);
	int choices[1] = {2};
	struct scoring_result res;
	scoring_classify(q, &(struct scoring_input){choices}, &res);
	assert_int_equal(
	    store_response_finish(store, r.id, q, choices, NULL, &res),
	    STORE_OK);
	assert_int_equal(raw_int("SELECT count(*) FROM invitation WHERE"
				 " person IS NOT NULL OR email IS NOT NULL"),
			 1);
	store_invitation_free(&inv);
	store_response_free(&r);
	/* a code nobody was given */
	char other[SECRET_CODE_SIZE], hash[SECRET_HASH_SIZE];
	assert_true(secret_make(SECRET_INVITE, other));
	hash_of(other, hash);
	assert_int_equal(store_invite_find(store, hash, &inv),
			 STORE_ERR_NOT_FOUND);
}

static void invitations_only_and_revoked(void **state)
{
	(void)state;
	char codes[3][SECRET_CODE_SIZE];
	invite_three(codes);
	assert_int_equal(
	    store_round_set_invitations_only(store, round_.id, true), STORE_OK);
	struct store_round fresh;
	assert_int_equal(store_round_find(store, "INV", &fresh), STORE_OK);
	assert_true(fresh.invitations_only);
	assert_true(fresh.has_invitations);
	store_round_free(&fresh);
	struct store_profile anyone = {NULL, "Ops", ROLE_INDIVIDUAL,
				       TRACK_TECHNICAL, false};
	struct store_response r;
	assert_int_equal(store_response_start(store, &round_, &anyone, &r),
			 STORE_ERR_REFUSED);
	/* revoked before it was used: refused */
	char hash[SECRET_HASH_SIZE];
	hash_of(codes[1], hash);
	struct store_invitation inv;
	assert_int_equal(store_invite_revoke(store, round_.id, hash, &inv),
			 STORE_OK);
	store_invitation_free(&inv);
	find(codes[1], &inv);
	assert_true(inv.revoked);
	struct store_profile p = {NULL, inv.department, inv.role, inv.track,
				  false};
	assert_int_equal(
	    store_response_start_invited(store, &round_, &p, inv.id, &r),
	    STORE_ERR_REFUSED);
	store_invitation_free(&inv);
	assert_int_equal(raw_int("SELECT count(*) FROM response"), 0);
	/* the code of another round's invitation is refused here */
	struct store_round other;
	fixture_round_make(store, "OTH", "Other", q, NULL, 0, &other);
	find(codes[0], &inv);
	assert_int_equal(
	    store_response_start_invited(store, &other, &p, inv.id, &r),
	    STORE_ERR_NOT_FOUND);
	store_invitation_free(&inv);
	store_round_free(&other);
}

struct seen {
	int rows;
	char text[512];
};

static bool pending_row(void *ctx, const struct store_invite_pending *row)
{
	struct seen *s = ctx;
	size_t n = strlen(s->text);
	snprintf(s->text + n, sizeof(s->text) - n, "%d %s %s %s %s;",
		 row->number, row->person ? row->person : "-", row->department,
		 role_name(row->role), row->started ? "started" : "new");
	s->rows++;
	return true;
}

static void participation_and_pending(void **state)
{
	(void)state;
	char codes[3][SECRET_CODE_SIZE];
	invite_three(codes);
	struct store_invitation a, b;
	find(codes[0], &a);
	find(codes[2], &b);
	/* invitation 1 finished, 3 started, 2 revoked */
	int choices[1] = {2};
	int estimates[1][3] = {{0}};
	char *comments[1] = {NULL};
	struct submission sub = {.department = (char *)"Ops",
				 .role = ROLE_INDIVIDUAL,
				 .track = TRACK_TECHNICAL,
				 .choices = choices,
				 .estimates = estimates,
				 .comments = comments,
				 .nquestions = 1};
	struct scoring_result res;
	scoring_classify(q, &(struct scoring_input){choices}, &res);
	char uuid[37];
	assert_int_equal(store_response_submit_invited(store, &round_, q, &sub,
						       &res, &a, uuid),
			 STORE_OK);
	/* the invitation's profile, not the file's */
	assert_int_equal(raw_int("SELECT count(*) FROM response WHERE"
				 " department = 'Sales' AND role = 'manager'"
				 " AND track = 'citizen'"),
			 1);
	struct store_profile p = {NULL, b.department, b.role, b.track, false};
	struct store_response r;
	assert_int_equal(
	    store_response_start_invited(store, &round_, &p, b.id, &r),
	    STORE_OK);
	store_response_free(&r);
	char hash[SECRET_HASH_SIZE];
	hash_of(codes[1], hash);
	struct store_invitation inv;
	assert_int_equal(store_invite_revoke(store, round_.id, hash, &inv),
			 STORE_OK);
	store_invitation_free(&inv);
	/* revoking the finished one keeps its response, and it counts */
	hash_of(codes[0], hash);
	assert_int_equal(store_invite_revoke(store, round_.id, hash, &inv),
			 STORE_OK);
	assert_true(inv.finished);
	store_invitation_free(&inv);
	assert_int_equal(
	    raw_int("SELECT count(*) FROM response WHERE finished_at IS NOT "
		    "NULL"),
	    1);
	struct participation part;
	assert_int_equal(participation_load(store, round_.id, &part), STORE_OK);
	assert_int_equal(part.count, 2);
	assert_string_equal(part.rows[0].department, "Ops");
	assert_int_equal(part.rows[0].invited, 1);
	assert_int_equal(part.rows[0].started, 1);
	assert_int_equal(part.rows[0].completed, 0);
	assert_string_equal(part.rows[1].department, "Sales");
	assert_int_equal(part.rows[1].invited, 1); /* one revoked unused */
	assert_int_equal(part.rows[1].started, 1);
	assert_int_equal(part.rows[1].completed, 1);
	assert_int_equal(part.total.invited, 2);
	assert_int_equal(part.total.completed, 1);
	participation_free(&part);
	/* pending: neither the finished nor the revoked one */
	struct seen seen = {0};
	assert_int_equal(
	    store_invite_pending(store, round_.id, pending_row, &seen),
	    STORE_OK);
	assert_string_equal(seen.text, "3 p-015 Ops executive started;");
	store_invitation_free(&a);
	store_invitation_free(&b);
}

static void resume_keys_before_the_salt_are_found(void **state)
{
	(void)state;
	struct store_profile p = {NULL, "Ops", ROLE_INDIVIDUAL, TRACK_TECHNICAL,
				  false};
	struct store_response r, found;
	assert_int_equal(store_response_start(store, &round_, &p, &r),
			 STORE_OK);
	char legacy[SECRET_LEGACY_HASH_SIZE], hash[SECRET_HASH_SIZE];
	const char *salt;
	assert_true(secret_hash_legacy("K7QXM-4RTCW", legacy));
	assert_int_equal(store_salt(store, &salt), STORE_OK);
	assert_true(secret_hash(SECRET_RESUME, "K7QXM-4RTCW", salt, hash));
	/* stored as aimap did before: the bare FNV hash */
	assert_int_equal(store_response_set_resume(store, r.id, legacy),
			 STORE_OK);
	assert_int_equal(
	    store_response_find_resume(store, &round_, hash, legacy, &found),
	    STORE_OK);
	assert_int_equal(found.id, r.id);
	store_response_free(&found);
	/* a new key is stored salted and found by that hash alone */
	assert_int_equal(store_response_set_resume(store, r.id, hash),
			 STORE_OK);
	assert_int_equal(
	    store_response_find_resume(store, &round_, hash, NULL, &found),
	    STORE_OK);
	store_response_free(&found);
	assert_int_equal(
	    store_response_find_resume(store, &round_, legacy, NULL, &found),
	    STORE_ERR_NOT_FOUND);
	store_response_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sha256_fips_vectors),
	    cmocka_unit_test(pbkdf2_vectors),
	    cmocka_unit_test(codes_are_random_grouped_and_readable),
	    cmocka_unit_test(codes_are_read_back_as_typed),
	    cmocka_unit_test(hashes_are_salted_iterated_and_kept_apart),
	    cmocka_unit_test_setup_teardown(one_response_per_invitation, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(invitations_only_and_revoked, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(participation_and_pending, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(
		resume_keys_before_the_salt_are_found, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
