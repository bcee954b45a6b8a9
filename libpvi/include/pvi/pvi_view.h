/* pvi_view.h — building the XML views of the office pages (the vocabulary
 * is docs/views.md) and answering with the HTML the office stylesheet makes
 * of them.
 *
 * A view is a libxml2 document built through these helpers: every text and
 * attribute is escaped when written, and what XML cannot carry is dropped,
 * so no input can inject markup. Texts come from the message catalog in the
 * request's language (pvi_view_msg) or from data (pvi_view_el); a handler
 * never writes a sentence of its own.
 *
 * Ownership: a view belongs to its builder until pvi_view_reply(), which
 * renders, answers and frees it (pvi_view_free() when it is abandoned).
 * Nodes belong to their view. Message arguments are name, value pairs of
 * strings ended by NULL. */
#ifndef PVI_VIEW_H
#define PVI_VIEW_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_http.h"
#include "pvi/pvi_msg.h"
#include "pvi/pvi_refdata.h"

#include <jansson.h>
#include <stddef.h>

struct pvi_view;
struct pvi_vnode; /* an element of a view */

/* The page of the request's office (docs/views.md "The page"): head with
 * the title, header with the office, the user and their role, the
 * navigation (the current entry marked), the logout button and the
 * language switch, the flash message of the previous request, the labels
 * of the layout, and an empty main. title is a catalog message. */
struct pvi_view *pvi_view_page(struct pvi_http_request *req, enum pvi_msg title);
/* A view of no request, in lang: a page with an empty main and nothing
 * else, for building parts of pages outside an office (the tests of
 * components). It has no CSRF token (pvi_view_form and
 * pvi_view_button_form may not be used on it) and cannot be replied:
 * pvi_view_xml, then pvi_view_free. */
struct pvi_view *pvi_view_detached(enum pvi_lang lang);
/* The page reloads itself after seconds (a progress page, without
 * JavaScript: <head><refresh seconds="…"/></head>). */
void pvi_view_refresh(struct pvi_view *v, int seconds);
/* Replaces the page's title by catalog message m with its arguments
 * ("Site {name}"). */
void pvi_view_title(struct pvi_view *v, enum pvi_msg m, ...) __attribute__((sentinel));
/* NULL is a no-op. */
void pvi_view_free(struct pvi_view *v);
/* The view's language and main element. */
enum pvi_lang pvi_view_lang(const struct pvi_view *v);
struct pvi_vnode *pvi_view_main(struct pvi_view *v);

/* ---- elements ---- */

/* A new child element of parent, holding text (NULL: none). */
struct pvi_vnode *pvi_view_el(struct pvi_vnode *parent, const char *name, const char *text);
/* The same with a catalog message as text, in the view's language. */
struct pvi_vnode *pvi_view_msg(struct pvi_view *v, struct pvi_vnode *parent, const char *name,
                               enum pvi_msg m, ...) __attribute__((sentinel));
/* Sets an attribute (value NULL: nothing). */
void pvi_view_attr(struct pvi_vnode *n, const char *name, const char *value);
/* Sets an attribute to a catalog message. */
void pvi_view_attr_msg(struct pvi_view *v, struct pvi_vnode *n, const char *name, enum pvi_msg m);
/* Sets an attribute to a number. */
void pvi_view_attr_int(struct pvi_vnode *n, const char *name, long long value);
/* A <link href> with a catalog message. */
struct pvi_vnode *pvi_view_link(struct pvi_view *v, struct pvi_vnode *parent, const char *href,
                                enum pvi_msg m);
/* A <fact label="…">value</fact> of a <facts> list. */
struct pvi_vnode *pvi_view_fact(struct pvi_view *v, struct pvi_vnode *facts, enum pvi_msg label,
                                const char *value);

/* ---- forms (docs/views.md "Forms") ---- */

/* A <form id action method>; a post form gets a fresh CSRF token. */
struct pvi_vnode *pvi_view_form(struct pvi_view *v, struct pvi_vnode *parent, const char *id,
                                const char *action, const char *method);
/* A field element (text, textarea, select, checkboxes, radios, checkbox,
 * hidden) named name, with its label (legend for groups) from the catalog
 * and the value typed (NULL: none; never shown for passwords by the
 * stylesheet). For "text", type is the input type ("text", "email",
 * "password"…; NULL: text). */
struct pvi_vnode *pvi_view_field(struct pvi_view *v, struct pvi_vnode *form, const char *element,
                                 const char *name, enum pvi_msg label, const char *type,
                                 const char *value);
/* A hidden input. */
void pvi_view_hidden(struct pvi_vnode *form, const char *name, const char *value);
/* An <option value>label</option> of a select, checkboxes or radios;
 * selected marks it (selected / checked). label is data (a reference list). */
struct pvi_vnode *pvi_view_option(struct pvi_vnode *field, const char *value, const char *label,
                                  int selected);
/* The form's <actions> and a <submit kind> button in them. */
struct pvi_vnode *pvi_view_actions(struct pvi_vnode *form);
struct pvi_vnode *pvi_view_submit(struct pvi_view *v, struct pvi_vnode *actions, enum pvi_msg label,
                                  const char *kind);
/* A one-button form (logout, a workflow action). */
struct pvi_vnode *pvi_view_button_form(struct pvi_view *v, struct pvi_vnode *parent,
                                       const char *action, enum pvi_msg label, const char *kind);
/* Puts every error of errs on the field of form that has its path as name
 * (its message, in the view's language, as the field's error); the errors
 * of no field (path "", or a path no field has) become form-level errors. */
void pvi_view_form_errors(struct pvi_view *v, struct pvi_vnode *form,
                          const struct pvi_errors *errs);
/* A form-level error with a catalog message (no field). */
void pvi_view_form_error(struct pvi_view *v, struct pvi_vnode *form, enum pvi_msg m);

/* ---- components built from libpvi's data ---- */

/* A select of a reference list (pvi_refdata.h): an empty first option
 * (with the label "none", a catalog message) unless required, then every
 * entry, the one whose code is selected marked. */
struct pvi_vnode *pvi_view_select_list(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                                       enum pvi_msg label, enum pvi_reflist list,
                                       const char *selected, int required, enum pvi_msg none);
/* A select of the directory headings (the activities). */
struct pvi_vnode *pvi_view_select_activity(struct pvi_view *v, struct pvi_vnode *form,
                                           const char *name, enum pvi_msg label,
                                           const char *selected, enum pvi_msg none);
/* A checkbox group of a reference list, the codes of checked (a JSON array
 * of strings; NULL: none) checked. */
struct pvi_vnode *pvi_view_checkboxes_list(struct pvi_view *v, struct pvi_vnode *form,
                                           const char *name, enum pvi_msg legend,
                                           enum pvi_reflist list, const json_t *checked);
/* The weekly hours grid (docs/views.md) of a content's hours object
 * ({"mon": [{"open": "09:00", "close": "12:00"}, …], …}; NULL: none), with
 * at least slots empty slots' worth of room per day (days keep all their
 * intervals, plus one empty slot when they have fewer than slots). */
struct pvi_vnode *pvi_view_hours(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                                 enum pvi_msg legend, const json_t *hours, size_t slots);
/* Repeated rows (docs/views.md): the group; a row, whose legend is
 * row_legend with {n} its number from 1 (its fields go in the row, then its
 * remove button); the add button, given only while more rows are allowed. */
struct pvi_vnode *pvi_view_repeat(struct pvi_view *v, struct pvi_vnode *form, const char *name,
                                  enum pvi_msg legend);
struct pvi_vnode *pvi_view_repeat_row(struct pvi_view *v, struct pvi_vnode *repeat, size_t index,
                                      enum pvi_msg row_legend);
void pvi_view_repeat_remove(struct pvi_view *v, struct pvi_vnode *row, enum pvi_msg remove);
void pvi_view_repeat_add(struct pvi_view *v, struct pvi_vnode *repeat, enum pvi_msg add);

/* ---- tables (docs/views.md "Tables and paging") ---- */

struct pvi_vnode *pvi_view_table(struct pvi_view *v, struct pvi_vnode *parent,
                                 enum pvi_msg caption);
/* A column: sort_href (NULL: not sortable), sorted "asc" / "desc" / NULL,
 * numeric columns right-aligned. */
struct pvi_vnode *pvi_view_column(struct pvi_view *v, struct pvi_vnode *table, const char *key,
                                  enum pvi_msg label, const char *sort_href, const char *sorted,
                                  int numeric);
struct pvi_vnode *pvi_view_row(struct pvi_vnode *table);
/* A cell holding text (data), a link when href is given. */
struct pvi_vnode *pvi_view_cell(struct pvi_vnode *row, const char *text, const char *href);
/* What the table says when it has no row. */
void pvi_view_table_empty(struct pvi_view *v, struct pvi_vnode *table, enum pvi_msg m);
/* Paging links (either may be NULL) and a status message with arguments. */
struct pvi_vnode *pvi_view_paging(struct pvi_view *v, struct pvi_vnode *parent,
                                  const char *previous_href, const char *next_href,
                                  enum pvi_msg status, ...) __attribute__((sentinel));

/* ---- answering ---- */

/* Renders v with the office stylesheet and answers with status (HTML,
 * no-store); frees v. On a rendering failure, a plain 500. */
void pvi_view_reply(struct pvi_http_request *req, struct pvi_view *v, int status);

/* The view as XML text (tests, debugging); free() it. */
char *pvi_view_xml(const struct pvi_view *v);

#endif
