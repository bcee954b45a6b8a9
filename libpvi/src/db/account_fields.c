/* account_fields.c — the field rules the account operations share (admin
 * accounts, client passwords, API keys, logins): each problem is recorded
 * in a struct pvi_errors at the field's path, so that a form marks every
 * faulty field at once. */
#include "auth.h"

#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>

void
pvi_auth__name_check(struct pvi_errors *e, const char *path, const char *name, size_t max_chars)
{
    if (*name == '\0') {
        pvi_errors_add(e, path, PVI_REQUIRED);
    } else if (!pvi_utf8_valid(name)) {
        pvi_errors_add_msg(e, path, PVI_BAD_VALUE, PVI_MSG_TEXT_INVALID_UTF8, NULL);
    } else if (pvi_utf8_length(name) > max_chars) {
        char max[PVI_INT_TEXT_SIZE];
        pvi_int_text(max, (long long)max_chars);
        pvi_errors_add_msg(e, path, PVI_TOO_LONG, PVI_MSG_TEXT_MAX_CHARS, "max", max, NULL);
    }
}

void
pvi_auth__password_check(struct pvi_errors *e, const char *path, const char *password)
{
    enum pvi_code rc = pvi_password_policy_check(password);
    if (rc == PVI_TOO_LONG) {
        char max[PVI_INT_TEXT_SIZE];
        pvi_int_text(max, PVI_PASSWORD_MAX_BYTES);
        pvi_errors_add_msg(e, path, rc, PVI_MSG_PASSWORD_TOO_LONG, "max", max, NULL);
    } else if (rc != PVI_OK) {
        pvi_errors_add(e, path, rc); /* empty, or shorter than the minimum */
    }
}

void
pvi_auth__outcome(struct pvi_errors *e, size_t before, enum pvi_code rc)
{
    if (rc != PVI_OK && e->n == before)
        pvi_errors_add(e, "", rc);
}
