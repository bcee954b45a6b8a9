/* cmd_sites.c — pvictl migrate, admin create, client create, site create,
 * site show and the workflow transitions of a site. */
#include "pvictl.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- commands ---- */

int
pvictl_cmd_migrate(struct ctx *c, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (pvictl_open_db(c) != 0)
        return 1;
    int applied = 0;
    enum pvi_code rc = pvi_db_migrate(&applied, c->db, c->cfg.schema_dir);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: migrate failed: %s\n", pvictl_code_text(rc));
        return 1;
    }
    printf("%d migration(s) applied, schema up to date\n", applied);
    return 0;
}

int
pvictl_cmd_admin_create(struct ctx *c, int argc, char **argv)
{
    const char *email = pvictl_opt(argc, argv, "email"), *name = pvictl_opt(argc, argv, "name");
    if (pvictl_need(email, "email") || pvictl_need(name, "name") || pvictl_open_db(c))
        return 2;
    char *password = pvictl_read_password(argc, argv);
    if (password == NULL) {
        fprintf(stderr, "pvictl: give the password with --password-stdin or PVI_PASSWORD\n");
        return 2;
    }
    long long id = 0;
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_admin_create(&id, c->db, &c->actor, email, name, password, &e);
    sodium_memzero(password, strlen(password));
    free(password);
    if (rc != PVI_OK) {
        pvictl_print_errors("admin create", rc, &e);
        pvi_errors_clear(&e);
        return 1;
    }
    printf("admin %lld created (%s)\n", id, email);
    return 0;
}

int
pvictl_cmd_client_create(struct ctx *c, int argc, char **argv)
{
    struct pvi_client_new in = {
        .customer_number = pvictl_opt(argc, argv, "number"),
        .company_name = pvictl_opt(argc, argv, "company"),
        .siret = pvictl_opt(argc, argv, "siret"),
        .email = pvictl_opt(argc, argv, "email"),
        .phone = pvictl_opt(argc, argv, "phone"),
    };
    if (pvictl_open_db(c))
        return 2;
    char *password = pvictl_flag(argc, argv, "password-stdin") || getenv("PVI_PASSWORD")
                         ? pvictl_read_password(argc, argv)
                         : NULL;
    in.password = password;
    struct pvi_errors e = {0};
    long long id = 0;
    enum pvi_code rc = pvi_client_create(&id, c->db, &c->actor, &in, &e);
    if (password) {
        sodium_memzero(password, strlen(password));
        free(password);
    }
    if (rc != PVI_OK) {
        pvictl_print_errors("client create", rc, &e);
        pvi_errors_clear(&e);
        return 1;
    }
    printf("client %lld created\n", id);
    return 0;
}

int
pvictl_cmd_site_create(struct ctx *c, int argc, char **argv)
{
    const char *number = pvictl_opt(argc, argv, "client"), *slug = pvictl_opt(argc, argv, "slug");
    const char *file = pvictl_opt(argc, argv, "content");
    if (pvictl_need(number, "client") || pvictl_need(slug, "slug") || pvictl_open_db(c))
        return 2;
    long long client = 0;
    if (pvi_client_lookup(&client, c->db, &c->actor, number) != PVI_OK) {
        fprintf(stderr, "pvictl: no client %s\n", number);
        return 1;
    }
    json_t *content = file ? pvictl_load_json_file(file) : NULL;
    if (file && content == NULL)
        return 1;
    struct pvi_site_new in = {.client_id = client,
                              .slug = slug,
                              .content = content,
                              .note = pvictl_opt(argc, argv, "note")};
    struct pvi_errors e = {0};
    long long id = 0;
    enum pvi_code rc = pvi_site_create(&id, c->db, &c->actor, &in, &e);
    json_decref(content);
    if (rc != PVI_OK) {
        pvictl_print_errors("site create", rc, &e);
        pvi_errors_clear(&e);
        return 1;
    }
    printf("site %lld created (%s)\n", id, slug);
    return 0;
}

static enum pvi_code
find_site(struct ctx *c, const char *ref, struct pvi_site **out)
{
    char *end;
    long long id = strtoll(ref, &end, 10);
    if (*ref && *end == '\0')
        return pvi_site_get(out, c->db, &c->actor, id);
    return pvi_site_get_by_slug(out, c->db, &c->actor, ref);
}

int
pvictl_cmd_site_show(struct ctx *c, int argc, char **argv)
{
    if (argc < 2 || pvictl_open_db(c)) {
        fprintf(stderr, "usage: pvictl site show SLUG|ID\n");
        return 2;
    }
    struct pvi_site *s = NULL;
    enum pvi_code rc = find_site(c, argv[1], &s);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: site %s: %s\n", argv[1], pvictl_code_text(rc));
        return 1;
    }
    json_t *out =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:s?, s:s?, s:s?, s:O}", "id",
                  (json_int_t)s->id, "slug", s->slug, "state", pvi_state_name(s->state), "client",
                  s->customer_number, "business_name", s->business_name, "version", s->version,
                  "draft_revision", s->draft_number, "published_revision", s->published_number,
                  "charter", s->charter, "operator", s->operator_name, "state_reason",
                  s->state_reason, "content", (json_t *)pvi_site_working_content(s));
    if (s->pending_request_id)
        json_object_set_new(out, "pending_change_request", json_integer(s->pending_request_id));
    pvictl_print_json(out);
    json_decref(out);
    pvi_site_free(s);
    return 0;
}

int
pvictl_cmd_site_transition(struct ctx *c, int argc, char **argv)
{
    enum pvi_transition t;
    if (argc < 2 || pvi_transition_parse(&t, argv[0]) != 0 || pvictl_open_db(c)) {
        fprintf(stderr, "usage: pvictl site TRANSITION SLUG|ID [--reason R] [--operator UID]\n");
        return 2;
    }
    struct pvi_site *s = NULL;
    enum pvi_code rc = find_site(c, argv[1], &s);
    if (rc != PVI_OK) {
        fprintf(stderr, "pvictl: site %s: %s\n", argv[1], pvictl_code_text(rc));
        return 1;
    }
    struct pvi_transition_args args = {.reason = pvictl_opt(argc, argv, "reason")};
    const char *uid = pvictl_opt(argc, argv, "operator");
    if (uid && pvi_operator_lookup(&args.operator_id, c->db, &c->actor, uid) != PVI_OK) {
        fprintf(stderr, "pvictl: no active operator %s (operators appear at their first login)\n",
                uid);
        pvi_site_free(s);
        return 1;
    }
    struct pvi_errors e = {0};
    int version = 0;
    rc = pvi_site_transition(&version, c->db, &c->actor, s->id, s->version, t, &args, &e);
    if (rc != PVI_OK) {
        pvictl_print_errors(argv[0], rc, &e);
        pvi_errors_clear(&e);
        pvi_site_free(s);
        return 1;
    }
    printf("site %s: %s → %s\n", s->slug, pvi_state_name(s->state),
           pvi_state_name(pvi_transition_target(t)));
    pvi_site_free(s);
    return 0;
}
