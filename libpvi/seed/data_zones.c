/* data_zones.c — the telephone numbering of each département (the prefix
 * of fixed lines and the area digits of its main towns; overseas, the
 * fixed and mobile prefixes of their own numbering) and the regions whose
 * names and languages the generator colours. Plain data and their lookups. */
#include "seed_internal.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
static const struct pvi_seed__zone zones[] = {
    {"75", "01", "42 43 44 45 46 47 48 53 55", NULL},
    {"77", "01", "60 64", NULL},
    {"78", "01", "30 39", NULL},
    {"91", "01", "60 69", NULL},
    {"92", "01", "41 46 47", NULL},
    {"93", "01", "48 49", NULL},
    {"94", "01", "43 45 48", NULL},
    {"95", "01", "30 34 39", NULL},
    {"76", "02", "35 32", NULL},
    {"14", "02", "31", NULL},
    {"50", "02", "33", NULL},
    {"27", "02", "32", NULL},
    {"61", "02", "33", NULL},
    {"35", "02", "99", NULL},
    {"29", "02", "98", NULL},
    {"56", "02", "97", NULL},
    {"22", "02", "96", NULL},
    {"44", "02", "40 51", NULL},
    {"49", "02", "41", NULL},
    {"72", "02", "43", NULL},
    {"53", "02", "43", NULL},
    {"85", "02", "51", NULL},
    {"37", "02", "47", NULL},
    {"45", "02", "38", NULL},
    {"41", "02", "54", NULL},
    {"28", "02", "37", NULL},
    {"18", "02", "48", NULL},
    {"36", "02", "54", NULL},
    {"59", "03", "20 27 28", NULL},
    {"62", "03", "21", NULL},
    {"80", "03", "22", NULL},
    {"60", "03", "44", NULL},
    {"02", "03", "23", NULL},
    {"51", "03", "26", NULL},
    {"10", "03", "25", NULL},
    {"08", "03", "24", NULL},
    {"52", "03", "25", NULL},
    {"54", "03", "83", NULL},
    {"57", "03", "87", NULL},
    {"55", "03", "29", NULL},
    {"88", "03", "29", NULL},
    {"67", "03", "88", NULL},
    {"68", "03", "89", NULL},
    {"21", "03", "80", NULL},
    {"25", "03", "81", NULL},
    {"39", "03", "84", NULL},
    {"58", "03", "86", NULL},
    {"70", "03", "84", NULL},
    {"71", "03", "85", NULL},
    {"89", "03", "86", NULL},
    {"90", "03", "84", NULL},
    {"69", "04", "72 78", NULL},
    {"42", "04", "77", NULL},
    {"38", "04", "76", NULL},
    {"74", "04", "50", NULL},
    {"73", "04", "79", NULL},
    {"26", "04", "75", NULL},
    {"07", "04", "75", NULL},
    {"01", "04", "74", NULL},
    {"63", "04", "73", NULL},
    {"03", "04", "70", NULL},
    {"15", "04", "71", NULL},
    {"43", "04", "71", NULL},
    {"13", "04", "91 42", NULL},
    {"06", "04", "93 92", NULL},
    {"83", "04", "94", NULL},
    {"84", "04", "90", NULL},
    {"04", "04", "92", NULL},
    {"05", "04", "92", NULL},
    {"2A", "04", "95", NULL},
    {"2B", "04", "95", NULL},
    {"34", "04", "67", NULL},
    {"30", "04", "66", NULL},
    {"11", "04", "68", NULL},
    {"66", "04", "68", NULL},
    {"48", "04", "66", NULL},
    {"31", "05", "61 62", NULL},
    {"82", "05", "63", NULL},
    {"81", "05", "63", NULL},
    {"12", "05", "65", NULL},
    {"46", "05", "65", NULL},
    {"32", "05", "62", NULL},
    {"65", "05", "62", NULL},
    {"09", "05", "61", NULL},
    {"33", "05", "56 57", NULL},
    {"64", "05", "59", NULL},
    {"40", "05", "58", NULL},
    {"47", "05", "53", NULL},
    {"24", "05", "53", NULL},
    {"87", "05", "55", NULL},
    {"19", "05", "55", NULL},
    {"23", "05", "55", NULL},
    {"86", "05", "49", NULL},
    {"79", "05", "49", NULL},
    {"17", "05", "46", NULL},
    {"16", "05", "45", NULL},
    {"971", "0590", NULL, "0690"},
    {"972", "0596", NULL, "0696"},
    {"973", "0594", NULL, "0694"},
    {"974", "0262", NULL, "0692 0693"},
    {"976", "0269", NULL, "0639"},
};
/* clang-format on */

const struct pvi_seed__zone *
pvi_seed__zone_of(const char *dept)
{
    for (size_t i = 0; i < PVI_COUNT_OF(zones); i++)
        if (strcmp(zones[i].dept, dept) == 0)
            return &zones[i];
    return NULL;
}

const char *
pvi_seed_dept_phone_prefix(const char *dept)
{
    const struct pvi_seed__zone *z = dept ? pvi_seed__zone_of(dept) : NULL;
    return z ? z->fixed : NULL;
}

enum pvi_seed__region
pvi_seed__region_of(const char *dept)
{
    static const struct {
        const char *depts;
        enum pvi_seed__region r;
    } map[] = {
        {" 22 29 35 56 ", R_BRETAGNE},
        {" 67 68 57 ", R_ALSACE},
        {" 2A 2B ", R_CORSE},
        {" 64 ", R_BASQUE},
        {" 66 ", R_CATALAN},
        {" 31 34 30 11 81 82 12 46 09 32 65 48 13 84 83 06 04 05 ", R_SUD},
        {" 59 62 ", R_NORD},
        {" 974 ", R_REUNION},
        {" 971 972 ", R_ANTILLES},
        {" 973 ", R_GUYANE},
        {" 976 ", R_MAYOTTE},
    };
    char key[8];
    snprintf(key, sizeof key, " %s ", dept);
    for (size_t i = 0; i < PVI_COUNT_OF(map); i++)
        if (strstr(map[i].depts, key))
            return map[i].r;
    return R_OTHER;
}
