/* when.c — a moment as the back office's pages show it (no route): the
 * date and time in the zone people read (pvi_time_display, PVI_TIME_ZONE),
 * or "never". */
#include "backoffice.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_view.h"

#include <stdlib.h>

char *
bo_when(enum pvi_lang lang, int64_t t_us)
{
    if (t_us <= 0)
        return pvi_strdup(pvi_msg_text(lang, PVI_MSG_BO_NEVER));
    char iso[PVI_TIME_SIZE], shown[PVI_TIME_DISPLAY_SIZE];
    pvi_time_format(iso, t_us);
    pvi_time_display(shown, iso, lang);
    return pvi_strdup(shown);
}

void
bo_cell_when(struct pvi_vnode *row, enum pvi_lang lang, int64_t t_us)
{
    char *t = bo_when(lang, t_us);
    pvi_view_cell(row, t, NULL);
    free(t);
}
