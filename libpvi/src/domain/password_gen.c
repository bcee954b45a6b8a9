/* password_gen.c — the passwords libpvi generates for administrators
 * (pvi_accounts.h): four groups of five signs without look-alikes. */
#include "pvi/pvi_accounts.h"

#include <sodium.h>
#include <stdlib.h>

void
pvi_password_generate(char out[static PVI_GENERATED_PASSWORD_CHARS + 1])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789"; /* no i, l, o, 0, 1 */
    if (sodium_init() < 0) /* idempotent and thread-safe; its random source is needed */
        abort();
    char *p = out;
    for (int group = 0; group < 4; group++) {
        if (group > 0)
            *p++ = '-';
        for (int i = 0; i < 5; i++)
            *p++ = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    *p = '\0';
}
