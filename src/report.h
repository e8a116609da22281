/* SPDX-License-Identifier: MIT */
/* Comparisons of a round's stored results, as plain structs: segment
 * distributions for any group, leaders against their teams and the
 * perception gap, the two tracks, a heatmap of departments against
 * dimensions, the champions who agreed to be named, the phase, the
 * questions that divide people most, and one round against another.
 *
 * Privacy: a group with fewer completed responses than the round's
 * minimum group size is marked hidden, and its numbers are left at zero,
 * so no caller can show them by mistake: only its label and its counts of
 * people (n, in_progress; leaders and team in a gap) stay. Only champions
 * who agreed to be listed are ever named.
 *
 * No curses and no SQL here: the store aggregates, this module compares,
 * and the screens and the command line print. */
#ifndef AIMAP_REPORT_H
#define AIMAP_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "questionnaire.h"
#include "store.h"

enum report_by { REPORT_BY_DEPARTMENT, REPORT_BY_ROLE, REPORT_BY_TRACK };
/* "department", "role", "track": by enum report_by, NULL-terminated. */
extern const char *const report_by_names[];

/* One group's results. Counts are of completed responses. */
struct report_group {
	char *label;	 /* "Whole round", "Engineering", "Executive", ... */
	int n;		 /* completed responses in the group */
	int in_progress; /* started, not finished (never hidden: no answers) */
	int abandoned;	 /* unfinished, kept as abandoned (not in progress) */
	bool hidden;	 /* n < min_group: show "fewer than N", no numbers */
	int segments[SEGMENT_COUNT]; /* SEGMENT_NONE: not classified */
	int subtypes[SUBTYPE_COUNT];
	double dimensions[QN_MAX_DIMENSIONS];	/* mean score, 0..100 */
	int dimension_n[QN_MAX_DIMENSIONS];	/* responses that scored it */
	double dimension_se[QN_MAX_DIMENSIONS]; /* standard error of the mean
						   (0 under two scores) */
	enum phase phase; /* PHASE_NONE when the questionnaire has no rule */
	/* completed responses whose adoption depth is within
	 * SCORING_NEAR_LINE points of a segment threshold: their segment
	 * could change with a few answers */
	int near_line;
};

/* What a hidden group shows instead of numbers: "fewer than N", or, for
 * a group of N or more hidden so that a smaller one cannot be worked out
 * by subtraction, "withheld". */
const char *report_hidden_words(const struct report_group *g, int min_group,
				char *buf, size_t size);

/* What leaders estimated their team's split to be (the estimate question)
 * against what that team reported. A manager's or senior technical
 * person's team is the individual contributors of their department; an
 * executive's is every individual contributor of the round (the whole
 * organisation). The leaders may have answered in the same round or in
 * a leaders' round of their own (report_build_paired).
 *
 * The rule of what is shown: an estimate is about the team, not about
 * the leader, so a gap is shown once the team has at least the minimum
 * of classified responses, however few leaders gave it; each leader
 * knows their own estimate, and the team's split is what the minimum
 * protects. A round may allow the gap of a department's team under the
 * minimum too (store_round small_gaps): its leaders can then read their
 * small team's split; complementary suppression still hides a gap that
 * would let the teams left out be worked out by subtraction. */

struct report_gap {
	char *department;    /* NULL for the whole round */
	bool executives;     /* the executives against the organisation */
	int leaders;	     /* leaders who gave an estimate */
	double estimated[3]; /* mean %: champions, willing, cautious */
	int team;	     /* completed, classified team responses */
	double actual[3];    /* % of the team in each segment */
	bool hidden;	     /* no leader, or the team under the minimum group
				size: estimated[] and actual[] are 0 */
	int min_group;	     /* the round's, for report_gap_sentence */
	bool small;	     /* shown though the team is under min_group: the
				round allows it (store_round small_gaps) */
	/* the Wilson 90% interval of actual[k], in % */
	double actual_low[3], actual_high[3];
	/* estimated[k] lies outside that interval: the team's answers can
	 * tell the estimate from noise */
	bool clear[3];
};

struct report_champion {
	char *name;
	char *department;
	bool alone; /* works alone: the "connect and amplify" list */
};

/* A question and how divided the answers to it are. */
struct report_spread {
	int question;  /* index into the questionnaire */
	int n;	       /* answers */
	double spread; /* standard deviation of the answers' scores, 0..50 */
	int counts[QN_MAX_CHOICES]; /* answers per choice */
};

/* One group in both rounds: its split before and now, whether each
 * share changed beyond noise (stats_shares_differ at 90%), and who in
 * it moved. A group is this round's (department, role or track); its
 * "before" is the group of the same name in the earlier round. */
struct report_change {
	char *label;
	int n_before, n_now;	       /* classified responses */
	int people_before, people_now; /* completed responses */
	int before[3], now[3];	       /* champions, willing, cautious */
	bool hidden;		       /* n_before or n_now under the minimum:
					  before[], now[], change[], clear[] are 0 */
	double shown_before[3], shown_now[3]; /* as report_share shows */
	double change[3]; /* points: shown_now less shown_before */
	bool clear[3];	  /* change[k] is beyond noise at 90% */
	/* people in both rounds, by this round's group */
	int moved[SEGMENT_COUNT][SEGMENT_COUNT];
	int both;
	/* of them, those in this group in both rounds (a person may change
	 * department, role or track), all and classified in the earlier
	 * round and in this one: who joined or left is counted from these */
	int stayed, stayed_classified_before, stayed_classified_now;
	bool moves_hidden; /* both under the minimum, or moves_withheld:
			      moved[][] all 0 */
	/* the moves hidden though at least the minimum are in both rounds:
	 * they would give away the segments of fewer than the minimum who
	 * joined or left the group, or, with the whole round's moves, those
	 * of another group's people (privacy.h, across two rounds) */
	bool moves_withheld;
	/* hidden though at least the minimum answered: the group is
	 * withheld (complementary suppression); n_*, both, moved[][] are 0 */
	bool withheld;
};

/* One round against an earlier one. */
struct report_compare {
	char code[STORE_MAX_CODE + 1];
	/* The other round as a whole, hidden below the larger of the two
	 * rounds' minimum group sizes. Its phase follows its own
	 * questionnaire's rule; its dimensions[] and dimension_n[] are
	 * re-indexed to this round's questionnaire, matched by dimension id:
	 * before.dimensions[d] is q->dimensions[d] in the other round, and
	 * dimension_n[d] is 0 where the other questionnaire has no such
	 * dimension. */
	struct report_group before;
	/* People who finished both rounds, recognised as in the respondent
	 * flow (the same name or alias and department; anonymous people
	 * cannot be followed): moved[from][to] by segment. */
	int moved[SEGMENT_COUNT][SEGMENT_COUNT];
	int both;	  /* people in both rounds */
	int new_people;	  /* named, in this round only */
	int not_returned; /* named, in the other round only */
	int anonymous;	  /* finished responses without a name, in either
			     round: they cannot be followed */
	bool hidden;	  /* both < min_group (the larger of the two rounds'),
			     or withheld: moved[][] all 0; the counts of
			     people stay */
	bool withheld;	  /* hidden as whole.moves_withheld */
	struct report_change whole; /* the whole round */
	/* the report's groups (report.by), in the order of groups[] */
	struct report_change *changes;
	int nchanges;
	int min_group; /* the larger of the two rounds' */
};

struct report {
	const struct questionnaire *q; /* the round's, not owned */
	int min_group;
	bool small_gaps; /* the round's: department gaps of small teams */
	enum report_by by;
	struct report_group all;
	/* By department: the round's list in its order, then the other
	 * departments respondents typed, alphabetically (names that differ
	 * only in case are one department); by role in enum role order; by
	 * track in enum track order. Empty groups are listed, hidden. */
	struct report_group *groups;
	int ngroups;
	struct report_group leaders; /* executives, managers, senior tech */
	struct report_group teams;   /* individual contributors */
	struct report_group tracks[TRACK_COUNT];
	/* Departments against dimensions: departments[] are the rows (one
	 * group per department, always by department), dimension_order the
	 * columns, weakest mean of the whole round first. */
	struct report_group *departments;
	int ndepartments;
	/* department d's people on track t at [d * TRACK_COUNT + t]: hidden
	 * with their department, and when the other track is hidden with
	 * fewer than the minimum (the department less it would show it) */
	struct report_group *department_tracks;
	int dimension_order[QN_MAX_DIMENSIONS]; /* the first ndimensions;
						   questionnaire order when
						   the round is hidden */
	struct report_gap *gaps; /* one per department with estimates, then
				    the whole round */
	int ngaps;
	/* by department, in the order of departments[], then by name; read
	 * only when has_champions (report_build_cached may leave them out:
	 * none, not a round without champions) */
	struct report_champion *champions;
	int nchampions;
	bool has_champions;
	/* Choice and scale questions with at least min_group answers, most
	 * divided first (ties in questionnaire order). */
	struct report_spread *spreads;
	int nspreads;
	bool has_compare;
	struct report_compare compare;
	/* the leaders' round of report_build_paired; "" for this round */
	char leaders_code[STORE_MAX_CODE + 1];
};

/* Whether round may be compared with other: only an earlier round (by
 * when it was created, then by when it was stored) of the same
 * questionnaire, so that a difference is a change over time and every
 * share means the same thing in both. Another version of the same
 * questionnaire is allowed (dimensions are matched by id); *warning then
 * says so. On false, why (size bytes) says why in a sentence naming both
 * codes. why and warning may be NULL. */
bool report_can_compare(const struct store_round *round,
			const struct store_round *other, char *why, size_t size,
			bool *warning);

/* As report_build, with the perception gap taken from the leaders who
 * answered in another round (leaders, whose questionnaire is leaders_q,
 * read for its first estimate question), matched by department name to
 * this round's teams. leaders NULL: the leaders of this round. */
enum store_status
report_build_paired(struct store *s, const struct store_round *round,
		    const struct questionnaire *q, enum report_by by,
		    const struct store_round *compare,
		    const struct questionnaire *compare_q,
		    const struct store_round *leaders,
		    const struct questionnaire *leaders_q, struct report *out);

/* What a live view keeps between builds of the same comparison: a
 * closed baseline round's sums and people, read once. They are read
 * again when the baseline is another round, open, or its running totals
 * changed (reopened, answered, closed again), when people already
 * counted changed anywhere (store_people_edits: an edit, a deletion, a
 * rename), or when one of its people answered the live round under a
 * new name. The live round's people and their match with the baseline's
 * are kept too, and brought up to date with the responses finished
 * since while nobody already counted changed. */
struct report_cache;
struct report_cache *report_cache_new(void);
void report_cache_free(struct report_cache *c);
/* How many times the cache read a baseline round (for tests). */
int report_cache_reads(const struct report_cache *c);

/* As report_build_paired, keeping what does not change in cache (NULL:
 * keep nothing). champions false: the champions' names are not read
 * (nchampions 0, has_champions false), for a view that does not show
 * them; the other builds always read them. */
enum store_status report_build_cached(
    struct report_cache *cache, struct store *s,
    const struct store_round *round, const struct questionnaire *q,
    enum report_by by, const struct store_round *compare,
    const struct questionnaire *compare_q, const struct store_round *leaders,
    const struct questionnaire *leaders_q, bool champions, struct report *out);

/* Build the report of round (whose stored questionnaire is q). compare
 * may be NULL; when given, its results are read with compare_q. */
enum store_status report_build(struct store *s, const struct store_round *round,
			       const struct questionnaire *q, enum report_by by,
			       const struct store_round *compare,
			       const struct questionnaire *compare_q,
			       struct report *out);
void report_free(struct report *r);

/* True when group g has a mean on dimension d that may be shown: it is
 * not hidden and somebody in it scored the dimension. */
bool report_has_score(const struct report_group *g, int d);

/* One dimension of two groups side by side, as the screens and the
 * command line show it. */
struct report_dimension_row {
	const char *label;   /* the dimension's, from the questionnaire */
	char a[16];	     /* a's mean, or the missing text when */
	char b[16];	     /* report_has_score() says it may not be shown */
	char difference[24]; /* a - b as shown (one decimal), written with
				the decimals asked, signed; "" unless both
				means are shown */
	bool clear;	     /* the difference is beyond noise at 90%
				(stats_means_differ with the two standard errors) */
};

/* The rows comparing groups a and b on each of q's dimensions, in
 * questionnaire order, written to rows (room for QN_MAX_DIMENSIONS);
 * returns how many. missing is at most 15 bytes. */
int report_dimension_rows(const struct questionnaire *q,
			  const struct report_group *a,
			  const struct report_group *b, const char *missing,
			  int decimals, struct report_dimension_row *rows);

/* The share (0..100) of a group's classified responses in a segment. */
double report_percent(const struct report_group *g, enum segment s);
/* The same share as every screen, report and export shows it: to one
 * decimal, halves away from zero, the three segments adding up to
 * exactly 100 (stats_percentages). Compute with report_percent, show
 * this. */
double report_share(const struct report_group *g, enum segment s);

/* The phase of a group and why, in words: the conditions of the next
 * phase and the group's values against them ("scaling needs champions
 * >= 35% (have 28%) and Guardrails >= 65 (have 58)"), or that it is at
 * the highest phase. Values are truncated to one decimal, so none shows
 * as reaching a minimum it missed. PHASE_NONE for a hidden group and
 * when the questionnaire has no phase rule. why may be NULL (size 0); it
 * is always NUL-terminated when size > 0. */
enum phase report_phase(const struct questionnaire *q,
			const struct report_group *g, char *why, size_t size);

/* A phase condition's value for a group: the share of champions or the
 * mean score; false when the group has no score in the dimension. */
bool report_condition_value(const struct qn_phase_condition *c,
			    const struct report_group *g, double *value);

/* The perception gap in plain words: "3 leaders estimate 45.0%
 * champions; 12.0% of their teams are (90%: 6.1 to 22.3): a clear gap"
 * or "...: no clear gap" (one decimal by the one rounding rule), or for a
 * hidden gap "fewer than 5 of their teams answered". Like snprintf:
 * returns the length needed. */
size_t report_gap_sentence(const struct report_gap *gap, char *buf,
			   size_t size);

/* A leader's own perception gap, for their eyes only (their result
 * screen): their estimate of champions (0..100) against their team in
 * report r (their department's individual contributors, or the whole
 * organisation for an executive), in words, with the team's 90% interval
 * and whether the difference is clear; or, while the team is under the
 * minimum, that it will show once enough of them have answered. Returns
 * 0 (and writes "") for a role that is not a leader's. Like snprintf. */
size_t report_own_gap(const struct report *r, const char *department,
		      enum role role, int estimate, char *buf, size_t size);

#endif
