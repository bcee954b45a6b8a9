/* when.c — a moment as the back office's pages show it (no route): the
 * date and time in UTC, in the words of the catalog, or "never". */
#include "backoffice.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

char *
bo_when(enum pvi_lang lang, int64_t t_us)
{
    if (t_us <= 0)
        return pvi_strdup(pvi_msg_text(lang, PVI_MSG_BO_NEVER));
    time_t s = (time_t)(t_us / 1000000);
    struct tm tm;
    gmtime_r(&s, &tm);
    char day[12], month[12], year[12], hour[12], minute[12];
    snprintf(day, sizeof day, "%02d", tm.tm_mday);
    snprintf(month, sizeof month, "%02d", tm.tm_mon + 1);
    snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
    snprintf(hour, sizeof hour, "%02d", tm.tm_hour);
    snprintf(minute, sizeof minute, "%02d", tm.tm_min);
    const struct pvi_msg_arg args[] = {
        {"day", day}, {"month", month}, {"year", year}, {"hour", hour}, {"minute", minute}};
    return pvi_msg_format(lang, PVI_MSG_BO_DATETIME, args, PVI_COUNT_OF(args));
}

void
bo_cell_when(struct pvi_vnode *row, enum pvi_lang lang, int64_t t_us)
{
    char *t = bo_when(lang, t_us);
    pvi_view_cell(row, t, NULL);
    free(t);
}
