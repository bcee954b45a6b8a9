/* hours.c — opening hours typical of each trade (bakeries from 6 or 7,
 * restaurants at lunch and dinner, night clubs past midnight on the next
 * day, taxis round the clock…), with the week's variations drawn. */
#include "seed_internal.h"

#include <stdio.h>
#include <string.h>

struct week {
    int iv[7][4]; /* per day: open, close, open, close in minutes; -1 = none */
};

static void
week_clear(struct week *w)
{
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 4; k++)
            w->iv[d][k] = -1;
}

static void
day_set(struct week *w, int d, int o1, int c1, int o2, int c2)
{
    w->iv[d][0] = o1;
    w->iv[d][1] = c1;
    w->iv[d][2] = o2;
    w->iv[d][3] = c2;
}

static void
days_set(struct week *w, int from, int to, int o1, int c1, int o2, int c2)
{
    for (int d = from; d <= to; d++)
        day_set(w, d, o1, c1, o2, c2);
}

#define HM(h, m) ((h)*60 + (m))

static json_t *
week_json(const struct week *w)
{
    static const char *const day[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    json_t *hours = json_object();
    for (int d = 0; d < 7; d++) {
        json_t *arr = json_array();
        for (int k = 0; k < 4; k += 2) {
            if (w->iv[d][k] < 0)
                continue;
            char o[16], c[16];
            snprintf(o, sizeof o, "%02d:%02d", w->iv[d][k] / 60, w->iv[d][k] % 60);
            snprintf(c, sizeof c, "%02d:%02d", w->iv[d][k + 1] / 60, w->iv[d][k + 1] % 60);
            json_array_append_new(arr, json_pack("{s:s, s:s}", "open", o, "close", c));
        }
        json_object_set_new(hours, day[d], arr);
    }
    return hours;
}

/* Monday is day 0. */
json_t *
pvi_seed__hours(struct pvi_seed__rng *r, const struct pvi_seed__identity *id)
{
    struct week w;
    week_clear(&w);
    const char *act = id->activity;
    int m_open = HM(pvi_seed__range(r, 8, 9), pvi_seed__chance(r, 50) ? 0 : 30);
    int lunch = HM(12, pvi_seed__chance(r, 60) ? 0 : 30);
    int back = HM(pvi_seed__chance(r, 60) ? 14 : 13, pvi_seed__chance(r, 50) ? 0 : 30);
    if (back <= lunch)
        back = lunch + 60;
    int e_close = HM(pvi_seed__range(r, 18, 19), pvi_seed__chance(r, 50) ? 0 : 30);

    switch (id->family) {
    case F_FOOD:
        if (strncmp(act, "Boulangerie", 11) == 0 || strcmp(act, "Pâtisserie") == 0) {
            int open = HM(pvi_seed__chance(r, 50) ? 6 : 7, pvi_seed__chance(r, 50) ? 0 : 30);
            int closed = pvi_seed__chance(r, 70) ? 0 : 2; /* Monday or Wednesday off */
            for (int d = 0; d < 6; d++)
                if (d != closed) {
                    if (pvi_seed__chance(r, 50) || d == 5)
                        day_set(&w, d, open, HM(19, 30), -1, -1);
                    else
                        day_set(&w, d, open, HM(13, 0), HM(15, 30), HM(19, 30));
                }
            day_set(&w, 6, HM(7, 0), HM(12, 30), -1, -1);
        } else {
            days_set(&w, 1, 5, m_open, HM(12, 30), HM(15, 0), e_close);
            if (pvi_seed__chance(r, 40))
                day_set(&w, 0, HM(15, 0), e_close, -1, -1);
            if (pvi_seed__chance(r, 50))
                day_set(&w, 6, HM(9, 0), HM(12, 30), -1, -1);
        }
        break;
    case F_RESTO:
        if (strcmp(act, "Pizzeria") == 0 || strcmp(act, "Restauration rapide") == 0) {
            days_set(&w, 0, 5, HM(11, 30), HM(14, 0), HM(18, 30), HM(22, 30));
            day_set(&w, 6, HM(18, 30), HM(22, 30), -1, -1);
        } else if (strcmp(act, "Salon de thé") == 0) {
            days_set(&w, 1, 6, HM(10, 0), HM(19, 0), -1, -1);
        } else {
            int close = HM(22, pvi_seed__chance(r, 50) ? 0 : 30);
            days_set(&w, 1, 5, HM(12, 0), HM(14, pvi_seed__chance(r, 50) ? 0 : 30), HM(19, 0),
                     close);
            if (pvi_seed__chance(r, 60))
                day_set(&w, 6, HM(12, 0), HM(14, 30), -1, -1);
            if (pvi_seed__chance(r, 30)) { /* closed on Wednesday instead of Monday */
                day_set(&w, 0, HM(12, 0), HM(14, 0), HM(19, 0), close);
                day_set(&w, 2, -1, -1, -1, -1);
            }
        }
        break;
    case F_BAR:
        if (strcmp(act, "Discothèque") == 0) {
            /* after midnight goes on the next day (hours never cross midnight) */
            day_set(&w, 3, HM(23, 0), HM(24, 0), -1, -1);
            day_set(&w, 4, HM(0, 0), HM(5, 0), HM(23, 0), HM(24, 0));
            day_set(&w, 5, HM(0, 0), HM(5, 0), HM(23, 0), HM(24, 0));
            day_set(&w, 6, HM(0, 0), HM(5, 0), -1, -1);
        } else {
            days_set(&w, 0, 5, HM(7, pvi_seed__chance(r, 50) ? 0 : 30),
                     HM(pvi_seed__range(r, 20, 23), 0), -1, -1);
            if (pvi_seed__chance(r, 50))
                day_set(&w, 6, HM(8, 0), HM(13, 0), -1, -1);
        }
        break;
    case F_DOCTOR:
    case F_CARE:
    case F_ANIMAL:
        if (strcmp(act, "Toilettage pour animaux") == 0 ||
            strcmp(act, "Pension pour animaux") == 0) {
            days_set(&w, 1, 5, HM(9, 0), HM(12, 0), HM(14, 0), HM(18, 30));
            break;
        }
        days_set(&w, 0, 4, m_open, lunch, back, e_close);
        if (pvi_seed__chance(r, 20))
            day_set(&w, 2, m_open, lunch, -1, -1);
        if (pvi_seed__chance(r, id->family == F_ANIMAL ? 80 : 40))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_PHARMA:
        if (pvi_seed__chance(r, 40))
            days_set(&w, 0, 5, HM(8, 30), HM(19, 30), -1, -1);
        else
            days_set(&w, 0, 5, HM(9, 0), HM(12, 30), HM(14, 0), HM(19, 30));
        if (pvi_seed__chance(r, 40))
            day_set(&w, 5, HM(9, 0), HM(12, 30), -1, -1);
        break;
    case F_LAW:
    case F_PRO:
    case F_PERSON:
        days_set(&w, 0, 4, HM(9, 0), lunch, back, HM(18, pvi_seed__chance(r, 50) ? 0 : 30));
        if (pvi_seed__chance(r, 30))
            day_set(&w, 4, HM(9, 0), lunch, back, HM(17, 0));
        if (id->family == F_PERSON && pvi_seed__chance(r, 30))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_TRADE:
    case F_SERVICE:
        days_set(&w, 0, 4, HM(8, pvi_seed__chance(r, 60) ? 0 : 30), HM(12, 0), back,
                 HM(pvi_seed__range(r, 17, 18), pvi_seed__chance(r, 50) ? 0 : 30));
        if (pvi_seed__chance(r, 30))
            day_set(&w, 4, HM(8, 0), HM(12, 0), back, HM(16, 30));
        if (pvi_seed__chance(r, id->family == F_SERVICE ? 50 : 15))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_AUTO:
        days_set(&w, 0, 4, HM(8, 0), HM(12, 0), HM(14, 0), HM(18, 30));
        if (pvi_seed__chance(r, 60))
            day_set(&w, 5, HM(8, 0), HM(12, 0), -1, -1);
        break;
    case F_TRANSPORT:
        if (strcmp(act, "Taxi") == 0 || strcmp(act, "Ambulancier") == 0 ||
            strcmp(act, "Chauffeur VTC") == 0) {
            if (pvi_seed__chance(r, 50))
                days_set(&w, 0, 6, HM(0, 0), HM(24, 0), -1, -1);
            else
                days_set(&w, 0, 5, HM(6, 0), HM(21, 0), -1, -1);
        } else {
            days_set(&w, 0, 4, HM(8, 0), HM(12, 0), HM(13, 30), HM(18, 0));
        }
        break;
    case F_BEAUTY:
        if (pvi_seed__chance(r, 50))
            days_set(&w, 1, 4, HM(9, 30), HM(19, 0), -1, -1);
        else
            days_set(&w, 1, 4, HM(9, 0), HM(12, 0), HM(14, 0), HM(19, 0));
        if (pvi_seed__chance(r, 30))
            day_set(&w, 3, HM(9, 30), HM(20, 0), -1, -1);
        day_set(&w, 5, HM(9, 0), HM(pvi_seed__range(r, 16, 18), 0), -1, -1);
        break;
    case F_HOTEL:
        if (strncmp(act, "Hôtel", 6) == 0)
            days_set(&w, 0, 6, HM(7, 0), HM(22, 0), -1, -1);
        else
            days_set(&w, 0, 6, HM(8, 0), HM(12, 0), HM(16, 0), HM(20, 0));
        break;
    case F_LEISURE:
        if (strcmp(act, "Cinéma") == 0) {
            days_set(&w, 0, 6, HM(13, 30), HM(23, 0), -1, -1);
        } else if (strncmp(act, "Salle d", 7) == 0 || strcmp(act, "Bowling") == 0) {
            days_set(&w, 0, 4, HM(strcmp(act, "Bowling") == 0 ? 14 : 7, 0), HM(22, 0), -1, -1);
            days_set(&w, 5, 6, HM(9, 0), HM(19, 0), -1, -1);
        } else {
            day_set(&w, 1, HM(17, 0), HM(21, 0), -1, -1);
            day_set(&w, 2, HM(14, 0), HM(19, 0), -1, -1);
            day_set(&w, 3, HM(17, 0), HM(21, 0), -1, -1);
            day_set(&w, 4, HM(17, 0), HM(21, 0), -1, -1);
            day_set(&w, 5, HM(10, 0), HM(18, 0), -1, -1);
        }
        break;
    case F_EDU:
        if (strcmp(act, "Crèche") == 0) {
            days_set(&w, 0, 4, HM(7, 30), HM(18, 30), -1, -1);
        } else {
            days_set(&w, 0, 4, HM(9, 0), HM(12, 0), HM(14, 0), HM(19, 0));
            day_set(&w, 5, HM(9, 0), HM(12, 30), -1, -1);
        }
        break;
    case F_RETAIL:
    default:
        if (pvi_seed__chance(r, 30))
            days_set(&w, 1, 5, HM(10, 0), HM(19, 0), -1, -1);
        else
            days_set(&w, 1, 5, HM(9, 30), HM(12, 30), HM(14, 0), HM(19, 0));
        if (pvi_seed__chance(r, 60))
            day_set(&w, 0, HM(14, 0), HM(19, 0), -1, -1);
        break;
    }
    return week_json(&w);
}
