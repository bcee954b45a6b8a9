/* names.c — French names: "à Rennes", "du Mans", "d'Agnès", a surname
 * coloured by the region, and the name a business goes by ("Plomberie
 * Martin", "Dr Sophie Lefèvre — Chirurgien-dentiste", "Crêperie Ty Breizh"),
 * which depends on its family of trades. */
#include "seed_internal.h"

#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <string.h>

/* "à Rennes", "au Mans", "aux Sables-d'Olonne". */
void
pvi_seed__city_at(char *out, size_t cap, const char *city)
{
    if (strncmp(city, "Le ", 3) == 0)
        snprintf(out, cap, "au %s", city + 3);
    else if (strncmp(city, "Les ", 4) == 0)
        snprintf(out, cap, "aux %s", city + 4);
    else
        snprintf(out, cap, "à %s", city);
}

/* "de Rennes", "d'Angers", "du Mans", "des Abymes". */
void
pvi_seed__city_of(char *out, size_t cap, const char *city)
{
    static const char *const vowels[] = {"A", "E", "I", "O", "U", "É", "Î", "Hy"};
    if (strncmp(city, "Le ", 3) == 0) {
        snprintf(out, cap, "du %s", city + 3);
        return;
    }
    if (strncmp(city, "Les ", 4) == 0) {
        snprintf(out, cap, "des %s", city + 4);
        return;
    }
    for (size_t i = 0; i < PVI_COUNT_OF(vowels); i++)
        if (strncmp(city, vowels[i], strlen(vowels[i])) == 0) {
            snprintf(out, cap, "d'%s", city);
            return;
        }
    snprintf(out, cap, "de %s", city);
}

/* "d'Agnès", "d'Hugo", "de Marie": a first name after "de". */
static void
of_person(char *out, size_t cap, const char *first)
{
    static const char *const vowels[] = {"A", "E", "I", "O", "U", "É", "H", "Y"};
    for (size_t i = 0; i < PVI_COUNT_OF(vowels); i++)
        if (strncmp(first, vowels[i], strlen(vowels[i])) == 0 && strcmp(first, "Yann") != 0 &&
            strcmp(first, "Yves") != 0 && strcmp(first, "Yasmine") != 0) {
            snprintf(out, cap, "d'%s", first);
            return;
        }
    snprintf(out, cap, "de %s", first);
}

/* "Électricien" → "électricien", "Plombier" → "plombier". */
void
pvi_seed__lower_first(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s);
    if ((unsigned char)out[0] == 0xc3 && (unsigned char)out[1] >= 0x80 &&
        (unsigned char)out[1] <= 0x9e)
        out[1] = (char)((unsigned char)out[1] + 0x20);
    else if (out[0] >= 'A' && out[0] <= 'Z')
        out[0] = (char)(out[0] - 'A' + 'a');
}

const char *
pvi_seed__surname(struct pvi_seed__rng *r, enum pvi_seed__region region)
{
    if (region != R_OTHER && pvi_seed__chance(r, 50))
        return pvi_seed__pick(r, &pvi_seed__regional_surnames[region]);
    return pvi_seed__pick(r, &pvi_seed__surnames);
}

/* The business name, ≤ PVI_BUSINESS_NAME_MAX characters. */
void
pvi_seed__business_name(char *out, size_t cap, struct pvi_seed__rng *r,
                        const struct pvi_seed__identity *id)
{
    const char *act = id->activity, *stem = pvi_seed__stem_of(act);
    const char *first = id->first, *last = id->last;
    const char *city = pvi_seed__communes[id->commune].name;
    char of_city[96], of_first[48];
    pvi_seed__city_of(of_city, sizeof of_city, city);
    of_person(of_first, sizeof of_first, first);
    const char *loc = pvi_seed__pick(r, &pvi_seed__localities);
    unsigned roll = (unsigned)pvi_seed__below(r, 100);

    switch (id->family) {
    case F_DOCTOR:
        if (roll < 80)
            snprintf(out, cap, "Dr %s %s — %s", first, last, act);
        else if (strcmp(act, "Chirurgien-dentiste") == 0 || strcmp(act, "Orthodontiste") == 0)
            snprintf(out, cap, "Cabinet dentaire %s", loc);
        else
            snprintf(out, cap, "Cabinet médical %s", loc);
        break;
    case F_CARE:
    case F_PERSON:
        if (roll < 80 || id->family == F_PERSON)
            snprintf(out, cap, "%s %s — %s", first, last, act);
        else
            snprintf(out, cap, "Cabinet %s %s", act, last);
        break;
    case F_LAW:
        if (strcmp(act, "Notaire") == 0 && roll < 50)
            snprintf(out, cap, "Office notarial %s", last);
        else if (strcmp(act, "Notaire") == 0)
            snprintf(out, cap, "Maître %s %s — Notaire", first, last);
        else if (strcmp(act, "Avocat") == 0 && roll < 60)
            snprintf(out, cap, "Maître %s %s — Avocat", first, last);
        else if (strcmp(act, "Avocat") == 0)
            snprintf(out, cap, "Cabinet %s Avocats", last);
        else
            snprintf(out, cap, "Étude %s — %s", last, act);
        break;
    case F_PHARMA:
        if (strcmp(act, "Pharmacie") == 0)
            snprintf(out, cap, "Pharmacie %s", roll < 60 ? loc : last);
        else if (roll < 50)
            snprintf(out, cap, "%s %s", stem, last);
        else
            snprintf(out, cap, "%s %s", stem, loc);
        break;
    case F_RESTO:
        if (strcmp(act, "Pizzeria") == 0)
            snprintf(out, cap, "Pizzeria %s", pvi_seed__pick(r, &pvi_seed__italian_names));
        else if (strcmp(act, "Crêperie") == 0)
            snprintf(out, cap, "Crêperie %s",
                     roll < 60 ? pvi_seed__pick(r, &pvi_seed__breton_names) : loc);
        else if (strcmp(act, "Brasserie") == 0)
            snprintf(out, cap, "Brasserie %s",
                     roll < 50 ? loc : pvi_seed__pick(r, &pvi_seed__resto_names));
        else if (strcmp(act, "Salon de thé") == 0)
            snprintf(out, cap, "Salon de thé %s",
                     roll < 50 ? pvi_seed__pick(r, &pvi_seed__place_names) : loc);
        else if (strcmp(act, "Restauration rapide") == 0)
            snprintf(out, cap, "%s %s", roll < 50 ? "Snack" : "Le Kiosque", loc);
        else if (roll < 55)
            snprintf(out, cap, "%s", pvi_seed__pick(r, &pvi_seed__resto_names));
        else if (roll < 75)
            snprintf(out, cap, "La Table %s", of_first);
        else if (roll < 90)
            snprintf(out, cap, "Chez %s", first);
        else
            snprintf(out, cap, "L'Auberge %s", loc);
        break;
    case F_BAR:
        if (strcmp(act, "Discothèque") == 0)
            snprintf(out, cap, "Le %s Club", roll < 50 ? "Phare" : "Moulin");
        else if (roll < 40)
            snprintf(out, cap, "Le Café %s", loc);
        else if (roll < 80)
            snprintf(out, cap, "%s", pvi_seed__pick(r, &pvi_seed__resto_names));
        else
            snprintf(out, cap, "Bar %s", loc);
        break;
    case F_HOTEL:
        if (strncmp(act, "Hôtel", 6) == 0)
            snprintf(out, cap, "Hôtel %s",
                     roll < 60 ? loc : pvi_seed__pick(r, &pvi_seed__place_names));
        else if (strncmp(act, "Camping", 7) == 0)
            snprintf(out, cap, "Camping %s", pvi_seed__pick(r, &pvi_seed__place_names));
        else if (strcmp(act, "Chambre d'hôtes") == 0)
            snprintf(out, cap, "%s — Chambres d'hôtes", pvi_seed__pick(r, &pvi_seed__place_names));
        else
            snprintf(out, cap, "%s %s", act, pvi_seed__pick(r, &pvi_seed__place_names));
        break;
    case F_BEAUTY:
        if (roll < 30)
            snprintf(out, cap, "%s %s", stem, pvi_seed__pick(r, &pvi_seed__beauty_names));
        else if (roll < 55)
            snprintf(out, cap, "L'Atelier %s", of_first);
        else if (roll < 75)
            snprintf(out, cap, "%s %s", first, stem);
        else
            snprintf(out, cap, "%s %s", stem, last);
        break;
    case F_ANIMAL:
        if (strcmp(act, "Vétérinaire") == 0 && roll < 30)
            snprintf(out, cap, "Dr %s %s — Vétérinaire", first, last);
        else
            snprintf(out, cap, "%s %s", stem, roll < 65 ? loc : last);
        break;
    case F_FOOD:
        if (roll < 40)
            snprintf(out, cap, "%s %s", stem, last);
        else if (roll < 60)
            snprintf(out, cap, "%s %s", stem, loc);
        else if (roll < 72)
            snprintf(out, cap, "Maison %s", last);
        else if (roll < 82)
            snprintf(out, cap, "%s %s", stem, of_city);
        else if (roll < 90)
            snprintf(out, cap, "%s %s & Fils", stem, last);
        else
            snprintf(out, cap, "Aux Délices %s", of_city);
        break;
    default: /* trades, cars, transport, shops, offices, services, leisure, education */
        if (roll < 42)
            snprintf(out, cap, "%s %s", stem, last);
        else if (roll < 58)
            snprintf(out, cap, "%s %s", stem, loc);
        else if (roll < 72)
            snprintf(out, cap, "%s %s", last, stem);
        else if (roll < 82)
            snprintf(out, cap, "%s %s", stem, of_city);
        else if (roll < 90)
            snprintf(out, cap, "%s %s & Fils", stem, last);
        else if (id->family == F_PRO)
            snprintf(out, cap, "%s & Associés", last);
        else
            snprintf(out, cap, "%s %s %s", stem, first, last);
        break;
    }
    if (pvi_utf8_length(out) > PVI_BUSINESS_NAME_MAX)
        snprintf(out, cap, "%s %s", stem, last);
    if (pvi_utf8_length(out) > PVI_BUSINESS_NAME_MAX)
        snprintf(out, cap, "%s", last);
}
