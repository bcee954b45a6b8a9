/* pvi_refdata.h — reference lists: directory headings, payment methods,
 * spoken languages, phone kinds, weekdays and the social-network hosts.
 *
 * Every list is a static, immutable table compiled into libpvi: nothing here
 * allocates, every returned pointer stays valid for the life of the program
 * and must not be freed. All functions are thread-safe. Lookups are exact
 * (byte-for-byte, case-sensitive) and take NULL as "not found".
 *
 * The lists are returned in display order, so a UI can render a select box
 * by iterating from 0 to count - 1. */
#ifndef PVI_REFDATA_H
#define PVI_REFDATA_H

#include <stddef.h>

/* One entry of a code/label list: a stable machine code (stored in the
 * content documents) and its French label (shown to users). */
struct pvi_refitem {
    const char *code;
    const char *label;
};

/* The code/label lists. */
enum pvi_reflist {
    PVI_REF_PAYMENT,    /* payment methods: "cb", "especes", "cheque", … */
    PVI_REF_LANGUAGE,   /* spoken languages, ISO 639-1: "fr", "en", … */
    PVI_REF_PHONE_KIND, /* "fixed", "mobile", "fax" */
    PVI_REF_WEEKDAY,    /* "mon" … "sun", Monday first (ISO 8601 order) */
    PVI__REF_COUNT
};

/* Number of entries in list; 0 for an unknown list. */
size_t pvi_refdata_count(enum pvi_reflist list);
/* Entry i of list, or NULL when i or list is out of range. */
const struct pvi_refitem *pvi_refdata_at(enum pvi_reflist list, size_t i);
/* Position of code in list, or -1 when it is not there (or code is NULL). */
int pvi_refdata_index(enum pvi_reflist list, const char *code);
/* French label of code, or NULL when code is not in list. */
const char *pvi_refdata_label(enum pvi_reflist list, const char *code);
/* 1 when code is in list, else 0. */
int pvi_refdata_exists(enum pvi_reflist list, const char *code);

/* Directory headings ("activités"): the French labels are also the stored
 * values ("Plombier", "Boulangerie-pâtisserie"), UTF-8, unique. */
size_t pvi_refdata_activity_count(void);
/* Heading i, or NULL when i is out of range. */
const char *pvi_refdata_activity_at(size_t i);
/* 1 when name is exactly one of the headings, else 0. */
int pvi_refdata_activity_exists(const char *name);

/* Social networks: the allow-list of hosts a social link may point to
 * (lower case, exact host names, no wildcard). */
size_t pvi_refdata_social_host_count(void);
/* Host i ("www.facebook.com"), or NULL when i is out of range. */
const char *pvi_refdata_social_host_at(size_t i);
/* 1 when host (already lower-cased) is on the allow-list, else 0. */
int pvi_refdata_social_host_allowed(const char *host);
/* The network a host belongs to, as a stable key that charters use to pick
 * an icon ("facebook", "instagram", "linkedin", "x", "youtube", "tiktok",
 * "pinterest", "tripadvisor", "vimeo", "threads"); NULL when not allowed. */
const char *pvi_refdata_social_network(const char *host);

#endif
