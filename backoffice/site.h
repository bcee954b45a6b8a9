/* site.h — what the files of the site page share (site.c, site_format.c,
 * site_publication.c, site_history.c, site_diff.c, site_actions.c,
 * site_decide.c, site_restore.c): loading the site of the path, the words
 * of states, channels and roles, the content as the public reads it, the
 * diff table and the decision forms. Presentation only: every verdict comes
 * from libpvi. */
#ifndef PVI_BACKOFFICE_SITE_H
#define PVI_BACKOFFICE_SITE_H

#include "backoffice.h"

#include "pvi/pvi_site.h"
#include "pvi/pvi_site_actions.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <jansson.h>

/* ---- site.c ---- */

/* The site of the path's {id} as the actor may read it: 0 with *out set
 * (pvi_site_free), or -1 after answering the error page (404…). */
int bo_site_load(struct pvi_site **out, struct pvi_http_request *req);
/* "/sites/<id><suffix>" into out (64 bytes). */
void bo_site_href(char out[static 64], long long id, const char *suffix);
/* The facts of the site's current state (state, reason, operator, version,
 * revisions, pending request) under parent. */
void bo_site_state_facts(struct pvi_view *v, struct pvi_vnode *parent, const struct pvi_site *s);

/* ---- site_format.c: words and readable values ---- */

const char *bo_state_text(enum pvi_lang lang, enum pvi_site_state s);
/* A channel or role as stored ("phone", "admin"); the name itself when unknown. */
const char *bo_channel_text(enum pvi_lang lang, const char *channel);
const char *bo_role_text(enum pvi_lang lang, const char *role);
/* An ISO 8601 UTC time ("2026-12-01T10:00:00Z") as "01/12/2026 10:00 UTC"
 * (English: "2026-12-01 10:00 UTC"); a date ("2026-08-10") as "10/08/2026";
 * into out (40 bytes); "" for NULL. */
const char *bo_time_text(char out[static 40], enum pvi_lang lang, const char *iso);

/* The content's top-level fields in the order of the public site. */
extern const char *const bo_content_fields[];
extern const size_t bo_content_nfields;
/* The label of a field (PVI_MSG_NONE for a field the list does not know). */
enum pvi_msg bo_field_label(const char *field);
/* The label as text: the catalog's, or the key itself. */
const char *bo_field_label_text(enum pvi_lang lang, const char *field);
/* A field's value as the public reads it, one line per item (phones
 * formatted, reference codes as labels, hours per day, prices in euros);
 * NULL or an empty value gives the "not given" text. A new string (free). */
char *bo_field_text(enum pvi_lang lang, const char *field, const json_t *value);

/* A column of a table (pvi_view_column, not sortable). */
struct bo_column {
    const char *key;
    enum pvi_msg label;
    int numeric;
};
/* A table with its caption and columns. */
struct pvi_vnode *bo_table(struct pvi_view *v, struct pvi_vnode *parent, enum pvi_msg caption,
                           const struct bo_column *cols, size_t ncols);
#define BO_TABLE(v, parent, caption, cols) bo_table(v, parent, caption, cols, PVI_COUNT_OF(cols))
/* A cell holding one of two catalog messages. */
void bo_cell_choice(struct pvi_view *v, struct pvi_vnode *row, int which, enum pvi_msg yes,
                    enum pvi_msg no);

/* ---- site_diff.c ---- */

/* The <diff> of pvi_revision_diff's answer (docs/views.md), before = a,
 * after = b; the "same content" paragraph when nothing differs. */
void bo_site_diff(struct pvi_view *v, struct pvi_vnode *parent, const json_t *diff, int a, int b);

/* ---- site_actions.c ---- */

/* What the admin typed in a decision form (NULL: nothing). */
struct bo_typed {
    const char *reason;
    const char *operator_id;
};
/* The route segment of a transition ("approuver"), NULL for one the back
 * office does not take (submit). */
const char *bo_action_path(enum pvi_transition t);
/* Its button's label (and the heading of its page). */
enum pvi_msg bo_action_label(enum pvi_transition t);
/* The form of decision t on the site (based on version), with what was
 * typed and the errors (may be NULL) next to their fields. */
void bo_site_action_form(struct pvi_view *v, struct pvi_vnode *parent, const struct pvi_site *s,
                         enum pvi_transition t, int version, const struct bo_typed *typed,
                         const struct pvi_errors *errs, const json_t *operators);
/* The decisions section of the site page: the forms of what libpvi allows
 * now, the reasons of what it refuses. */
void bo_site_actions_section(struct pvi_view *v, struct pvi_vnode *parent,
                             struct pvi_http_request *req, const struct pvi_site *s);

/* ---- site_decide.c ---- */

/* The page of one decision shown again (status): the site's current state,
 * notice (PVI_MSG_NONE: none), and the form with what was typed and the
 * errors — or, when libpvi no longer allows the decision, its reason. */
void bo_site_decision_page(struct pvi_http_request *req, const struct pvi_site *s,
                           enum pvi_transition t, const struct bo_typed *typed,
                           const struct pvi_errors *errs, enum pvi_msg notice, int status);

/* ---- site_publication.c, site_history.c: sections of the site page ---- */

void bo_site_publication_section(struct pvi_view *v, struct pvi_vnode *parent,
                                 struct pvi_http_request *req, const struct pvi_site *s);
void bo_site_revisions_section(struct pvi_view *v, struct pvi_vnode *parent,
                               struct pvi_http_request *req, const struct pvi_site *s);
/* A required select of the revisions of pvi_revision_list's answer, the
 * one numbered selected chosen. */
void bo_site_revision_select(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                             enum pvi_msg label, const json_t *revs, int selected);
void bo_site_provenance_section(struct pvi_view *v, struct pvi_vnode *parent,
                                struct pvi_http_request *req, const struct pvi_site *s);
void bo_site_calls_section(struct pvi_view *v, struct pvi_vnode *parent,
                           struct pvi_http_request *req, const struct pvi_site *s);
void bo_site_audit_section(struct pvi_view *v, struct pvi_vnode *parent,
                           struct pvi_http_request *req, const struct pvi_site *s);

#endif
