/* SPDX-License-Identifier: MIT */
/* One step per screen: the profile questions, then the questionnaire's
 * questions (a choice list, a scale, or an estimate's three
 * percentages). */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "flow.h"
#include "textwrap.h"
#include "tui/tui.h"

/* An executive runs an organisation rather than building or using tools
 * day to day: asked instead which kind of organisation they lead, which
 * decides the same questions. */
static const char *const executive_track_items[TRACK_COUNT] = {
    [TRACK_TECHNICAL] = "A technical organisation: engineering, data, IT "
			"or product development report to me",
    [TRACK_CITIZEN] = "A business organisation: sales, marketing, "
		      "finance, people, operations or the whole company",
};

static const char *const track_items[TRACK_COUNT] = {
    [TRACK_TECHNICAL] = "Technical: I build or run software (engineering, "
			"data, IT, operations of systems)",
    [TRACK_CITIZEN] = "Citizen builder: I work outside engineering "
		      "(marketing, sales, finance, people...) and may "
		      "build my own tools",
};

static const char *const contact_items[] = {
    "Yes: if I turn out to be an AI champion, colleagues may be pointed "
    "to me",
    "No: keep me out of any list",
};

static const char *const estimate_parts[3] = {
    "Champions (deep in, use AI daily)",
    "Willing middle (started, want structure)",
    "Cautious third (not started, or waiting)",
};

/* What a step shows: a prompt, optional help, and either choices or a
 * text field. */
struct step_view {
	const char *context; /* "About you" or the dimension */
	const char *text;
	const char *help;
	const char *const *items; /* NULL for a text field or estimate */
	const char **owned;	  /* items built here, freed after use */
	int count;
	int answered;	   /* index of the stored answer, or -1 */
	char *field;	   /* the text field being typed into, or NULL */
	size_t field_size; /* its room in bytes, with the NUL */
	bool comment;	   /* the field is a comment: several lines */
};

static bool department_is_typed(const struct app *app)
{
	return app->round.ndepartments == 0 || app->session.department_other;
}

static const char other_department[] = "Other (type it)";

/* The roles as a respondent chooses them: with the titles they cover. */
static const char senior_tech_item[] =
    "Senior technical leader (staff, principal, architect)";
static const char *const role_items[ROLE_COUNT] = {
    [ROLE_EXECUTIVE] = "Executive",
    [ROLE_MANAGER] = "Manager or team lead",
    [ROLE_SENIOR_TECH] = senior_tech_item,
    [ROLE_INDIVIDUAL] = "Individual contributor",
};

static void view_profile(const struct app *app, struct step_view *v)
{
	const struct session_state *s = &app->session;
	v->context = "About you";
	switch (s->step) {
	case STEP_NAME:
		v->text = "Your name, or an alias";
		if (s->invitation.id != 0) {
			/* fixed by the invitation: shown, not asked */
			static char help[400];
			snprintf(help, sizeof(help),
				 "From your invitation: %s, %s, %s track. "
				 "Leave the name empty to stay anonymous; "
				 "your invitation code brings you back to "
				 "these answers.",
				 s->department, role_label(s->role),
				 track_name(s->track));
			v->help = help;
		} else
			v->help =
			    app->kiosk.on
				? "Leave it empty to stay anonymous."
				: "Leave it empty to stay anonymous. Either "
				  "way you get a resume key to come back "
				  "to your answers later.";
		v->field = (char *)s->name;
		v->field_size = sizeof(s->name);
		break;
	case STEP_DEPARTMENT:
		v->text = "Your department";
		if (department_is_typed(app)) {
			v->field = (char *)s->department;
			v->field_size = sizeof(s->department);
			if (s->department_other)
				v->help = "Type it as your colleagues call it; "
					  "Esc goes back to the list.";
			break;
		}
		/* the round's list, and a way out for a team not on it */
		v->count = app->round.ndepartments + 1;
		v->owned = xcalloc((size_t)v->count, sizeof(char *));
		for (int i = 0; i < app->round.ndepartments; i++)
			v->owned[i] = app->round.departments[i];
		v->owned[v->count - 1] = other_department;
		v->items = v->owned;
		break;
	case STEP_ROLE:
		v->text = "Your role";
		v->items = role_items;
		v->count = ROLE_COUNT;
		break;
	case STEP_TRACK:
		v->text = "Which describes your work best?";
		v->help = "Some questions differ between the two: technical "
			  "teams and citizen builders need different things.";
		v->items = track_items;
		v->count = TRACK_COUNT;
		if (s->role == ROLE_EXECUTIVE) {
			v->text = "Which organisation do you lead?";
			v->help = "Some questions differ between technical "
				  "teams and the rest of the business; this "
				  "picks the ones that fit your part.";
			v->items = executive_track_items;
		}
		break;
	case STEP_CONTACT:
		v->text = "May the facilitator list you as a contact for "
			  "colleagues, should you turn out to be an AI "
			  "champion?";
		v->help = "Only people who say yes are ever named in a "
			  "report; everyone else stays anonymous.";
		v->items = contact_items;
		v->count = 2;
		break;
	}
}

static void view_question(const struct app *app, struct step_view *v)
{
	int i = session_question(app);
	const struct qn_question *qq = &app->q->questions[i];
	v->text = qq->text;
	v->help = qq->help;
	v->context = qq->dimension >= 0
			 ? app->q->dimensions[qq->dimension].label
		     : qq->type == QTYPE_ESTIMATE ? "Your estimate"
		     : qq->type == QTYPE_COMMENT  ? "Your comment (optional)"
						  : "";
	v->answered = app->session.choices[i] - 1;
	if (qq->type == QTYPE_ESTIMATE)
		return;
	if (qq->type == QTYPE_COMMENT) {
		v->field = (char *)app->session.comment;
		v->field_size = (size_t)qq->max_length + 1;
		v->comment = true;
		return;
	}
	v->owned = xcalloc((size_t)qq->nchoices, sizeof(char *));
	for (int c = 0; c < qq->nchoices; c++)
		v->owned[c] = qq->choices[c].text ? qq->choices[c].text : "";
	v->items = v->owned;
	v->count = qq->nchoices;
}

static void view_of(const struct app *app, struct step_view *v)
{
	memset(v, 0, sizeof(*v));
	v->answered = -1;
	if (session_on_question(app))
		view_question(app, v);
	else
		view_profile(app, v);
}

static void draw_context(struct app *app, const struct step_view *v)
{
	struct session_state *s = &app->session;
	char where[64];
	int width = COLS - 4;
	if (!session_on_question(app)) {
		/* with an invitation only the name and consent are asked */
		if (s->invitation.id != 0)
			snprintf(where, sizeof(where), "About you  %d / 2",
				 s->step == STEP_NAME ? 1 : 2);
		else
			snprintf(where, sizeof(where), "About you  %d / %d",
				 s->step + 1, PROFILE_STEPS);
		draw_line(2, 2, width, where, A_BOLD);
		return;
	}
	int i = session_question(app);
	int pos = flow_position(app->q, s->track, s->role, i);
	int total = flow_count(app->q, s->track, s->role);
	snprintf(where, sizeof(where), "%d / %d", pos, total);
	int x = 2;
	draw_line(2, x, width, where, A_BOLD);
	x += textwrap_width(where) + 2;
	int bar = COLS / 4;
	draw_bar(app, 2, x, bar, total > 0 ? (double)pos / total : 0,
		 draw_attr(app, TONE_BAR));
	x += bar + 2;
	draw_line(2, x, COLS - x - 2, v->context, draw_attr(app, TONE_DIM));
}

static void draw_field(struct app *app, int y, const char *value)
{
	int width = COLS - 8;
	mvaddstr(y, 2, draw_marker(app));
	attron(A_UNDERLINE);
	mvhline(y, 4, ' ', width);
	/* show the end of a long value, where the typing happens */
	const char *shown = value;
	while (textwrap_width(shown) > width - 1)
		shown++;
	while ((*shown & 0xC0) == 0x80)
		shown++;
	mvaddstr(y, 4, shown);
	attroff(A_UNDERLINE);
	curs_set(1);
}

/* A comment wraps over a few lines, its end in view, with how much room
 * is left: nobody should lose words to a limit they could not see. */
static void draw_comment(struct app *app, int y, int rows, const char *value,
			 size_t size)
{
	int width = COLS - 8;
	if (rows > 6)
		rows = 6;
	if (rows < 2)
		rows = 2;
	attron(A_UNDERLINE);
	for (int r = 0; r < rows - 1; r++)
		mvhline(y + r, 4, ' ', width);
	attroff(A_UNDERLINE);
	mvaddstr(y, 2, draw_marker(app));
	char left[96];
	snprintf(left, sizeof(left),
		 "%zu of %zu bytes used. Optional: Enter on an empty field "
		 "goes on.",
		 strlen(value), size - 1);
	draw_line(y + rows - 1, 4, width, left, draw_attr(app, TONE_DIM));
	/* drawn last, so that the cursor stays where the typing goes */
	int height = draw_wrapped_height(value, width - 1);
	int skip = height > rows - 1 ? height - (rows - 1) : 0;
	move(y, 4);
	draw_wrapped_from(y, 4, width - 1, skip, rows - 1, value, A_UNDERLINE);
	curs_set(1);
}

static int estimate_sum(const struct app *app, int pct[3])
{
	int sum = 0;
	for (int f = 0; f < 3; f++) {
		pct[f] = atoi(app->session.fields[f]);
		sum += pct[f];
	}
	return sum;
}

static void draw_estimate(struct app *app, int y)
{
	int label = 42;
	if (label > COLS - 16)
		label = COLS - 16;
	for (int f = 0; f < 3; f++) {
		bool on = f == app->session.field;
		int attr = on ? draw_attr(app, TONE_SELECTED) : (int)A_NORMAL;
		mvaddstr(y + f, 2, on ? draw_marker(app) : " ");
		draw_line(y + f, 4, label, estimate_parts[f], attr);
		mvprintw(y + f, 5 + label, "[%3s ] %%", app->session.fields[f]);
	}
	int pct[3];
	int sum = estimate_sum(app, pct);
	bool ready = sum == 100;
	char line[80];
	snprintf(line, sizeof(line), "Sum %3d %%  %s", sum,
		 ready ? "ready: Enter confirms" : "must be 100 to go on");
	draw_line(y + 4, 4, COLS - 8, line,
		  draw_attr(app, ready ? TONE_ANSWERED : TONE_WARNING));
	/* the cursor sits after the right-aligned number being typed */
	move(y + app->session.field, 5 + label + 4);
	curs_set(1);
}

static const char *hints_for(const struct app *app, const struct step_view *v)
{
	if (v->field != NULL)
		return "Type, then Enter   Esc back   F1 help";
	if (session_on_question(app) && v->items == NULL)
		return "0-9 type   Tab next   Enter confirm   b back   ? help  "
		       " q leave|0-9 Tab Enter  b back  ? help  q leave";
	return "Up/Down move   1-9 choose   Enter confirm   b back   ? help  "
	       " q leave|1-9 choose  Enter ok  b back  ? help  q leave";
}

static void step_draw(struct app *app)
{
	struct step_view v;
	view_of(app, &v);
	char right[48];
	snprintf(right, sizeof(right), "Round %s", app->round.code);
	curs_set(0);
	draw_frame(app, app->q->title, right, hints_for(app, &v));
	draw_context(app, &v);

	int width = COLS - 4, y = 4, bottom = LINES - 2;
	y += draw_wrapped(y, 2, width, (bottom - y) / 2, v.text, A_BOLD) + 1;
	/* the choices come first; help gets what room they leave */
	int needed = v.items	 ? draw_choices_height(v.items, v.count, width)
		     : v.comment ? 4
		     : v.field	 ? 1
				 : 5;
	int help_room = bottom - y - needed - 1;
	if (v.help != NULL && help_room > 0)
		y += draw_wrapped(y, 2, width, help_room, v.help,
				  draw_attr(app, TONE_DIM)) +
		     1;
	if (v.comment)
		draw_comment(app, y, bottom - y, v.field, v.field_size);
	else if (v.field != NULL)
		draw_field(app, y, v.field);
	else if (v.items != NULL)
		draw_choices(app, y, 2, width, bottom - y, v.items, v.count,
			     app->session.sel, v.answered);
	else
		draw_estimate(app, y);
	free(v.owned);
}

/* Append one typed character (UTF-8) to a text field. */
static void field_type(char *field, size_t size, wint_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t n = wcrtomb(mb, (wchar_t)wc, &st);
	size_t len = strlen(field);
	if (n == (size_t)-1 || len + n >= size)
		return;
	memcpy(field + len, mb, n);
	field[len + n] = '\0';
}

/* Remove the last character (all its UTF-8 bytes). */
static bool field_erase(char *field)
{
	size_t len = strlen(field);
	if (len == 0)
		return false;
	while (len > 0 && (field[len - 1] & 0xC0) == 0x80)
		len--;
	field[len > 0 ? len - 1 : 0] = '\0';
	return true;
}

static void trim(char *s)
{
	size_t len = strlen(s), start = 0;
	while (s[start] == ' ')
		start++;
	while (len > start && s[len - 1] == ' ')
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
}

/* A typed department that is a listed one in another case becomes the
 * listed one; one close to a listed one is questioned once. */
static bool typed_department_ok(struct app *app)
{
	struct session_state *s = &app->session;
	const char *const *listed = (const char *const *)app->round.departments;
	for (int i = 0; i < app->round.ndepartments; i++)
		if (strcasecmp(s->department, listed[i]) == 0) {
			snprintf(s->department, sizeof(s->department), "%s",
				 listed[i]);
			s->department_other = false;
			return true;
		}
	const char *near =
	    util_closest_word(s->department, listed, app->round.ndepartments);
	if (near == NULL || strcmp(s->department, s->department_warned) == 0)
		return true;
	snprintf(s->department_warned, sizeof(s->department_warned), "%s",
		 s->department);
	tui_status(app, true,
		   "'%s' is not on the list: did you mean %s? Enter again "
		   "keeps what you typed.",
		   s->department, near);
	return false;
}

static void go_back(struct app *app)
{
	struct session_state *s = &app->session;
	/* from the typed "Other" department back to the list */
	if (s->step == STEP_DEPARTMENT && s->department_other) {
		s->department_other = false;
		s->sel = app->round.ndepartments;
		return;
	}
	/* a question (or the profile) opened from the review goes back to
	 * it, unchanged */
	if (s->back_to_review &&
	    (session_on_question(app) || s->step == STEP_NAME)) {
		s->back_to_review = false;
		app->screen = SCREEN_REVIEW;
		return;
	}
	if (!session_on_question(app)) {
		if (s->step > STEP_NAME)
			session_goto(app, s->step - 1);
		else if (app->kiosk.on)
			session_leave(app);
		else if (app->has_home)
			app->screen = SCREEN_HOME;
		else
			app->quit =
			    true; /* leave: what was answered is saved */
		return;
	}
	int prev = flow_prev(app->q, s->track, s->role, session_question(app));
	session_goto(app, prev < 0 ? STEP_CONTACT : PROFILE_STEPS + prev);
}

static void confirm_profile(struct app *app)
{
	switch (app->session.step) {
	case STEP_NAME:
		trim(app->session.name);
		break;
	case STEP_DEPARTMENT:
		if (!department_is_typed(app) &&
		    app->session.sel == app->round.ndepartments) {
			app->session.department_other = true;
			app->session.department[0] = '\0';
			return; /* the same step, now a text field */
		}
		if (department_is_typed(app)) {
			trim(app->session.department);
			if (app->session.department[0] == '\0') {
				tui_status(app, true,
					   "Please type your department.");
				return;
			}
			if (!typed_department_ok(app))
				return;
		} else {
			snprintf(app->session.department,
				 sizeof(app->session.department), "%s",
				 app->round.departments[app->session.sel]);
		}
		break;
	case STEP_ROLE:
		app->session.role = (enum role)app->session.sel;
		break;
	case STEP_TRACK:
		app->session.track = (enum track)app->session.sel;
		break;
	case STEP_CONTACT:
		app->session.contact = app->session.sel == 0;
		session_profile_done(app);
		return;
	}
	session_goto(app, app->session.step + 1);
}

static void confirm(struct app *app)
{
	if (!session_on_question(app)) {
		confirm_profile(app);
		return;
	}
	const struct qn_question *qq =
	    &app->q->questions[session_question(app)];
	if (qq->type == QTYPE_COMMENT) {
		session_answer_comment(app);
		return;
	}
	if (qq->type != QTYPE_ESTIMATE) {
		session_answer(app, app->session.sel + 1);
		return;
	}
	int pct[3];
	int sum = estimate_sum(app, pct);
	if (sum != 100)
		tui_status(app, true,
			   "The three parts add up to %d %%; they "
			   "must make 100 %% before you go on.",
			   sum);
	else
		session_answer_estimate(app, pct);
}

static bool key_text_field(struct app *app, char *field, size_t size,
			   const struct tui_key *k)
{
	if (k->action == ACTION_CONFIRM) {
		confirm(app);
	} else if (!k->function && k->code == 27) {
		go_back(app);
	} else if ((k->function && k->code == KEY_BACKSPACE) ||
		   (!k->function && (k->code == 127 || k->code == '\b'))) {
		if (!field_erase(field))
			go_back(app);
	} else if (!k->function && k->code >= ' ') {
		field_type(field, size, (wint_t)k->code);
	} else {
		return false;
	}
	return true;
}

static bool key_estimate(struct app *app, const struct tui_key *k)
{
	struct session_state *s = &app->session;
	char *field = s->fields[s->field];
	if (!k->function && k->code >= '0' && k->code <= '9') {
		size_t len = strlen(field);
		if (len < 3 && !(len == 1 && field[0] == '0')) {
			field[len] = (char)k->code;
			field[len + 1] = '\0';
			if (atoi(field) > 100)
				field[len] = '\0';
		}
		return true;
	}
	switch (k->action) {
	case ACTION_NEXT:
	case ACTION_DOWN:
		s->field = (s->field + 1) % 3;
		return true;
	case ACTION_PREVIOUS:
	case ACTION_UP:
		s->field = (s->field + 2) % 3;
		return true;
	case ACTION_BACK:
		if (k->code == 'b' || k->code == 27 || !field_erase(field))
			go_back(app);
		return true;
	default:
		return false;
	}
}

static bool step_key(struct app *app, const struct tui_key *k)
{
	struct session_state *s = &app->session;
	struct step_view v;
	view_of(app, &v);
	free(v.owned);
	if (v.field != NULL)
		return key_text_field(app, v.field, v.field_size, k);
	if (v.items == NULL && key_estimate(app, k))
		return true;
	switch (k->action) {
	case ACTION_UP:
		if (v.items != NULL && s->sel > 0)
			s->sel--;
		return true;
	case ACTION_DOWN:
		if (v.items != NULL && s->sel < v.count - 1)
			s->sel++;
		return true;
	case ACTION_CHOOSE:
		if (v.items == NULL || k->code - '1' >= v.count)
			return false;
		s->sel = k->code - '1';
		confirm(app);
		return true;
	case ACTION_CONFIRM:
		confirm(app);
		return true;
	case ACTION_BACK:
		go_back(app);
		return true;
	case ACTION_REVIEW:
		if (s->response.id == 0)
			return false;
		app->screen = SCREEN_REVIEW;
		return true;
	default:
		return false;
	}
}

/* A name or a typed department: letters, ? and q among them, are text. */
static bool step_typing(const struct app *app)
{
	struct step_view v;
	view_of(app, &v);
	free(v.owned);
	return v.field != NULL;
}

/* What the help lists here. */
static const enum action step_keys[] = {
    ACTION_UP,	 ACTION_DOWN,	  ACTION_CHOOSE, ACTION_CONFIRM, ACTION_BACK,
    ACTION_NEXT, ACTION_PREVIOUS, ACTION_REVIEW, ACTION_NONE};

const struct screen_ops screen_step = {.draw = step_draw,
				       .key = step_key,
				       .leave = session_leave,
				       .typing = step_typing,
				       .help = true,
				       .keys = step_keys};
