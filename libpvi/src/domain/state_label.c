/* state_label.c — what a person reads for each lifecycle state (the
 * catalog's messages; pvi_state_label, pvi_site_list.h). */
#include "pvi/pvi_site_list.h"

enum pvi_msg
pvi_state_label(enum pvi_site_state s)
{
    switch (s) {
    case PVI_STATE_ORDERED:
        return PVI_MSG_SITE_STATE_ORDERED;
    case PVI_STATE_COLLECTING:
        return PVI_MSG_SITE_STATE_COLLECTING;
    case PVI_STATE_REVIEW:
        return PVI_MSG_SITE_STATE_REVIEW;
    case PVI_STATE_ONLINE:
        return PVI_MSG_SITE_STATE_ONLINE;
    case PVI_STATE_SUSPENDED:
        return PVI_MSG_SITE_STATE_SUSPENDED;
    case PVI_STATE_CLOSED:
        break;
    }
    return PVI_MSG_SITE_STATE_CLOSED;
}
