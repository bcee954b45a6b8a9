/* pvi_publish_status.h — what the public is served for one site, against
 * what PostgreSQL says it should be served: the revision published, the
 * route Redis holds for each host (pvi_route.h), and the site's last
 * publication job (pvi_publish.h). For the back office's site page and for
 * anyone who wants to know why a site shows what it shows. */
#ifndef PVI_PUBLISH_STATUS_H
#define PVI_PUBLISH_STATUS_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_error.h"
#include "pvi/pvi_publish.h"

#include <jansson.h>

/* The publication status of site_id, as a new JSON object (the caller's,
 * json_decref):
 *   {"state": "online", "slug": "…",
 *    "published_revision": 4,          0: never published
 *    "should_route": true,             online or suspended with a published revision
 *    "expected_route": "o"|"s"|null,   the state the hosts should be served in
 *    "expected_document": "sites/0/12-4.xml"|null,
 *    "redis": "ok"|"unavailable",      the hosts below are empty when unavailable
 *    "generation": 17,                 the job Redis last applied for the site, 0: none
 *    "hosts": [{"host": "…",
 *               "expected": true,      a host of the published revision (its domains
 *                                      and <slug>.<platform_domain>)
 *               "found": true,         Redis has a well-formed route for it
 *               "site_id": 12, "revision": 4, "route": "o", "document": "…"
 *                                      (what Redis points at, when found)
 *               "matches": true}],     expected and served as PostgreSQL says, or
 *                                      not expected and not served for this site
 *    "matches": true,                  every host matches (false when Redis is down)
 *    "last_job": null | {"id", "kind", "state" ("pending"|"done"), "revision" (or
 *                null), "attempts", "last_error" (or null), "created_at",
 *                "run_after", "done_at" (or null)}}
 * The hosts are the expected ones, then those Redis lists for the site
 * (pvi:s:<id>:hosts) that are not expected. p->store is not used; p->redis
 * may be NULL (reported as unavailable). Permission: read the site
 * (PVI_ACT_READ): PVI_NOT_FOUND, PVI_FORBIDDEN as pvi_site_get. Errors:
 * PVI_UNAVAILABLE (the database; Redis being down is part of the answer). */
enum pvi_code pvi_publish_status(json_t **out, const struct pvi_publisher *p,
                                 const struct pvi_actor *actor, long long site_id);

#endif
