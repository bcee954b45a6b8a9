/* text_rules.c — the rules for human text in the content: no markup, one
 * line or several, no control character (pvi_validate.h). */
#include "validate.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
pvi_text_has_markup(const char *in)
{
    if (in == NULL)
        return 0;
    for (const char *p = strchr(in, '<'); p; p = strchr(p + 1, '<')) {
        char c = p[1];
        if (is_alpha(c) || c == '/' || c == '!' || c == '?')
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------------
 * Free text.
 */

/* Normalises a text (see the header for the rules): returns a new string
 * owned by the caller, possibly "", or NULL with *why set (a French message)
 * when it holds a forbidden character. */
char *
pvi_validate__text_normalize(const char *in, unsigned flags, enum pvi_msg *why)
{
    struct pvi_buf b = {0};
    const char *s;
    size_t len;
    int newlines = 0;
    char *result = NULL;

    pvi_text_trim(&s, &len, in);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            if (i + 1 < len && s[i + 1] == '\n')
                continue;
            c = '\n';
        }
        if (c == '\n') {
            if (!(flags & TEXT_MULTILINE)) {
                *why = PVI_MSG_TEXT_ONE_LINE;
                goto cleanup;
            }
            if (++newlines <= 2)
                pvi_buf_append(&b, "\n", 1);
            continue;
        }
        newlines = 0;
        int control =
            c < 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0);
        if (control && !(c == '\t' && (flags & TEXT_MULTILINE))) {
            *why = PVI_MSG_TEXT_CONTROL_CHAR;
            goto cleanup;
        }
        pvi_buf_append(&b, &s[i], 1);
    }
    result = pvi_buf_steal(&b);

cleanup:
    pvi_buf_free(&b);
    return result;
}
