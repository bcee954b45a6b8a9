/* pvi_site_list.h — the list of sites: one search across the identifiers a
 * person types, filters, sorts and keyset paging that stays stable while
 * sites change (libpvi/src/db/site_list.c, site_cursor.c).
 *
 * What the list shows and searches is each site's working content: its
 * published revision once it has one (online, suspended, closed after
 * publication), its draft before. A proposal waiting in a change request is
 * not searched: the list says what the site is, the site page what it may
 * become. The search columns follow that content in the same statement as
 * every write of a site (schema/002_site_search.sql).
 *
 * The search text q matches, ignoring case and accents, any part of: the
 * business name, the slug, the city, the domains, the customer number and
 * the SIRET. A phone number typed in any French format ("02 99 12 34 56",
 * "0299123456", "+33 2 99 12 34 56"; pvi_phone_normalize) finds the site
 * whose content has it (stored in E.164); a text made of digits and
 * separators (spaces, dots, hyphens) is searched without its separators, so
 * a SIRET typed "732 829 320 00074" or a part of a phone after its country
 * code ("99 12 34 56") is found.
 *
 * Paging is by keyset: a page is the sites after (or before) a cursor made
 * of a row's sort key and id, never an offset, so a site inserted, removed
 * or changed elsewhere in the order neither shifts a page nor makes a row
 * appear twice. Cursors are opaque text for URLs (base64url: [A-Za-z0-9_-]);
 * a cursor belongs to its sort and direction. */
#ifndef PVI_SITE_LIST_H
#define PVI_SITE_LIST_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>


enum pvi_site_sort {
    PVI_SITE_SORT_NEWEST,  /* by id (creation order); the default: descending */
    PVI_SITE_SORT_NAME,    /* business name, without case or accents */
    PVI_SITE_SORT_CHANGED, /* last change (updated_at) */
    PVI_SITE_SORT_STATE,   /* lifecycle order: ordered … closed */
};

/* PVI_SORT_NATURAL is the sort's own direction: newest first, the most
 * recently changed first, A to Z, the lifecycle order. */
enum pvi_sort_dir {
    PVI_SORT_NATURAL,
    PVI_SORT_ASC,
    PVI_SORT_DESC,
};

/* "newest", "name", "changed", "state"; parse gives 0, or -1 for another name. */
const char *pvi_site_sort_name(enum pvi_site_sort s);
int pvi_site_sort_parse(enum pvi_site_sort *out, const char *name);

/* 0 when text has the shape of a cursor of pvi_site_list (any sort), -1
 * otherwise: a field validator for the offices and the API. */
int pvi_site_cursor_check(const char *text);

/* The shortest search, in characters (after a phone's or a number's
 * separators are dropped): shorter ones are refused ("q"). */
#define PVI_SITE_SEARCH_MIN 3

/* At most this many matches are counted (beyond: "more than"). */
#define PVI_SITE_COUNT_CAP 2000

struct pvi_site_filter {
    int state;             /* -1: any, else enum pvi_site_state */
    const char *q;         /* the search (above); NULL or blank: any */
    long long operator_id; /* 0: any */
    long long client_id;   /* 0: any (forced to the client for a client actor) */
    const char *charter;   /* a charter's name; NULL or "": any */
    int pending;           /* non-zero: only sites with a pending change request */
    enum pvi_site_sort sort;
    enum pvi_sort_dir dir;
    const char *after;  /* cursor: the page after the row it names; NULL: the first page */
    const char *before; /* cursor: the page before the row it names */
    int last;           /* the last page (after and before unset) */
    int limit;          /* 1..200 (default 50) */
    int count;          /* also count the matches, up to PVI_SITE_COUNT_CAP */
};

/* One page of the sites visible to the actor, as
 *   {"sites": [{"id","slug","business_name","state","version","customer_number",
 *               "operator","operator_id","city","charter","pending","updated_at"}, …],
 *    "sort": "name"…, "descending": bool (the direction applied),
 *    "next": cursor | null, "previous": cursor | null,
 *    "count": n, "count_capped": bool}   (count and count_capped with filter->count)
 * in the order asked. "next" is set when rows follow the page, "previous"
 * when rows precede it (a page reached through a cursor always has the page
 * it came from). "operator" is the display name or null, "operator_id" 0
 * when none, "charter" the name or null, "pending" whether a change request
 * waits. *out belongs to the caller.
 * PVI_ACT_LIST_SITES (PVI_FORBIDDEN for an integrator without sites:read);
 * a client gets only their own sites, whatever the filter says.
 * PVI_VALIDATION, nothing read, with errs (may be NULL) naming the field:
 * "after" / "before" for a cursor that does not parse or belongs to another
 * sort or direction, "charter" for a charter that does not exist, "q" for
 * a search shorter than PVI_SITE_SEARCH_MIN. */
enum pvi_code pvi_site_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                            const struct pvi_site_filter *filter, struct pvi_errors *errs);

#endif
