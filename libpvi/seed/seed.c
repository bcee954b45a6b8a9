/* seed.c — the deterministic generator of realistic French businesses
 * (pvi_seed.h): names, headings, addresses, phones, hours, services… drawn
 * from a seeded PRNG and passed through libpvi's own validation.
 *
 * No I/O and no global state: every table here is static and constant, and
 * a struct pvi_seed_gen holds all that changes (the slugs and hosts handed
 * out). The loading is in load.c and demo.c. */
#include "seed_internal.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- PRNG: splitmix64 seeds xoshiro256** (one stream per site/client) ---- */

struct rng {
    uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A stream that depends only on (seed, kind, index). */
static void
rng_init(struct rng *r, uint64_t seed, uint64_t kind, uint64_t index)
{
    uint64_t x = seed;
    uint64_t a = splitmix64(&x);
    x = a ^ (kind * 0xd1b54a32d192ed03ULL) ^ (index * 0x8cb92ba72f3d8dd7ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n) (n ≥ 1; the multiply-shift bias is below 2^-32). */
static size_t
rng_below(struct rng *r, size_t n)
{
    return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (size_t)(hi - lo + 1));
}

static int
rng_chance(struct rng *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

static double
rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

#define PICK(r, a) ((a)[rng_below((r), PVI_COUNT_OF(a))])

/* ---- a set of strings (open addressing) ---- */

struct strset {
    char **slot;
    size_t cap; /* power of two */
    size_t n;
};

static uint64_t
str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

static int
strset_has(const struct strset *set, const char *s)
{
    if (set->cap == 0)
        return 0;
    for (size_t i = str_hash(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (set->slot[i] == NULL)
            return 0;
        if (strcmp(set->slot[i], s) == 0)
            return 1;
    }
}

static void strset_add(struct strset *set, const char *s);

static void
strset_grow(struct strset *set)
{
    struct strset bigger = {.cap = set->cap ? set->cap * 2 : 1024};
    bigger.slot = pvi_calloc(bigger.cap, sizeof *bigger.slot);
    for (size_t i = 0; i < set->cap; i++) {
        char *s = set->slot[i];
        if (s == NULL)
            continue;
        size_t j = str_hash(s) & (bigger.cap - 1);
        while (bigger.slot[j])
            j = (j + 1) & (bigger.cap - 1);
        bigger.slot[j] = s;
        bigger.n++;
    }
    free(set->slot);
    *set = bigger;
}

/* Adds a copy of s (no-op when present). */
static void
strset_add(struct strset *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap)
        strset_grow(set);
    size_t i = str_hash(s) & (set->cap - 1);
    while (set->slot[i]) {
        if (strcmp(set->slot[i], s) == 0)
            return;
        i = (i + 1) & (set->cap - 1);
    }
    set->slot[i] = pvi_strdup(s);
    set->n++;
}

static void
strset_free(struct strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    *set = (struct strset){0};
}

/* ---- places ---- */

/* Real communes: name, postal code (a real one of the commune), approximate
 * coordinates of the centre, and a weight (≈ how many businesses). */
struct commune {
    const char *name;
    const char *postal_code;
    double lat, lon;
    int weight;
};

/* clang-format off */
static const struct commune communes[] = {
    /* Île-de-France */
    {"Paris", "75003", 48.8630, 2.3601, 6},
    {"Paris", "75011", 48.8590, 2.3800, 8},
    {"Paris", "75015", 48.8412, 2.3003, 8},
    {"Paris", "75017", 48.8876, 2.3066, 6},
    {"Paris", "75018", 48.8925, 2.3444, 6},
    {"Paris", "75020", 48.8638, 2.3985, 6},
    {"Versailles", "78000", 48.8049, 2.1204, 3},
    {"Saint-Germain-en-Laye", "78100", 48.8989, 2.0938, 2},
    {"Boulogne-Billancourt", "92100", 48.8397, 2.2399, 3},
    {"Nanterre", "92000", 48.8924, 2.2069, 3},
    {"Saint-Denis", "93200", 48.9362, 2.3574, 3},
    {"Montreuil", "93100", 48.8638, 2.4485, 3},
    {"Créteil", "94000", 48.7904, 2.4556, 3},
    {"Vincennes", "94300", 48.8474, 2.4395, 2},
    {"Évry-Courcouronnes", "91000", 48.6290, 2.4410, 2},
    {"Cergy", "95000", 49.0364, 2.0761, 2},
    {"Argenteuil", "95100", 48.9472, 2.2467, 3},
    {"Meaux", "77100", 48.9601, 2.8788, 2},
    {"Melun", "77000", 48.5421, 2.6554, 2},
    {"Fontainebleau", "77300", 48.4047, 2.7016, 1},
    /* Normandie */
    {"Rouen", "76000", 49.4432, 1.0999, 4},
    {"Le Havre", "76600", 49.4944, 0.1079, 4},
    {"Dieppe", "76200", 49.9229, 1.0775, 1},
    {"Caen", "14000", 49.1829, -0.3707, 4},
    {"Bayeux", "14400", 49.2764, -0.7024, 1},
    {"Lisieux", "14100", 49.1466, 0.2258, 1},
    {"Cherbourg-en-Cotentin", "50100", 49.6337, -1.6222, 2},
    {"Saint-Lô", "50000", 49.1157, -1.0906, 1},
    {"Évreux", "27000", 49.0270, 1.1508, 2},
    {"Alençon", "61000", 48.4329, 0.0913, 1},
    /* Bretagne */
    {"Rennes", "35000", 48.1173, -1.6778, 5},
    {"Saint-Malo", "35400", 48.6493, -2.0257, 2},
    {"Vitré", "35500", 48.1236, -1.2086, 1},
    {"Fougères", "35300", 48.3524, -1.1990, 1},
    {"Brest", "29200", 48.3904, -4.4861, 4},
    {"Quimper", "29000", 47.9960, -4.1024, 2},
    {"Morlaix", "29600", 48.5775, -3.8278, 1},
    {"Concarneau", "29900", 47.8753, -3.9189, 1},
    {"Lorient", "56100", 47.7483, -3.3700, 2},
    {"Vannes", "56000", 47.6582, -2.7608, 2},
    {"Auray", "56400", 47.6680, -2.9808, 1},
    {"Saint-Brieuc", "22000", 48.5136, -2.7603, 2},
    {"Lannion", "22300", 48.7326, -3.4566, 1},
    {"Dinan", "22100", 48.4556, -2.0503, 1},
    /* Pays de la Loire */
    {"Nantes", "44000", 47.2184, -1.5536, 6},
    {"Saint-Nazaire", "44600", 47.2735, -2.2138, 2},
    {"La Baule-Escoublac", "44500", 47.2866, -2.3908, 1},
    {"Angers", "49000", 47.4784, -0.5632, 4},
    {"Cholet", "49300", 47.0600, -0.8786, 2},
    {"Saumur", "49400", 47.2600, -0.0769, 1},
    {"Le Mans", "72000", 48.0061, 0.1996, 4},
    {"Laval", "53000", 48.0707, -0.7734, 2},
    {"La Roche-sur-Yon", "85000", 46.6705, -1.4260, 2},
    {"Les Sables-d'Olonne", "85100", 46.4967, -1.7833, 1},
    /* Centre-Val de Loire */
    {"Tours", "37000", 47.3941, 0.6848, 4},
    {"Amboise", "37400", 47.4125, 0.9825, 1},
    {"Orléans", "45000", 47.9030, 1.9093, 4},
    {"Blois", "41000", 47.5861, 1.3359, 2},
    {"Chartres", "28000", 48.4439, 1.4890, 2},
    {"Bourges", "18000", 47.0810, 2.3988, 2},
    {"Châteauroux", "36000", 46.8103, 1.6913, 2},
    /* Hauts-de-France */
    {"Lille", "59000", 50.6292, 3.0573, 6},
    {"Roubaix", "59100", 50.6942, 3.1746, 3},
    {"Dunkerque", "59140", 51.0343, 2.3768, 2},
    {"Valenciennes", "59300", 50.3570, 3.5235, 2},
    {"Arras", "62000", 50.2910, 2.7775, 2},
    {"Boulogne-sur-Mer", "62200", 50.7264, 1.6147, 2},
    {"Calais", "62100", 50.9513, 1.8587, 2},
    {"Amiens", "80000", 49.8941, 2.2958, 3},
    {"Abbeville", "80100", 50.1054, 1.8332, 1},
    {"Beauvais", "60000", 49.4295, 2.0807, 2},
    {"Compiègne", "60200", 49.4179, 2.8261, 2},
    {"Saint-Quentin", "02100", 49.8465, 3.2876, 2},
    {"Laon", "02000", 49.5641, 3.6199, 1},
    /* Grand Est */
    {"Reims", "51100", 49.2583, 4.0317, 4},
    {"Épernay", "51200", 49.0403, 3.9592, 1},
    {"Troyes", "10000", 48.2973, 4.0744, 2},
    {"Charleville-Mézières", "08000", 49.7620, 4.7263, 2},
    {"Chaumont", "52000", 48.1113, 5.1392, 1},
    {"Nancy", "54000", 48.6921, 6.1844, 4},
    {"Metz", "57000", 49.1193, 6.1757, 4},
    {"Thionville", "57100", 49.3579, 6.1683, 2},
    {"Verdun", "55100", 49.1598, 5.3844, 1},
    {"Épinal", "88000", 48.1724, 6.4496, 1},
    {"Strasbourg", "67000", 48.5734, 7.7521, 6},
    {"Haguenau", "67500", 48.8156, 7.7906, 1},
    {"Colmar", "68000", 48.0794, 7.3585, 2},
    {"Mulhouse", "68100", 47.7508, 7.3359, 3},
    /* Bourgogne-Franche-Comté */
    {"Dijon", "21000", 47.3220, 5.0415, 4},
    {"Beaune", "21200", 47.0260, 4.8400, 1},
    {"Besançon", "25000", 47.2378, 6.0241, 3},
    {"Montbéliard", "25200", 47.5099, 6.7986, 1},
    {"Lons-le-Saunier", "39000", 46.6747, 5.5547, 1},
    {"Nevers", "58000", 46.9909, 3.1590, 1},
    {"Vesoul", "70000", 47.6223, 6.1555, 1},
    {"Chalon-sur-Saône", "71100", 46.7808, 4.8539, 2},
    {"Mâcon", "71000", 46.3069, 4.8287, 1},
    {"Auxerre", "89000", 47.7986, 3.5673, 2},
    {"Belfort", "90000", 47.6397, 6.8638, 2},
    /* Auvergne-Rhône-Alpes */
    {"Lyon", "69003", 45.7597, 4.8596, 6},
    {"Lyon", "69007", 45.7335, 4.8379, 5},
    {"Villeurbanne", "69100", 45.7719, 4.8902, 3},
    {"Saint-Étienne", "42000", 45.4397, 4.3872, 4},
    {"Roanne", "42300", 46.0340, 4.0726, 1},
    {"Grenoble", "38000", 45.1885, 5.7245, 4},
    {"Vienne", "38200", 45.5255, 4.8747, 1},
    {"Annecy", "74000", 45.8992, 6.1294, 3},
    {"Chamonix-Mont-Blanc", "74400", 45.9237, 6.8694, 1},
    {"Chambéry", "73000", 45.5646, 5.9178, 2},
    {"Valence", "26000", 44.9334, 4.8924, 2},
    {"Montélimar", "26200", 44.5581, 4.7509, 1},
    {"Privas", "07000", 44.7350, 4.5990, 1},
    {"Aubenas", "07200", 44.6197, 4.3903, 1},
    {"Bourg-en-Bresse", "01000", 46.2052, 5.2255, 2},
    {"Clermont-Ferrand", "63000", 45.7772, 3.0870, 4},
    {"Vichy", "03200", 46.1277, 3.4259, 1},
    {"Moulins", "03000", 46.5646, 3.3325, 1},
    {"Montluçon", "03100", 46.3401, 2.6031, 1},
    {"Aurillac", "15000", 44.9264, 2.4397, 1},
    {"Le Puy-en-Velay", "43000", 45.0434, 3.8858, 1},
    /* Provence-Alpes-Côte d'Azur */
    {"Marseille", "13001", 43.2999, 5.3841, 6},
    {"Marseille", "13008", 43.2403, 5.3811, 5},
    {"Aix-en-Provence", "13100", 43.5297, 5.4474, 3},
    {"Arles", "13200", 43.6766, 4.6278, 1},
    {"Nice", "06000", 43.7102, 7.2620, 5},
    {"Cannes", "06400", 43.5528, 7.0174, 2},
    {"Antibes", "06600", 43.5808, 7.1251, 2},
    {"Grasse", "06130", 43.6589, 6.9237, 1},
    {"Toulon", "83000", 43.1242, 5.9280, 4},
    {"Hyères", "83400", 43.1204, 6.1286, 1},
    {"Fréjus", "83600", 43.4330, 6.7370, 1},
    {"Avignon", "84000", 43.9493, 4.8055, 3},
    {"Orange", "84100", 44.1381, 4.8075, 1},
    {"Carpentras", "84200", 44.0556, 5.0480, 1},
    {"Digne-les-Bains", "04000", 44.0925, 6.2356, 1},
    {"Manosque", "04100", 43.8335, 5.7839, 1},
    {"Gap", "05000", 44.5594, 6.0786, 1},
    {"Briançon", "05100", 44.8986, 6.6435, 1},
    /* Corse */
    {"Ajaccio", "20000", 41.9192, 8.7386, 2},
    {"Porto-Vecchio", "20137", 41.5911, 9.2795, 1},
    {"Bastia", "20200", 42.6973, 9.4509, 2},
    {"Corte", "20250", 42.3063, 9.1500, 1},
    {"Calvi", "20260", 42.5679, 8.7570, 1},
    /* Occitanie */
    {"Toulouse", "31000", 43.6047, 1.4442, 6},
    {"Montauban", "82000", 44.0176, 1.3550, 2},
    {"Albi", "81000", 43.9289, 2.1464, 2},
    {"Castres", "81100", 43.6060, 2.2400, 1},
    {"Rodez", "12000", 44.3506, 2.5750, 1},
    {"Millau", "12100", 44.0975, 3.0778, 1},
    {"Cahors", "46000", 44.4475, 1.4419, 1},
    {"Auch", "32000", 43.6465, 0.5855, 1},
    {"Tarbes", "65000", 43.2328, 0.0781, 2},
    {"Lourdes", "65100", 43.0947, -0.0458, 1},
    {"Foix", "09000", 42.9653, 1.6076, 1},
    {"Montpellier", "34000", 43.6108, 3.8767, 5},
    {"Béziers", "34500", 43.3442, 3.2158, 2},
    {"Sète", "34200", 43.4028, 3.6928, 1},
    {"Nîmes", "30000", 43.8367, 4.3601, 3},
    {"Alès", "30100", 44.1250, 4.0810, 1},
    {"Carcassonne", "11000", 43.2130, 2.3491, 2},
    {"Narbonne", "11100", 43.1839, 3.0042, 2},
    {"Perpignan", "66000", 42.6887, 2.8948, 3},
    {"Mende", "48000", 44.5181, 3.5006, 1},
    /* Nouvelle-Aquitaine */
    {"Bordeaux", "33000", 44.8378, -0.5792, 6},
    {"Arcachon", "33120", 44.6586, -1.1689, 1},
    {"Libourne", "33500", 44.9153, -0.2439, 1},
    {"Mérignac", "33700", 44.8386, -0.6436, 2},
    {"Pau", "64000", 43.2951, -0.3708, 3},
    {"Bayonne", "64100", 43.4929, -1.4748, 2},
    {"Biarritz", "64200", 43.4832, -1.5586, 2},
    {"Dax", "40100", 43.7102, -1.0536, 1},
    {"Mont-de-Marsan", "40000", 43.8902, -0.4999, 1},
    {"Agen", "47000", 44.2033, 0.6163, 2},
    {"Périgueux", "24000", 45.1841, 0.7214, 2},
    {"Bergerac", "24100", 44.8533, 0.4833, 1},
    {"Sarlat-la-Canéda", "24200", 44.8890, 1.2166, 1},
    {"Limoges", "87000", 45.8336, 1.2611, 3},
    {"Brive-la-Gaillarde", "19100", 45.1589, 1.5331, 2},
    {"Tulle", "19000", 45.2658, 1.7722, 1},
    {"Guéret", "23000", 46.1715, 1.8717, 1},
    {"Poitiers", "86000", 46.5802, 0.3404, 3},
    {"Châtellerault", "86100", 46.8178, 0.5461, 1},
    {"Niort", "79000", 46.3237, -0.4588, 2},
    {"La Rochelle", "17000", 46.1603, -1.1511, 3},
    {"Rochefort", "17300", 45.9421, -0.9588, 1},
    {"Saintes", "17100", 45.7464, -0.6333, 1},
    {"Angoulême", "16000", 45.6484, 0.1562, 2},
    {"Cognac", "16100", 45.6958, -0.3287, 1},
    /* Outre-mer */
    {"Pointe-à-Pitre", "97110", 16.2411, -61.5331, 1},
    {"Les Abymes", "97139", 16.2710, -61.5046, 2},
    {"Basse-Terre", "97100", 15.9985, -61.7255, 1},
    {"Le Gosier", "97190", 16.2058, -61.4929, 1},
    {"Fort-de-France", "97200", 14.6161, -61.0588, 2},
    {"Le Lamentin", "97232", 14.6134, -60.9998, 1},
    {"Schœlcher", "97233", 14.6144, -61.0906, 1},
    {"Cayenne", "97300", 4.9224, -52.3135, 2},
    {"Kourou", "97310", 5.1599, -52.6504, 1},
    {"Saint-Laurent-du-Maroni", "97320", 5.4981, -54.0325, 1},
    {"Saint-Denis", "97400", -20.8821, 55.4507, 3},
    {"Saint-Pierre", "97410", -21.3393, 55.4781, 2},
    {"Saint-Paul", "97460", -21.0096, 55.2707, 2},
    {"Le Tampon", "97430", -21.2779, 55.5177, 1},
    {"Mamoudzou", "97600", -12.7806, 45.2278, 1},
};
/* clang-format on */

/* Telephone zones: the national prefix of fixed lines and the two digits
 * that follow in the département's main towns; overseas, the fixed and
 * mobile prefixes of their own numbering. */
struct dept_phone {
    const char *dept;
    const char *fixed;  /* "02", or "0590" overseas */
    const char *areas;  /* "99" or "40 51": the digits after "0Z" (metropolitan) */
    const char *mobile; /* overseas mobile prefixes ("0690"), NULL: 06/07 */
};

/* clang-format off */
static const struct dept_phone dept_phones[] = {
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

static const struct dept_phone *
dept_phone_find(const char *dept)
{
    for (size_t i = 0; i < PVI_COUNT_OF(dept_phones); i++)
        if (strcmp(dept_phones[i].dept, dept) == 0)
            return &dept_phones[i];
    return NULL;
}

const char *
pvi_seed_dept_phone_prefix(const char *dept)
{
    const struct dept_phone *d = dept ? dept_phone_find(dept) : NULL;
    return d ? d->fixed : NULL;
}

size_t
pvi_seed_commune_count(void)
{
    return PVI_COUNT_OF(communes);
}

const char *
pvi_seed_commune_postal_code(size_t i)
{
    return i < PVI_COUNT_OF(communes) ? communes[i].postal_code : NULL;
}

const char *
pvi_seed_commune_name(size_t i)
{
    return i < PVI_COUNT_OF(communes) ? communes[i].name : NULL;
}

/* Regions that colour names and spoken languages. */
enum region {
    R_OTHER,
    R_BRETAGNE,
    R_ALSACE,
    R_CORSE,
    R_BASQUE,
    R_SUD,
    R_NORD,
    R_CATALAN,
    R_REUNION,
    R_ANTILLES,
    R_GUYANE,
    R_MAYOTTE,
};

static enum region
region_of(const char *dept)
{
    static const struct {
        const char *depts;
        enum region r;
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

/* "à Rennes", "au Mans", "aux Sables-d'Olonne". */
static void
city_at(char *out, size_t cap, const char *city)
{
    if (strncmp(city, "Le ", 3) == 0)
        snprintf(out, cap, "au %s", city + 3);
    else if (strncmp(city, "Les ", 4) == 0)
        snprintf(out, cap, "aux %s", city + 4);
    else
        snprintf(out, cap, "à %s", city);
}

/* "de Rennes", "d'Angers", "du Mans", "des Abymes". */
static void
city_of(char *out, size_t cap, const char *city)
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

/* Street names: the part after the kind of way. */
/* clang-format off */
static const char *const street_names[] = {
    "Victor Hugo", "Jean Jaurès", "Pasteur", "Gambetta", "du Général de Gaulle", "Jean Moulin",
    "du Maréchal Foch", "Georges Clemenceau", "Aristide Briand", "Émile Zola", "de la République",
    "de la Gare", "du Maréchal Leclerc", "des Écoles", "de la Paix", "du 8 Mai 1945",
    "du 11 Novembre", "de Paris", "des Lilas", "du Stade", "de l'Église", "du Moulin",
    "des Tilleuls", "du Château", "de la Liberté", "Carnot", "Voltaire", "Jules Ferry",
    "Anatole France", "d'Alsace-Lorraine", "du Commerce", "de la Mairie", "des Acacias",
    "des Peupliers", "du Port", "de Verdun", "de Strasbourg", "Saint-Martin", "Saint-Michel",
    "Sadi Carnot", "Paul Bert", "Jean-Jacques Rousseau", "Marcel Pagnol", "Pierre Curie",
    "Marie Curie", "Albert Camus", "Louis Blériot", "des Vignes", "des Jardins", "du Marché",
    "des Fleurs", "de la Fontaine", "du Lavoir", "des Rosiers", "de la Forge", "du Pont",
    "de la Libération", "des Martyrs", "Henri Barbusse", "Gabriel Péri", "Jean Macé",
    "Lamartine", "Condorcet", "Montesquieu", "Diderot", "Colbert", "Thiers",
    "de Lattre de Tassigny", "du Président Wilson", "Roger Salengro", "Maurice Ravel",
    "Claude Debussy", "Frédéric Mistral", "des Cordeliers", "des Halles", "de l'Hôtel de Ville",
    "du Docteur Schweitzer", "Nelson Mandela", "Simone Veil", "Charles Péguy", "Edmond Rostand",
    "des Chênes", "des Mimosas", "du Calvaire", "des Prés", "de la Croix Blanche",
};
static const char *const street_kinds[] = {
    "rue", "rue", "rue", "rue", "rue", "rue", "rue", "rue", "rue", "rue", "rue",
    "avenue", "avenue", "avenue", "boulevard", "boulevard", "place", "chemin", "allée",
    "impasse", "cours",
};
static const char *const road_names[] = {
    "route de Paris", "route Nationale", "route de la Plage", "route du Moulin",
    "route des Vignes", "route de la Forêt", "route de la Gare",
};
static const char *const business_parks[] = {
    "ZA du Moulin", "ZA des Landes", "ZI Nord", "ZI Sud", "Zone artisanale du Bois",
    "Parc d'activités de la Gare", "ZA de la Croix", "Parc d'activités des Portes",
    "ZAC du Centre", "ZA des Trois Chênes",
};

/* "du Centre", "de la Gare": where a business is, for its name. */
static const char *const localities[] = {
    "du Centre", "du Marché", "de la Gare", "du Port", "de la Place", "de l'Église",
    "du Château", "du Pont", "de la Mairie", "des Halles", "du Lac", "du Moulin", "du Parc",
    "des Remparts", "de la Vallée", "des Tilleuls", "du Vieux Bourg", "de la Fontaine",
};
/* clang-format on */

/* ---- people ---- */

/* clang-format off */
static const char *const first_f[] = {
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Christine",
    "Sandrine", "Véronique", "Sophie", "Céline", "Stéphanie", "Julie", "Aurélie", "Émilie",
    "Caroline", "Laure", "Camille", "Claire", "Anne", "Hélène", "Élodie", "Mélanie", "Audrey",
    "Laetitia", "Virginie", "Karine", "Delphine", "Agnès", "Pauline", "Manon", "Léa", "Chloé",
    "Sarah", "Laura", "Marion", "Lucie", "Charlotte", "Emma", "Inès", "Mathilde", "Margaux",
    "Justine", "Anaïs", "Clémence", "Juliette", "Alice", "Louise", "Océane", "Morgane", "Élise",
    "Solène", "Gaëlle", "Maëlle", "Nadia", "Fatima", "Samia", "Corinne", "Brigitte", "Martine",
    "Chantal", "Patricia", "Béatrice", "Florence", "Cécile", "Muriel", "Séverine", "Estelle",
    "Amandine", "Coralie", "Noémie", "Zoé", "Jade", "Maëva", "Yasmine",
};
static const char *const first_m[] = {
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick",
    "Daniel", "Bernard", "Éric", "Laurent", "Frédéric", "Stéphane", "Olivier", "David",
    "Sébastien", "Thierry", "Pascal", "Julien", "Thomas", "Guillaume", "Vincent", "François",
    "Jérôme", "Antoine", "Maxime", "Alexandre", "Romain", "Mathieu", "Benjamin", "Kévin",
    "Anthony", "Jonathan", "Cédric", "Franck", "Didier", "Bruno", "Gilles", "Hervé", "Yves",
    "Serge", "Dominique", "Fabrice", "Arnaud", "Damien", "Florian", "Quentin", "Hugo", "Lucas",
    "Louis", "Théo", "Nathan", "Baptiste", "Clément", "Adrien", "Loïc", "Yann", "Erwan", "Gaël",
    "Ronan", "Mickaël", "Grégory", "Jérémy", "Rémi", "Paul", "Jacques", "Marc", "Xavier",
    "Samuel", "Karim", "Mehdi", "Rachid", "Sofiane", "Enzo", "Léo", "Gabriel", "Raphaël",
};
static const char *const surnames[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
    "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
    "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval",
    "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard",
    "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez",
    "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
    "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
    "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
    "Guillaume", "Lecomte", "Lopez", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier",
    "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher",
    "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry",
    "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron",
    "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Collet", "Léger", "Bouvier",
    "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Cousin", "Germain", "Breton", "Besson",
    "Langlois", "Rémy", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
    "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud",
    "Rodriguez", "Guichard", "Gillet", "Étienne", "Poulain", "Tessier", "Chevallier", "Collin",
    "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert",
    "Reynaud", "Antoine", "Perret", "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert",
    "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
};

/* Regional surnames, used for half of the businesses of their region. */
static const char *const names_bretagne[] = {
    "Le Gall", "Le Goff", "Le Roux", "Tanguy", "Le Bihan", "Kerbrat", "Le Guen", "Guillou",
    "Morvan", "Le Floch", "Riou", "Jaouen", "Le Corre", "Quéré", "Le Bris", "Le Berre",
};
static const char *const names_alsace[] = {
    "Muller", "Schmitt", "Meyer", "Weber", "Klein", "Schneider", "Fischer", "Wagner",
    "Hoffmann", "Koch", "Bauer", "Kieffer", "Zimmermann", "Schaeffer", "Ehrhart",
};
static const char *const names_corse[] = {
    "Santoni", "Leca", "Luciani", "Giudicelli", "Albertini", "Casanova", "Filippi", "Mattei",
    "Orsini", "Peretti", "Poli", "Pietri", "Colonna", "Paoli", "Cristofini",
};
static const char *const names_basque[] = {
    "Etcheverry", "Irigoyen", "Elissalde", "Iriart", "Harriague", "Larralde", "Arrieta",
    "Bidegain", "Etchegaray", "Ospital", "Duhalde", "Sallaberry",
};
static const char *const names_sud[] = {
    "Fabre", "Vidal", "Roux", "Bonnet", "Garcia", "Martinez", "Fernandez", "Lopez", "Sanchez",
    "Blanc", "Castel", "Pujol", "Estève", "Barthe", "Cazals", "Bousquet", "Peyre", "Rouquette",
};
static const char *const names_nord[] = {
    "Lefebvre", "Leclercq", "Deschamps", "Vasseur", "Delattre", "Delcourt", "Dubus", "Lemaire",
    "Desmet", "Vandenberghe", "Dhellemmes", "Lecoeuvre", "Dufossé", "Caron",
};
static const char *const names_catalan[] = {
    "Puig", "Vila", "Ferrer", "Bosch", "Soler", "Pons", "Camps", "Sala", "Roig", "Serra",
};
static const char *const names_reunion[] = {
    "Payet", "Hoarau", "Grondin", "Técher", "Boyer", "Fontaine", "Hoareau", "Lebon", "Rivière",
    "Maillot", "Nativel", "Turpin", "Dijoux", "Ramassamy", "Robert",
};
static const char *const names_antilles[] = {
    "Alexis", "Saint-Ange", "Marie-Sainte", "Jean-Louis", "Pierre-Louis", "Lubin", "Bellance",
    "Zénon", "Jean-Baptiste", "Rosine", "Théodore", "Valentin", "Célestine",
};
static const char *const names_guyane[] = {
    "Jean-Louis", "Ho-A-Chuck", "Alexandre", "Chow-Chine", "Horth", "Lama", "Edouard",
    "Pindard", "Lony", "Patient",
};
static const char *const names_mayotte[] = {
    "Abdallah", "Ahmed", "Madi", "Said", "Ali", "Soilihi", "Attoumani", "Ousseni", "Hamada",
    "Anli",
};
/* clang-format on */

static const char *
pick_surname(struct rng *r, enum region region)
{
#define REGIONAL(a)                                                                                \
    if (rng_chance(r, 50))                                                                         \
        return PICK(r, a);                                                                         \
    break
    switch (region) {
    case R_BRETAGNE:
        REGIONAL(names_bretagne);
    case R_ALSACE:
        REGIONAL(names_alsace);
    case R_CORSE:
        REGIONAL(names_corse);
    case R_BASQUE:
        REGIONAL(names_basque);
    case R_SUD:
        REGIONAL(names_sud);
    case R_NORD:
        REGIONAL(names_nord);
    case R_CATALAN:
        REGIONAL(names_catalan);
    case R_REUNION:
        REGIONAL(names_reunion);
    case R_ANTILLES:
        REGIONAL(names_antilles);
    case R_GUYANE:
        REGIONAL(names_guyane);
    case R_MAYOTTE:
        REGIONAL(names_mayotte);
    case R_OTHER:
        break;
    }
#undef REGIONAL
    return PICK(r, surnames);
}

/* ---- trades ---- */

/* Families of headings: each has its naming, hours, services and texts. */
enum family {
    F_FOOD,      /* food shops and producers */
    F_RESTO,     /* restaurants */
    F_BAR,       /* bars, cafés */
    F_DOCTOR,    /* "Dr Sophie Lefèvre — Chirurgien-dentiste" */
    F_CARE,      /* practitioners known by their name (paramedical, therapists) */
    F_PERSON,    /* other professionals known by their name (photographer, DJ…) */
    F_PHARMA,    /* pharmacies, opticians, hearing aids, laboratories */
    F_LAW,       /* lawyers, notaries, bailiffs: "Maître …" */
    F_PRO,       /* offices: accounting, architecture, agencies, insurance, bank */
    F_TRADE,     /* building and craft trades */
    F_AUTO,      /* cars, motorbikes, bicycles */
    F_TRANSPORT, /* taxis, ambulances, removals, transport */
    F_BEAUTY,    /* hairdressers, beauty salons */
    F_RETAIL,    /* shops */
    F_SERVICE,   /* services to people and companies */
    F_HOTEL,     /* hotels, campsites, gîtes */
    F_LEISURE,   /* sport, culture, leisure */
    F_EDU,       /* schools, courses, nurseries */
    F_ANIMAL,    /* vets, grooming, boarding */
    F__COUNT
};

/* Heading → family, first match wins: '=' exact, '^' prefix, else substring. */
/* clang-format off */
static const struct {
    const char *match;
    enum family f;
} family_rules[] = {
    {"=Brasserie artisanale", F_FOOD},
    {"=Bar", F_BAR},
    {"=Bar-tabac", F_BAR},
    {"=Café", F_BAR},
    {"=Discothèque", F_BAR},
    {"=Spa", F_BEAUTY},
    {"=Golf", F_LEISURE},
    {"=Cours de cuisine", F_EDU},
    {"=Cours de langues", F_EDU},
    {"=Entreprise de nettoyage", F_SERVICE},
    {"=Éducateur canin", F_ANIMAL},
    {"=Chauffeur VTC", F_TRANSPORT},
    {"=Maison de retraite", F_SERVICE},
    {"=Matériel médical (vente, location)", F_PHARMA},
    {"=Prothésiste dentaire", F_PHARMA},
    {"=Commissaire aux comptes", F_PRO},
    {"^Médecin", F_DOCTOR},
    {"=Cardiologue", F_DOCTOR},
    {"=Dermatologue", F_DOCTOR},
    {"=Gynécologue", F_DOCTOR},
    {"=Ophtalmologue", F_DOCTOR},
    {"=Pédiatre", F_DOCTOR},
    {"=Psychiatre", F_DOCTOR},
    {"=Radiologue", F_DOCTOR},
    {"=Chirurgien-dentiste", F_DOCTOR},
    {"=Orthodontiste", F_DOCTOR},
    {"=Acupuncteur", F_CARE},
    {"=Chiropracteur", F_CARE},
    {"=Diététicien", F_CARE},
    {"=Ergothérapeute", F_CARE},
    {"=Hypnothérapeute", F_CARE},
    {"=Infirmier", F_CARE},
    {"=Masseur-kinésithérapeute", F_CARE},
    {"=Naturopathe", F_CARE},
    {"=Orthophoniste", F_CARE},
    {"=Orthoptiste", F_CARE},
    {"=Ostéopathe", F_CARE},
    {"=Pédicure-podologue", F_CARE},
    {"^Psych", F_CARE},
    {"=Sage-femme", F_CARE},
    {"=Sophrologue", F_CARE},
    {"=Professeur de yoga", F_CARE},
    {"^Coach", F_PERSON},
    {"=Écrivain public", F_PERSON},
    {"=Généalogiste", F_PERSON},
    {"=Interprète", F_PERSON},
    {"=Traducteur", F_PERSON},
    {"=Détective privé", F_PERSON},
    {"=Photographe", F_PERSON},
    {"=Vidéaste", F_PERSON},
    {"=Disc-jockey", F_PERSON},
    {"=Organisateur de mariages", F_PERSON},
    {"=Assistante maternelle", F_PERSON},
    {"=Décorateur d'intérieur", F_PERSON},
    {"=Architecte d'intérieur", F_PERSON},
    {"=Accordeur de pianos", F_PERSON},
    {"^Pharmacie", F_PHARMA},
    {"=Parapharmacie", F_PHARMA},
    {"=Opticien", F_PHARMA},
    {"=Audioprothésiste", F_PHARMA},
    {"^Laboratoire", F_PHARMA},
    {"=Herboristerie", F_PHARMA},
    {"=Avocat", F_LAW},
    {"=Notaire", F_LAW},
    {"=Commissaire de justice", F_LAW},
    {"^Boulangerie", F_FOOD},
    {"=Pâtisserie", F_FOOD},
    {"^Boucherie", F_FOOD},
    {"=Charcuterie", F_FOOD},
    {"=Chocolatier", F_FOOD},
    {"=Confiserie", F_FOOD},
    {"=Fromagerie", F_FOOD},
    {"=Poissonnerie", F_FOOD},
    {"=Primeur", F_FOOD},
    {"^Épicerie", F_FOOD},
    {"=Caviste", F_FOOD},
    {"=Magasin bio", F_FOOD},
    {"=Supermarché", F_FOOD},
    {"=Traiteur", F_FOOD},
    {"=Torréfacteur", F_FOOD},
    {"=Glacier", F_FOOD},
    {"=Maraîcher", F_FOOD},
    {"=Vigneron", F_FOOD},
    {"=Apiculteur", F_FOOD},
    {"=Restaurant", F_RESTO},
    {"=Brasserie", F_RESTO},
    {"=Crêperie", F_RESTO},
    {"=Pizzeria", F_RESTO},
    {"=Restauration rapide", F_RESTO},
    {"=Salon de thé", F_RESTO},
    {"^Coiffeur", F_BEAUTY},
    {"=Barbier", F_BEAUTY},
    {"=Esthéticienne", F_BEAUTY},
    {"=Institut de beauté", F_BEAUTY},
    {"=Onglerie", F_BEAUTY},
    {"=Centre de bronzage", F_BEAUTY},
    {"=Tatoueur", F_BEAUTY},
    {"=Vétérinaire", F_ANIMAL},
    {"=Toilettage pour animaux", F_ANIMAL},
    {"=Pension pour animaux", F_ANIMAL},
    {"=Auto-école", F_EDU},
    {"=Soutien scolaire", F_EDU},
    {"=Organisme de formation", F_EDU},
    {"=Crèche", F_EDU},
    {"=Garde d'enfants", F_SERVICE},
    {"^École", F_LEISURE},
    {"^Hôtel", F_HOTEL},
    {"^Camping", F_HOTEL},
    {"=Gîte", F_HOTEL},
    {"=Chambre d'hôtes", F_HOTEL},
    {"=Résidence de tourisme", F_HOTEL},
    {"=Bowling", F_LEISURE},
    {"=Cinéma", F_LEISURE},
    {"^Salle d", F_LEISURE},
    {"=Centre équestre", F_LEISURE},
    {"^Club", F_LEISURE},
    {"=Galerie d'art", F_LEISURE},
    {"=Office de tourisme", F_LEISURE},
    {"=Taxi", F_TRANSPORT},
    {"=Ambulancier", F_TRANSPORT},
    {"=Autocariste", F_TRANSPORT},
    {"=Coursier", F_TRANSPORT},
    {"=Déménageur", F_TRANSPORT},
    {"=Transport de marchandises", F_TRANSPORT},
    {"=Livraison de fioul", F_TRANSPORT},
    {"^Garage", F_AUTO},
    {"=Carrosserie", F_AUTO},
    {"^Contrôle technique", F_AUTO},
    {"=Pneumatiques", F_AUTO},
    {"=Station de lavage", F_AUTO},
    {"=Station-service", F_AUTO},
    {"^Concessionnaire", F_AUTO},
    {"=Électricien automobile", F_AUTO},
    {"^Remplacement de pare-brise", F_AUTO},
    {"^Dépannage et remorquage", F_AUTO},
    {"^Vente de véhicules", F_AUTO},
    {"=Location de voitures", F_AUTO},
    {"=Location d'utilitaires", F_AUTO},
    {"^Camping-cars", F_AUTO},
    {"=Vélociste", F_AUTO},
    {"=Location de vélos", F_AUTO},
    {"=Expert-comptable", F_PRO},
    {"=Architecte", F_PRO},
    {"^Agence", F_PRO},
    {"^Agent général", F_PRO},
    {"^Courtier", F_PRO},
    {"^Conseiller", F_PRO},
    {"=Administrateur de biens", F_PRO},
    {"^Syndic", F_PRO},
    {"=Banque", F_PRO},
    {"=Cabinet de recrutement", F_PRO},
    {"^Bureau d'études", F_PRO},
    {"=Géomètre-expert", F_PRO},
    {"=Diagnostiqueur immobilier", F_PRO},
    {"^Domiciliation", F_PRO},
    {"=Promoteur immobilier", F_PRO},
    {"^Création de sites", F_PRO},
    {"^Secrétariat", F_PRO},
    {"=Société de gardiennage", F_PRO},
    {"=Imprimerie", F_SERVICE},
    {"=Reprographie", F_SERVICE},
    {"=Sérigraphie", F_SERVICE},
    {"=Aide à domicile", F_SERVICE},
    {"=Services à la personne", F_SERVICE},
    {"=Service de repassage", F_SERVICE},
    {"=Pressing", F_SERVICE},
    {"=Laverie automatique", F_SERVICE},
    {"=Cordonnerie", F_SERVICE},
    {"=Retouches de vêtements", F_SERVICE},
    {"=Atelier de couture", F_SERVICE},
    {"=Dépannage informatique", F_SERVICE},
    {"=Pompes funèbres", F_SERVICE},
    {"=Marbrier funéraire", F_SERVICE},
    {"=Garde-meubles", F_SERVICE},
    {"^Location de", F_SERVICE},
    {"=Horloger", F_SERVICE},
    {"=Encadreur", F_SERVICE},
    {"=Luthier", F_SERVICE},
    {"=Tailleur", F_SERVICE},
    {"=Débarras de maisons", F_SERVICE},
    {"=Dépannage électroménager", F_SERVICE},
    {"^Dératisation", F_SERVICE},
    {"^Plombier", F_TRADE},
    {"^Électricien", F_TRADE},
    {"=Chauffagiste", F_TRADE},
    {"=Climaticien", F_TRADE},
    {"=Couvreur", F_TRADE},
    {"=Charpentier", F_TRADE},
    {"=Maçon", F_TRADE},
    {"^Menuisier", F_TRADE},
    {"^Menuiserie", F_TRADE},
    {"^Peintre", F_TRADE},
    {"=Plâtrier", F_TRADE},
    {"=Plaquiste", F_TRADE},
    {"=Carreleur", F_TRADE},
    {"=Parqueteur", F_TRADE},
    {"=Serrurier", F_TRADE},
    {"=Vitrier", F_TRADE},
    {"=Miroitier", F_TRADE},
    {"=Métallier", F_TRADE},
    {"=Ferronnier", F_TRADE},
    {"=Chaudronnerie", F_TRADE},
    {"=Ébéniste", F_TRADE},
    {"=Storiste", F_TRADE},
    {"=Pisciniste", F_TRADE},
    {"=Paysagiste", F_TRADE},
    {"=Jardinier", F_TRADE},
    {"=Élagueur", F_TRADE},
    {"=Ramoneur", F_TRADE},
    {"=Antenniste", F_TRADE},
    {"^Entreprise", F_TRADE},
    {"^Installateur", F_TRADE},
    {"^Poseur", F_TRADE},
    {"^Ravalement", F_TRADE},
    {"^Revêtements", F_TRADE},
    {"=Désamiantage", F_TRADE},
    {"^Débouchage", F_TRADE},
    {"^Vidange de fosses", F_TRADE},
    {"^Traitement du bois", F_TRADE},
    {"=Cuisiniste", F_TRADE},
    {"^Constructeur", F_TRADE},
    {"^Cheminées", F_TRADE},
    {"^Restauration de meubles", F_TRADE},
    {"^Tapissier", F_TRADE},
    {"=Maréchal-ferrant", F_TRADE},
    {"=Scierie", F_TRADE},
    {"=Chantier naval", F_TRADE},
    {"=Sellerie", F_TRADE},
    {"^Fabricant", F_TRADE},
    {"^Négoce", F_TRADE},
    {"=Bois de chauffage", F_TRADE},
};
/* clang-format on */

static enum family
family_of(const char *activity)
{
    for (size_t i = 0; i < PVI_COUNT_OF(family_rules); i++) {
        const char *m = family_rules[i].match;
        if ((m[0] == '=' && strcmp(activity, m + 1) == 0) ||
            (m[0] == '^' && strncmp(activity, m + 1, strlen(m + 1)) == 0))
            return family_rules[i].f;
    }
    return F_RETAIL;
}

/* What a business of this heading calls itself ("Plomberie Martin"). */
/* clang-format off */
static const struct {
    const char *activity;
    const char *stem;
} stems[] = {
    {"Plombier", "Plomberie"},
    {"Électricien", "Électricité"},
    {"Chauffagiste", "Chauffage"},
    {"Climaticien", "Climatisation"},
    {"Couvreur", "Couverture"},
    {"Charpentier", "Charpente"},
    {"Maçon", "Maçonnerie"},
    {"Menuisier", "Menuiserie"},
    {"Peintre en bâtiment", "Peinture"},
    {"Plâtrier", "Plâtrerie"},
    {"Plaquiste", "Plâtrerie"},
    {"Carreleur", "Carrelage"},
    {"Parqueteur", "Parquets"},
    {"Serrurier", "Serrurerie"},
    {"Vitrier", "Vitrerie"},
    {"Miroitier", "Miroiterie"},
    {"Métallier", "Métallerie"},
    {"Ferronnier", "Ferronnerie"},
    {"Ébéniste", "Ébénisterie"},
    {"Storiste", "Stores"},
    {"Pisciniste", "Piscines"},
    {"Paysagiste", "Paysages"},
    {"Jardinier", "Jardins"},
    {"Élagueur", "Élagage"},
    {"Ramoneur", "Ramonage"},
    {"Antenniste", "Antennes"},
    {"Cuisiniste", "Cuisines"},
    {"Horloger", "Horlogerie"},
    {"Luthier", "Lutherie"},
    {"Tailleur", "Couture"},
    {"Encadreur", "Encadrement"},
    {"Coiffeur", "Coiffure"},
    {"Coiffeur à domicile", "Coiffure à domicile"},
    {"Esthéticienne", "Esthétique"},
    {"Tatoueur", "Tattoo"},
    {"Garage automobile", "Garage"},
    {"Garage moto", "Moto"},
    {"Fleuriste", "Fleurs"},
    {"Opticien", "Optique"},
    {"Audioprothésiste", "Audition"},
    {"Vétérinaire", "Clinique vétérinaire"},
    {"Déménageur", "Déménagements"},
    {"Ambulancier", "Ambulances"},
    {"Autocariste", "Autocars"},
    {"Coursier", "Coursiers"},
    {"Apiculteur", "Miellerie"},
    {"Vigneron", "Domaine"},
    {"Maraîcher", "Les Jardins"},
    {"Horticulteur", "Horticulture"},
    {"Pépiniériste", "Pépinières"},
    {"Caviste", "Cave"},
    {"Torréfacteur", "Brûlerie"},
    {"Chocolatier", "Chocolaterie"},
    {"Glacier", "Glaces"},
    {"Magasin bio", "Bio"},
    {"Vélociste", "Cycles"},
    {"Pneumatiques", "Pneus"},
    {"Agence immobilière", "Immobilier"},
    {"Agence de voyages", "Voyages"},
    {"Agence de communication", "Communication"},
    {"Agence de travail temporaire", "Intérim"},
    {"Agent général d'assurances", "Assurances"},
    {"Courtier en assurances", "Assurances"},
    {"Courtier en prêts immobiliers", "Courtage"},
    {"Conseiller en gestion de patrimoine", "Patrimoine"},
    {"Expert-comptable", "Expertise comptable"},
    {"Architecte", "Architecture"},
    {"Géomètre-expert", "Géomètres"},
    {"Diagnostiqueur immobilier", "Diagnostics"},
    {"Création de sites internet", "Web"},
    {"Entreprise de nettoyage", "Nettoyage"},
    {"Entreprise de maçonnerie", "Maçonnerie"},
    {"Entreprise de rénovation", "Rénovation"},
    {"Entreprise de terrassement", "Terrassement"},
    {"Entreprise de démolition", "Démolition"},
    {"Entreprise d'isolation", "Isolation"},
    {"Entreprise d'étanchéité", "Étanchéité"},
    {"Entreprise générale du bâtiment", "Bâtiment"},
    {"Dépannage informatique", "Informatique"},
    {"Magasin d'informatique", "Informatique"},
    {"Pompes funèbres", "Pompes funèbres"},
    {"Chauffeur VTC", "VTC"},
    {"Salle de sport", "Fitness"},
    {"Station-service", "Station"},
    {"Restauration rapide", "Snack"},
    {"Installateur de climatisation", "Climatisation"},
    {"Installateur de panneaux solaires", "Solaire"},
    {"Installateur de pompes à chaleur", "Énergies"},
    {"Installateur d'alarmes", "Alarmes"},
    {"Installateur de portails", "Portails"},
    {"Installateur de salles de bains", "Salles de bains"},
    {"Poseur de fenêtres", "Fenêtres"},
    {"Remplacement de pare-brise", "Pare-Brise"},
    {"Toilettage pour animaux", "Toilettage"},
    {"Pension pour animaux", "Pension canine"},
    {"Éducateur canin", "Éducation canine"},
    {"Fabricant de meubles", "Meubles"},
    {"Fabricant d'enseignes", "Enseignes"},
    {"Magasin de meubles", "Meubles"},
    {"Magasin de chaussures", "Chaussures"},
    {"Magasin de jouets", "Jouets"},
    {"Magasin de décoration", "Déco"},
    {"Magasin de tissus", "Tissus"},
    {"Magasin de bricolage", "Bricolage"},
    {"Magasin d'électroménager", "Électroménager"},
    {"Articles de sport", "Sports"},
    {"Articles de chasse et pêche", "Chasse et Pêche"},
    {"Articles de puériculture", "Bébé"},
    {"Instruments de musique", "Musique"},
    {"Cours de cuisine", "Atelier cuisine"},
    {"Cours de langues", "Langues"},
    {"Organisme de formation", "Formation"},
    {"Syndic de copropriété", "Syndic"},
    {"Transport de marchandises", "Transports"},
    {"Livraison de fioul", "Fioul"},
    {"Location de voitures", "Location"},
    {"Location d'utilitaires", "Location"},
    {"Location de matériel", "Location"},
    {"Location de salles", "Salle"},
    {"Location de vélos", "Vélos"},
    {"Vente de véhicules d'occasion", "Automobiles"},
    {"Dépannage et remorquage", "Dépannage"},
    {"Contrôle technique automobile", "Contrôle technique"},
    {"Concessionnaire automobile", "Automobiles"},
    {"Concessionnaire moto", "Motos"},
    {"Électricien automobile", "Auto Électricité"},
    {"Débouchage de canalisations", "Débouchage"},
    {"Vidange de fosses septiques", "Assainissement"},
    {"Ravalement de façades", "Façades"},
    {"Revêtements de sols", "Sols"},
    {"Négoce de matériaux de construction", "Matériaux"},
    {"Bois de chauffage", "Bois"},
    {"Cheminées et poêles", "Cheminées"},
    {"Constructeur de maisons individuelles", "Maisons"},
    {"Débarras de maisons", "Débarras"},
    {"Dépannage électroménager", "Dépannage"},
    {"Dératisation, désinsectisation", "Hygiène"},
    {"Service de repassage", "Repassage"},
    {"Services à la personne", "Services"},
    {"Retouches de vêtements", "Retouches"},
    {"Atelier de couture", "Couture"},
    {"Marbrier funéraire", "Marbrerie"},
    {"Bureau d'études techniques", "Études"},
    {"Cabinet de recrutement", "Recrutement"},
    {"Domiciliation d'entreprises", "Domiciliation"},
    {"Secrétariat à distance", "Secrétariat"},
    {"Société de gardiennage", "Sécurité"},
    {"Promoteur immobilier", "Promotion"},
    {"Administrateur de biens", "Gestion"},
    {"Camping-cars (vente, location)", "Camping-cars"},
    {"Matériel médical (vente, location)", "Médical"},
    {"Laboratoire d'analyses médicales", "Laboratoire"},
    {"Salle d'escalade", "Escalade"},
    {"Club d'arts martiaux", "Dojo"},
    {"Galerie d'art", "Galerie"},
    {"Laverie automatique", "Laverie"},
    {"Station de lavage", "Lavage"},
    {"Maison de la presse", "Presse"},
    {"Bureau de tabac", "Tabac"},
    {"Centre de bronzage", "Bronzage"},
    {"Institut de beauté", "Institut"},
    {"Maison de retraite", "Résidence"},
    {"Office de tourisme", "Office de tourisme"},
};
/* clang-format on */

static const char *
stem_of(const char *activity)
{
    for (size_t i = 0; i < PVI_COUNT_OF(stems); i++)
        if (strcmp(stems[i].activity, activity) == 0)
            return stems[i].stem;
    return activity;
}

/* The headings most small businesses have: half of the sites draw from
 * these, the other half from the whole list. */
/* clang-format off */
static const char *const popular[] = {
    "Plombier", "Électricien", "Coiffeur", "Restaurant", "Boulangerie-pâtisserie",
    "Garage automobile", "Chauffagiste", "Menuisier", "Peintre en bâtiment", "Maçon",
    "Couvreur", "Serrurier", "Paysagiste", "Institut de beauté", "Esthéticienne", "Pizzeria",
    "Boucherie-charcuterie", "Fleuriste", "Masseur-kinésithérapeute", "Ostéopathe",
    "Chirurgien-dentiste", "Médecin généraliste", "Infirmier", "Pharmacie", "Opticien",
    "Agence immobilière", "Expert-comptable", "Avocat", "Taxi", "Auto-école", "Carrosserie",
    "Crêperie", "Bar-tabac", "Boulangerie", "Carreleur", "Entreprise de nettoyage",
    "Vétérinaire", "Pressing", "Brasserie", "Hôtel", "Gîte", "Chambre d'hôtes", "Photographe",
    "Traiteur", "Barbier", "Fromagerie", "Caviste", "Primeur", "Déménageur", "Psychologue",
};
/* clang-format on */

/* ---- services (title, description, price range in cents; 0–0: no price) ---- */

struct service_tpl {
    const char *title;
    const char *desc; /* may be NULL */
    int lo, hi;
};

/* clang-format off */
static const struct service_tpl sv_bakery[] = {
    {"Baguette de tradition", "Pétrie et cuite sur place plusieurs fois par jour.", 110, 140},
    {"Pain de campagne au levain", "Levain naturel, farine de meule.", 320, 480},
    {"Croissant pur beurre", NULL, 100, 140},
    {"Pain au chocolat", NULL, 110, 150},
    {"Flan pâtissier (la part)", NULL, 250, 350},
    {"Tarte aux fruits de saison", "Six parts, sur commande la veille.", 1800, 2600},
    {"Fraisier", "De mai à septembre.", 2200, 3200},
    {"Galette des rois", "Frangipane maison, en janvier.", 1600, 2600},
    {"Plateau de viennoiseries pour réunions", "Livré le matin, sur commande.", 0, 0},
    {"Formule sandwich du midi", "Sandwich, boisson et dessert.", 750, 990},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_butcher[] = {
    {"Côte de bœuf maturée", "Race à viande, maturée quatre semaines (le kg).", 3200, 4600},
    {"Viande hachée minute", "Hachée devant vous (le kg).", 1400, 1900},
    {"Volailles fermières", "Label rouge, de la région.", 0, 0},
    {"Plats cuisinés du jour", NULL, 850, 1400},
    {"Colis de viande", "Assortiment pour la famille, sur commande.", 5900, 12900},
    {"Plateau barbecue", "Saucisses, merguez, brochettes marinées.", 2500, 4500},
    {"Charcuterie maison", "Pâtés, terrines et jambon cuit à l'os.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_plumber[] = {
    {"Dépannage fuite d'eau", "Intervention rapide, déplacement compris.", 9000, 15000},
    {"Débouchage évier, WC, canalisation", NULL, 9000, 18000},
    {"Remplacement de chauffe-eau", "Fourniture et pose, évacuation de l'ancien.", 90000, 160000},
    {"Création de salle de bains", "Étude, plans et chantier clé en main.", 0, 0},
    {"Remplacement de robinetterie", NULL, 8000, 16000},
    {"Recherche de fuite non destructive", NULL, 25000, 45000},
    {"Entretien de chaudière gaz", "Attestation d'entretien annuel fournie.", 9000, 14000},
    {"Détartrage de cumulus", NULL, 12000, 19000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_electrician[] = {
    {"Dépannage électrique", "Recherche de panne et remise en service.", 8000, 14000},
    {"Mise aux normes du tableau électrique", "Selon la norme NF C 15-100.", 90000, 180000},
    {"Pose de prises et d'éclairages", NULL, 6000, 12000},
    {"Diagnostic électrique", NULL, 12000, 20000},
    {"Installation de borne de recharge", "Installateur qualifié IRVE.", 120000, 180000},
    {"Pose de VMC", NULL, 60000, 120000},
    {"Interphone et visiophone", NULL, 30000, 80000},
    {"Rénovation électrique complète", "Devis gratuit après visite.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_hair[] = {
    {"Coupe femme", "Shampooing, coupe et coiffage.", 3200, 5200},
    {"Coupe homme", NULL, 1800, 2800},
    {"Coupe enfant (moins de 12 ans)", NULL, 1200, 1800},
    {"Brushing", NULL, 2200, 3500},
    {"Couleur", "Coloration d'oxydation ou végétale.", 4000, 6500},
    {"Mèches ou balayage", NULL, 6000, 9500},
    {"Soin profond", NULL, 1200, 2200},
    {"Chignon de mariage", "Essai compris, sur rendez-vous.", 6000, 9000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_barber[] = {
    {"Coupe homme", NULL, 1800, 2800},
    {"Taille de barbe", "À la tondeuse et au rasoir.", 1200, 1800},
    {"Rasage à l'ancienne", "Serviette chaude et rasoir droit.", 2500, 3500},
    {"Coupe et barbe", NULL, 3000, 4200},
    {"Soin du visage homme", NULL, 2500, 4000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_garage[] = {
    {"Vidange et filtre à huile", "Huile adaptée à votre véhicule.", 6900, 11900},
    {"Révision constructeur", "Préserve la garantie constructeur.", 14900, 29900},
    {"Remplacement des plaquettes de frein", "Essieu avant.", 8900, 15900},
    {"Kit de distribution", "Avec pompe à eau.", 39900, 79900},
    {"Montage et équilibrage de pneus", "Par pneu.", 1500, 2500},
    {"Diagnostic électronique", NULL, 4900, 8900},
    {"Recharge de climatisation", NULL, 6900, 9900},
    {"Préparation au contrôle technique", NULL, 3900, 5900},
    {"Géométrie et parallélisme", NULL, 5900, 8900},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_restaurant[] = {
    {"Menu du jour", "Entrée, plat et dessert, du mardi au vendredi midi.", 1450, 1950},
    {"Formule déjeuner", "Plat et dessert ou entrée et plat.", 1250, 1650},
    {"Menu découverte", "Cinq plats selon le marché.", 3500, 5500},
    {"Menu enfant", "Jusqu'à 10 ans.", 900, 1200},
    {"Plat du jour", NULL, 1100, 1500},
    {"Privatisation de la salle", "Anniversaires, repas d'entreprise, sur devis.", 0, 0},
    {"Vente à emporter", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_pizza[] = {
    {"Pizza Margherita", "Tomate, mozzarella fior di latte, basilic.", 900, 1100},
    {"Pizza Regina", "Tomate, mozzarella, jambon, champignons.", 1100, 1300},
    {"Pizza quatre fromages", NULL, 1200, 1400},
    {"Calzone", NULL, 1200, 1400},
    {"Pizza du moment", "Selon les produits de saison.", 1300, 1600},
    {"Tiramisu maison", NULL, 550, 700},
    {"Livraison à domicile", "Dans un rayon de 5 km.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_creperie[] = {
    {"Galette complète", "Jambon, œuf, emmental.", 850, 1050},
    {"Galette saucisse", NULL, 500, 700},
    {"Crêpe beurre sucre", NULL, 350, 450},
    {"Crêpe caramel au beurre salé", "Caramel maison.", 550, 700},
    {"Bolée de cidre fermier", NULL, 350, 450},
    {"Formule midi", "Galette, crêpe et bolée.", 1350, 1650},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_dentist[] = {
    {"Consultation et bilan bucco-dentaire", NULL, 2300, 2300},
    {"Détartrage", NULL, 2892, 2892},
    {"Soins des caries", NULL, 0, 0},
    {"Blanchiment des dents", "Après bilan, sur devis.", 40000, 60000},
    {"Couronnes et prothèses", "Reste à charge zéro possible.", 0, 0},
    {"Implantologie", "Sur devis après examen radiologique.", 0, 0},
    {"Urgences dentaires", "Créneaux réservés chaque jour.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_doctor[] = {
    {"Consultation", "Secteur 1, carte Vitale acceptée.", 3000, 3000},
    {"Consultation de l'enfant", NULL, 3000, 3000},
    {"Visite à domicile", "Pour les patients qui ne peuvent se déplacer.", 0, 0},
    {"Certificat de non contre-indication au sport", NULL, 0, 0},
    {"Vaccinations", NULL, 0, 0},
    {"Suivi des maladies chroniques", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_physio[] = {
    {"Rééducation post-opératoire", "Sur prescription médicale.", 0, 0},
    {"Kinésithérapie du sport", NULL, 0, 0},
    {"Rééducation périnéale", NULL, 0, 0},
    {"Drainage lymphatique", NULL, 0, 0},
    {"Kinésithérapie respiratoire", "Nourrissons et adultes.", 0, 0},
    {"Massage bien-être", "Non remboursé.", 4500, 6500},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_osteo[] = {
    {"Consultation adulte", "Séance d'environ 45 minutes.", 5500, 7000},
    {"Consultation enfant et nourrisson", NULL, 4500, 6000},
    {"Suivi de la femme enceinte", NULL, 5500, 7000},
    {"Ostéopathie du sportif", NULL, 5500, 7000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_beauty[] = {
    {"Soin du visage", "Nettoyage, gommage, masque et modelage.", 4500, 7500},
    {"Épilation jambes complètes", NULL, 2800, 3800},
    {"Manucure", NULL, 2200, 3200},
    {"Pose de vernis semi-permanent", NULL, 2800, 3800},
    {"Beauté des pieds", NULL, 3000, 4200},
    {"Massage relaxant", "Une heure.", 5500, 7500},
    {"Rehaussement de cils", NULL, 5000, 6500},
    {"Maquillage de mariée", "Essai compris.", 7000, 11000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_florist[] = {
    {"Bouquet du jour", "Fleurs de saison.", 2500, 4500},
    {"Composition florale", NULL, 3500, 9000},
    {"Fleurs de deuil", "Gerbes, couronnes, coussins.", 6000, 18000},
    {"Décoration de mariage", "Sur devis après rendez-vous.", 0, 0},
    {"Plantes d'intérieur", NULL, 0, 0},
    {"Livraison", "Le jour même pour toute commande avant 14 h.", 800, 1500},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_locksmith[] = {
    {"Ouverture de porte claquée", NULL, 8900, 14900},
    {"Changement de serrure", "Serrure trois points A2P.", 19000, 45000},
    {"Blindage de porte", NULL, 120000, 250000},
    {"Reproduction de clés", NULL, 500, 2500},
    {"Installation de coffre-fort", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_roofer[] = {
    {"Réparation de toiture", "Recherche de fuite et remplacement des tuiles.", 0, 0},
    {"Démoussage et traitement", "Nettoyage et hydrofuge.", 1500, 2500},
    {"Zinguerie et gouttières", NULL, 0, 0},
    {"Pose de fenêtres de toit", NULL, 90000, 160000},
    {"Isolation des combles", NULL, 0, 0},
    {"Réfection complète de couverture", "Ardoise, tuile ou zinc.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_estate[] = {
    {"Estimation gratuite", "Avis de valeur sous 48 heures.", 0, 0},
    {"Vente de maisons et appartements", NULL, 0, 0},
    {"Location", NULL, 0, 0},
    {"Gestion locative", "Encaissement des loyers, états des lieux.", 0, 0},
    {"Viager", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_lawyer[] = {
    {"Première consultation", "Au cabinet ou en visioconférence.", 6000, 12000},
    {"Droit de la famille", "Divorce, garde des enfants, pension.", 0, 0},
    {"Droit du travail", NULL, 0, 0},
    {"Droit immobilier", NULL, 0, 0},
    {"Droit pénal", NULL, 0, 0},
    {"Médiation", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_notary[] = {
    {"Vente immobilière", NULL, 0, 0},
    {"Succession", NULL, 0, 0},
    {"Donation", NULL, 0, 0},
    {"Contrat de mariage", NULL, 0, 0},
    {"PACS", NULL, 0, 0},
    {"Création de société", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_accountant[] = {
    {"Tenue de comptabilité", "Mensuelle ou trimestrielle.", 0, 0},
    {"Bilan et liasse fiscale", NULL, 0, 0},
    {"Création d'entreprise", "Choix du statut, prévisionnel.", 0, 0},
    {"Gestion de la paie", "Par bulletin.", 2500, 4000},
    {"Conseil fiscal", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_driving[] = {
    {"Permis B — forfait 20 heures", "Code et conduite.", 119000, 169000},
    {"Heure de conduite", NULL, 4800, 6200},
    {"Code de la route", "Accès en ligne et en salle.", 2900, 4900},
    {"Conduite accompagnée", "Dès 15 ans.", 0, 0},
    {"Permis moto A2", NULL, 80000, 120000},
    {"Stage de récupération de points", NULL, 20000, 25000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_optician[] = {
    {"Lunettes de vue", "Montures de créateurs et offre 100 % santé.", 0, 0},
    {"Lentilles de contact", NULL, 0, 0},
    {"Lunettes de soleil à la vue", NULL, 0, 0},
    {"Examen de la vue", "Gratuit, sur rendez-vous.", 0, 0},
    {"Réparation et ajustage", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_pharmacy[] = {
    {"Conseil et orientation", NULL, 0, 0},
    {"Préparations magistrales", NULL, 0, 0},
    {"Orthopédie et contention", NULL, 0, 0},
    {"Location de matériel médical", NULL, 0, 0},
    {"Vaccination contre la grippe", "Sans rendez-vous en saison.", 0, 0},
    {"Tests et dépistages", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_vet[] = {
    {"Consultation", NULL, 4000, 5500},
    {"Vaccination", "Chiens, chats, NAC.", 5500, 8000},
    {"Stérilisation", NULL, 9000, 30000},
    {"Identification par puce", NULL, 6000, 8000},
    {"Chirurgie", NULL, 0, 0},
    {"Urgences", "Sur appel, soirs et week-ends.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_hotel[] = {
    {"Chambre double", "Petit-déjeuner non compris.", 6900, 13900},
    {"Chambre familiale", "Jusqu'à quatre personnes.", 9900, 17900},
    {"Petit-déjeuner buffet", NULL, 900, 1600},
    {"Parking privé", NULL, 800, 1500},
    {"Salle de séminaire", "Sur devis.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_taxi[] = {
    {"Transport médical conventionné", "Agréé CPAM.", 0, 0},
    {"Transfert gare et aéroport", NULL, 0, 0},
    {"Longues distances", "Sur devis.", 0, 0},
    {"Courses de nuit", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_gym[] = {
    {"Abonnement mensuel", "Sans engagement.", 2990, 4990},
    {"Séance de coaching individuel", NULL, 4000, 6500},
    {"Cours collectifs", "Pilates, cross-training, cycling.", 0, 0},
    {"Bilan forme", NULL, 0, 3000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_photo[] = {
    {"Reportage de mariage", "Journée complète, galerie en ligne.", 120000, 250000},
    {"Séance portrait", "Une heure, dix photos retouchées.", 15000, 25000},
    {"Photos d'identité", NULL, 1000, 1500},
    {"Photographie d'entreprise", "Portraits d'équipe, locaux, produits.", 0, 0},
    {"Retouche et restauration", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_removal[] = {
    {"Déménagement de particuliers", "Visite technique gratuite.", 0, 0},
    {"Garde-meubles", "Le m³ par mois.", 1500, 3000},
    {"Monte-meubles", NULL, 25000, 45000},
    {"Cartons et emballage", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_heating[] = {
    {"Entretien de chaudière", "Attestation fournie.", 9000, 15000},
    {"Installation de pompe à chaleur", "Aides de l'État déduites sur devis.", 0, 0},
    {"Remplacement de chaudière", NULL, 0, 0},
    {"Plancher chauffant", NULL, 0, 0},
    {"Dépannage chauffage", "Sous 24 heures.", 9000, 14000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_cleaning[] = {
    {"Nettoyage de bureaux", "Contrat régulier.", 0, 0},
    {"Nettoyage de vitres", NULL, 0, 0},
    {"Nettoyage de fin de chantier", NULL, 0, 0},
    {"Entretien des parties communes", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};

static const struct service_tpl sv_hearing[] = {
    {"Bilan auditif", "Gratuit, sur rendez-vous.", 0, 0},
    {"Appareils auditifs 100 % santé", "Sans reste à charge.", 0, 0},
    {"Essai gratuit d'un mois", NULL, 0, 0},
    {"Entretien et réglages", "Inclus pendant toute la durée de vie de l'appareil.", 0, 0},
    {"Protections auditives sur mesure", NULL, 9000, 16000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_lab[] = {
    {"Prises de sang", "Sans rendez-vous, à jeun le matin.", 0, 0},
    {"Résultats en ligne", NULL, 0, 0},
    {"Prélèvements à domicile", "Sur prescription.", 0, 0},
    {"Tests et dépistages", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_bailiff[] = {
    {"Constats", "Voisinage, travaux, internet.", 25000, 45000},
    {"Recouvrement de créances", NULL, 0, 0},
    {"Signification d'actes", NULL, 0, 0},
    {"États des lieux", NULL, 15000, 30000},
    {NULL, NULL, 0, 0},
};

/* Per family, for headings without their own list. */
static const struct service_tpl sv_food[] = {
    {"Produits frais de saison", NULL, 0, 0},
    {"Plateaux et paniers garnis", "Sur commande 48 heures à l'avance.", 2500, 8000},
    {"Commandes pour vos réceptions", NULL, 0, 0},
    {"Dégustation en boutique", "Le samedi matin.", 0, 0},
    {"Livraison à domicile", "Pour toute commande de plus de 30 €.", 0, 500},
    {"Bons cadeaux", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_resto[] = {
    {"Formule du midi", NULL, 1200, 1700},
    {"Carte du soir", NULL, 0, 0},
    {"Desserts maison", NULL, 600, 900},
    {"Vente à emporter", NULL, 0, 0},
    {"Groupes et réceptions", "Sur réservation.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_bar[] = {
    {"Café et petit-déjeuner", NULL, 180, 650},
    {"Retransmissions sportives", NULL, 0, 0},
    {"Terrasse", NULL, 0, 0},
    {"Soirées à thème", "Le vendredi soir.", 0, 0},
    {"Planches apéritives", NULL, 1200, 2200},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_care[] = {
    {"Première consultation", "Bilan et conseils personnalisés.", 5000, 8000},
    {"Séance de suivi", NULL, 4500, 7000},
    {"Consultation à domicile", NULL, 0, 0},
    {"Téléconsultation", NULL, 4500, 6500},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_person[] = {
    {"Premier rendez-vous", "Gratuit et sans engagement.", 0, 0},
    {"Prestation à la demi-journée", NULL, 15000, 35000},
    {"Prestation à la journée", NULL, 30000, 60000},
    {"Forfait sur mesure", "Sur devis.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_pro[] = {
    {"Premier rendez-vous", "Gratuit, au bureau ou en visioconférence.", 0, 0},
    {"Étude personnalisée", NULL, 0, 0},
    {"Accompagnement des entreprises", NULL, 0, 0},
    {"Accompagnement des particuliers", NULL, 0, 0},
    {"Suivi annuel", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_trade[] = {
    {"Devis gratuit", "Visite et conseil sur place.", 0, 0},
    {"Dépannage", "Intervention rapide.", 8000, 15000},
    {"Travaux de rénovation", NULL, 0, 0},
    {"Travaux neufs", NULL, 0, 0},
    {"Entretien et maintenance", NULL, 0, 0},
    {"Chantier clé en main", "Coordination de tous les corps de métier.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_auto[] = {
    {"Entretien toutes marques", NULL, 0, 0},
    {"Diagnostic", NULL, 4900, 8900},
    {"Véhicule de prêt", "Sur réservation.", 0, 0},
    {"Devis gratuit", NULL, 0, 0},
    {"Location", "À la journée ou à la semaine.", 4000, 9000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_transport[] = {
    {"Devis gratuit", NULL, 0, 0},
    {"Transport sur réservation", "7 jours sur 7.", 0, 0},
    {"Longues distances", NULL, 0, 0},
    {"Urgences", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_retail[] = {
    {"Conseil personnalisé", NULL, 0, 0},
    {"Commande et réservation", "Retrait en magasin sous 48 heures.", 0, 0},
    {"Emballage cadeau", "Offert.", 0, 0},
    {"Carte de fidélité", NULL, 0, 0},
    {"Livraison", NULL, 500, 1500},
    {"Bons cadeaux", NULL, 2000, 10000},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_service[] = {
    {"Devis gratuit", NULL, 0, 0},
    {"Prestation sur rendez-vous", NULL, 0, 0},
    {"Intervention à domicile", NULL, 0, 0},
    {"Tarifs dégressifs", "Pour les contrats réguliers.", 0, 0},
    {"Service express", "Sous 24 heures.", 500, 2500},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_leisure[] = {
    {"Entrée adulte", NULL, 800, 1600},
    {"Tarif réduit", "Étudiants, moins de 18 ans.", 500, 1000},
    {"Abonnement annuel", NULL, 15000, 45000},
    {"Anniversaires et groupes", "Sur réservation.", 0, 0},
    {"Cours d'initiation", NULL, 1500, 3500},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_edu[] = {
    {"Cours individuel", "Une heure.", 2500, 4500},
    {"Cours collectif", NULL, 1200, 2500},
    {"Stage pendant les vacances", NULL, 12000, 30000},
    {"Bilan de niveau", "Gratuit.", 0, 0},
    {"Inscription annuelle", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct service_tpl sv_animal[] = {
    {"Toilettage complet", "Bain, coupe, griffes.", 3500, 7500},
    {"Garde à la journée", NULL, 1500, 2500},
    {"Pension", "La nuit.", 1500, 2800},
    {"Conseils en alimentation", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};

static const struct {
    const char *activity;
    const struct service_tpl *list;
} activity_services[] = {
    {"Boulangerie", sv_bakery},
    {"Boulangerie-pâtisserie", sv_bakery},
    {"Pâtisserie", sv_bakery},
    {"Boucherie", sv_butcher},
    {"Boucherie-charcuterie", sv_butcher},
    {"Charcuterie", sv_butcher},
    {"Plombier", sv_plumber},
    {"Débouchage de canalisations", sv_plumber},
    {"Électricien", sv_electrician},
    {"Coiffeur", sv_hair},
    {"Coiffeur à domicile", sv_hair},
    {"Barbier", sv_barber},
    {"Garage automobile", sv_garage},
    {"Restaurant", sv_restaurant},
    {"Brasserie", sv_restaurant},
    {"Pizzeria", sv_pizza},
    {"Crêperie", sv_creperie},
    {"Chirurgien-dentiste", sv_dentist},
    {"Orthodontiste", sv_dentist},
    {"Médecin généraliste", sv_doctor},
    {"Pédiatre", sv_doctor},
    {"Masseur-kinésithérapeute", sv_physio},
    {"Ostéopathe", sv_osteo},
    {"Chiropracteur", sv_osteo},
    {"Esthéticienne", sv_beauty},
    {"Institut de beauté", sv_beauty},
    {"Onglerie", sv_beauty},
    {"Spa", sv_beauty},
    {"Fleuriste", sv_florist},
    {"Serrurier", sv_locksmith},
    {"Couvreur", sv_roofer},
    {"Agence immobilière", sv_estate},
    {"Administrateur de biens", sv_estate},
    {"Avocat", sv_lawyer},
    {"Notaire", sv_notary},
    {"Expert-comptable", sv_accountant},
    {"Auto-école", sv_driving},
    {"Opticien", sv_optician},
    {"Pharmacie", sv_pharmacy},
    {"Parapharmacie", sv_pharmacy},
    {"Vétérinaire", sv_vet},
    {"Hôtel", sv_hotel},
    {"Chambre d'hôtes", sv_hotel},
    {"Taxi", sv_taxi},
    {"Ambulancier", sv_taxi},
    {"Chauffeur VTC", sv_taxi},
    {"Salle de sport", sv_gym},
    {"Coach sportif", sv_gym},
    {"Photographe", sv_photo},
    {"Vidéaste", sv_photo},
    {"Déménageur", sv_removal},
    {"Chauffagiste", sv_heating},
    {"Installateur de pompes à chaleur", sv_heating},
    {"Entreprise de nettoyage", sv_cleaning},
    {"Audioprothésiste", sv_hearing},
    {"Laboratoire d'analyses médicales", sv_lab},
    {"Commissaire de justice", sv_bailiff},
};

static const struct service_tpl *const family_services[F__COUNT] = {
    [F_FOOD] = sv_food,         [F_RESTO] = sv_resto,     [F_BAR] = sv_bar,
    [F_DOCTOR] = sv_doctor,     [F_CARE] = sv_care,       [F_PERSON] = sv_person,
    [F_PHARMA] = sv_pharmacy,   [F_LAW] = sv_lawyer,      [F_PRO] = sv_pro,
    [F_TRADE] = sv_trade,       [F_AUTO] = sv_auto,       [F_TRANSPORT] = sv_transport,
    [F_BEAUTY] = sv_beauty,     [F_RETAIL] = sv_retail,   [F_SERVICE] = sv_service,
    [F_HOTEL] = sv_hotel,       [F_LEISURE] = sv_leisure, [F_EDU] = sv_edu,
    [F_ANIMAL] = sv_animal,
};
/* clang-format on */

static const struct service_tpl *
services_of(const char *activity, enum family f)
{
    for (size_t i = 0; i < PVI_COUNT_OF(activity_services); i++)
        if (strcmp(activity_services[i].activity, activity) == 0)
            return activity_services[i].list;
    return family_services[f];
}

/* ---- texts: {name} {city} {at_city} {of_city} {act} {Act} {first} {last} {year} ---- */

/* clang-format off */
static const char *const taglines[F__COUNT][4] = {
    [F_FOOD] = {"Fait maison, chaque jour depuis {year}", "Des produits frais et de saison",
                "Artisan {at_city} depuis {year}", "Le goût des bonnes choses, {at_city}"},
    [F_RESTO] = {"Cuisine maison et produits du marché", "Une table conviviale {at_city}",
                 "Ouvert midi et soir, réservation conseillée", "Cuisine de saison depuis {year}"},
    [F_BAR] = {"Votre rendez-vous {at_city}", "Café, terrasse et bonne humeur",
               "Le bar du quartier depuis {year}", "Un accueil chaleureux 6 jours sur 7"},
    [F_DOCTOR] = {"Consultations sur rendez-vous", "Cabinet {at_city}",
                  "Conventionné secteur 1, carte Vitale acceptée", "Prise de rendez-vous par téléphone"},
    [F_CARE] = {"À votre écoute, sur rendez-vous", "Cabinet {at_city}",
                "Consultations au cabinet et à domicile", "Un accompagnement personnalisé"},
    [F_PERSON] = {"{Act} {at_city} et dans toute la région", "Un travail soigné et sur mesure",
                  "Devis gratuit et sans engagement", "À votre service depuis {year}"},
    [F_PHARMA] = {"Conseil et écoute {at_city}", "Votre santé au quotidien",
                  "Tiers payant et carte Vitale", "Une équipe à votre service depuis {year}"},
    [F_LAW] = {"Conseil et défense de vos intérêts", "Étude {at_city} depuis {year}",
               "Sur rendez-vous au cabinet ou en visioconférence", "Écoute, rigueur et disponibilité"},
    [F_PRO] = {"Votre partenaire {at_city} depuis {year}", "Des conseils clairs et personnalisés",
               "Particuliers et professionnels", "Premier rendez-vous offert"},
    [F_TRADE] = {"Dépannage rapide {at_city} et alentours", "Devis gratuit sous 48 heures",
                 "Artisan qualifié depuis {year}", "Travail soigné, délais respectés"},
    [F_AUTO] = {"Toutes marques, devis gratuit", "Votre garage de confiance {at_city}",
                "Entretien et réparation depuis {year}", "Rapidité, qualité, prix justes"},
    [F_TRANSPORT] = {"7 jours sur 7, sur réservation", "{Act} {at_city} et dans toute la région",
                     "Ponctualité et sécurité depuis {year}", "Devis gratuit par téléphone"},
    [F_BEAUTY] = {"Prenez soin de vous {at_city}", "Avec ou sans rendez-vous",
                  "Un moment de détente rien que pour vous", "L'élégance au naturel depuis {year}"},
    [F_RETAIL] = {"Le conseil d'un spécialiste {at_city}", "Votre boutique depuis {year}",
                  "Un large choix et des conseils avisés", "Commerce indépendant {at_city}"},
    [F_SERVICE] = {"À votre service {at_city}", "Rapide, soigné, au juste prix",
                   "Depuis {year} à vos côtés", "Devis gratuit et sans engagement"},
    [F_HOTEL] = {"Au calme, {at_city}", "Un accueil familial depuis {year}",
                 "Chambres confortables et petit-déjeuner maison", "Votre étape {at_city}"},
    [F_LEISURE] = {"Pour petits et grands {at_city}", "Sport, détente et convivialité",
                   "Ouvert toute l'année", "Venez nous rencontrer {at_city}"},
    [F_EDU] = {"Apprendre à son rythme", "Des formateurs diplômés depuis {year}",
               "Inscriptions toute l'année", "Réussir avec vous {at_city}"},
    [F_ANIMAL] = {"Le bien-être de vos compagnons", "Chiens, chats et NAC {at_city}",
                  "Sur rendez-vous, urgences assurées", "Des soins attentionnés depuis {year}"},
};

static const char *const intro_paragraphs[] = {
    "{name} vous accueille {at_city} depuis {year}.",
    "Installé {at_city} depuis {year}, {name} est une entreprise indépendante attachée au "
    "service de proximité.",
    "Depuis {year}, {first} {last} et son équipe mettent leur savoir-faire à votre service "
    "{at_city} et dans les communes voisines.",
    "Bienvenue chez {name} ! {first} {last} a repris l'affaire en {year} avec l'envie de "
    "faire encore mieux.",
    "{name}, c'est une histoire de famille commencée en {year} {at_city}.",
    "Vous cherchez un professionnel de confiance {at_city} ? {name} vous accompagne depuis "
    "{year}.",
};

/* For businesses named after a person ("Dr Sophie Lefèvre — Dermatologue"). */
static const char *const person_intro_paragraphs[] = {
    "{name} vous reçoit {at_city} depuis {year}.",
    "Au cabinet depuis {year}, {name} vous accueille {at_city} sur rendez-vous.",
    "{name} exerce {at_city} depuis {year}, au service des particuliers comme des "
    "professionnels.",
};

static const char *const family_paragraphs[F__COUNT][3] = {
    [F_FOOD] = {"Tous nos produits sont préparés sur place à partir de matières premières "
                "sélectionnées auprès de producteurs de la région.",
                "Nous privilégions les circuits courts et les produits de saison : ce que vous "
                "trouvez en boutique change au fil de l'année.",
                "Pour vos fêtes et réceptions, pensez à commander quelques jours à l'avance : "
                "nous préparons tout selon vos envies."},
    [F_RESTO] = {"Notre cuisine est faite maison à partir de produits frais, achetés au marché "
                 "et chez les producteurs du coin.",
                 "La carte change avec les saisons ; le midi, une formule rapide permet de "
                 "déjeuner en moins d'une heure.",
                 "Notre salle accueille aussi vos repas de famille et d'entreprise : demandez-nous "
                 "un menu sur mesure."},
    [F_BAR] = {"Du premier café du matin à l'apéritif entre amis, nous vous accueillons dans "
               "une ambiance conviviale.",
               "Aux beaux jours, profitez de notre terrasse ensoleillée.",
               "Retrouvez chaque semaine nos soirées à thème et les grands matchs sur écran."},
    [F_DOCTOR] = {"Le cabinet reçoit sur rendez-vous ; des créneaux sont réservés chaque jour "
                  "aux urgences.",
                  "Merci de vous munir de votre carte Vitale et de vos derniers examens.",
                  "Le cabinet est accessible aux personnes à mobilité réduite."},
    [F_CARE] = {"Chaque prise en charge commence par un bilan complet pour adapter les séances "
                "à vos besoins.",
                "Les consultations ont lieu au cabinet, et à domicile pour les personnes qui ne "
                "peuvent pas se déplacer.",
                "Je travaille en lien avec les médecins et les autres professionnels de santé du "
                "secteur."},
    [F_PERSON] = {"Chaque projet est unique : nous commençons toujours par un échange pour bien "
                  "comprendre vos attentes.",
                  "Je me déplace dans tout le département et au-delà sur demande.",
                  "Un devis détaillé vous est remis sous 48 heures, sans engagement."},
    [F_PHARMA] = {"Notre équipe vous conseille et vous oriente au quotidien, avec ou sans "
                  "ordonnance.",
                  "Nous pratiquons le tiers payant avec la plupart des mutuelles.",
                  "Retrouvez en officine un large choix de produits de parapharmacie et de "
                  "matériel médical."},
    [F_LAW] = {"Le cabinet conseille et accompagne particuliers et entreprises, en amiable comme "
               "en contentieux.",
               "Une première consultation permet de faire le point sur votre situation et "
               "d'envisager les solutions possibles.",
               "Les honoraires sont fixés à l'avance dans une convention claire."},
    [F_PRO] = {"Nous accompagnons aussi bien les particuliers que les entreprises, avec des "
               "conseils clairs et personnalisés.",
               "Un interlocuteur unique suit votre dossier du premier rendez-vous à la fin de "
               "la mission.",
               "Nos bureaux vous accueillent du lundi au vendredi, et nous nous déplaçons sur "
               "demande."},
    [F_TRADE] = {"Nous intervenons pour les particuliers comme pour les professionnels, en "
                 "neuf comme en rénovation.",
                 "Chaque chantier commence par une visite gratuite et un devis détaillé, sans "
                 "surprise.",
                 "Nos artisans sont formés aux dernières normes et nos travaux sont couverts "
                 "par la garantie décennale."},
    [F_AUTO] = {"Nous entretenons et réparons les véhicules de toutes marques, dans le respect "
                "des préconisations constructeur.",
                "Un devis vous est remis avant toute intervention, et nous vous appelons si "
                "nous découvrons autre chose.",
                "Un véhicule de prêt peut vous être proposé pendant les réparations."},
    [F_TRANSPORT] = {"Nous assurons vos trajets et transports 7 jours sur 7, sur simple "
                     "réservation.",
                     "Nos véhicules sont récents, entretenus et équipés pour votre confort.",
                     "Un devis gratuit vous est remis par téléphone ou par e-mail."},
    [F_BEAUTY] = {"Dans un cadre chaleureux, notre équipe prend le temps de vous conseiller.",
                  "Nous utilisons des produits de qualité, respectueux de votre peau et de vos "
                  "cheveux.",
                  "Offrez un moment de détente : des bons cadeaux sont disponibles au salon."},
    [F_RETAIL] = {"Notre boutique vous propose une sélection de produits choisis avec soin.",
                  "Nous prenons le temps de vous conseiller et commandons pour vous les articles "
                  "absents du magasin.",
                  "Fidèles clients : demandez votre carte de fidélité en caisse."},
    [F_SERVICE] = {"Nous intervenons rapidement, avec des tarifs clairs annoncés à l'avance.",
                   "Particuliers, professionnels et collectivités nous font confiance.",
                   "Notre équipe est disponible pour répondre à toutes vos questions."},
    [F_HOTEL] = {"Nos chambres, toutes rénovées, disposent d'une salle d'eau privative et du "
                 "wifi gratuit.",
                 "Le petit-déjeuner est servi chaque matin avec des produits locaux.",
                 "Idéalement situé pour découvrir la région, à pied ou à vélo."},
    [F_LEISURE] = {"Débutants ou confirmés, petits et grands, chacun trouve ici une activité à "
                   "sa mesure.",
                   "Nos encadrants diplômés vous accueillent toute l'année.",
                   "Anniversaires, groupes et comités d'entreprise : contactez-nous pour une "
                   "formule sur mesure."},
    [F_EDU] = {"Nos formateurs diplômés adaptent les cours au niveau et au rythme de chacun.",
               "Un bilan gratuit permet de définir ensemble les objectifs et le programme.",
               "Les inscriptions sont ouvertes toute l'année."},
    [F_ANIMAL] = {"Nous accueillons chiens, chats et nouveaux animaux de compagnie dans le "
                  "respect de leur bien-être.",
                  "Chaque animal est pris en charge avec douceur, sur rendez-vous.",
                  "N'hésitez pas à nous demander conseil pour l'alimentation et l'hygiène de "
                  "votre compagnon."},
};

static const char *const practical_paragraphs[] = {
    "Parking gratuit à proximité.",
    "Accès aux personnes à mobilité réduite.",
    "Sur rendez-vous de préférence : appelez-nous ou écrivez-nous.",
    "Stationnement facile devant l'établissement.",
    "À deux pas du centre {of_city}.",
    "Paiement sécurisé et facture sur demande.",
};
static const char *const area_paragraphs[] = {
    "Intervention {at_city} et dans un rayon de 30 km.",
    "Nous intervenons {at_city} et dans tout le département.",
    "Déplacement gratuit {at_city} et dans les communes voisines.",
};

static const char *const seo_templates[] = {
    "{name}, {act} {at_city}. {tagline}.",
    "{Act} {at_city} : {name}. Horaires, coordonnées et services.",
    "{name} — {act} {at_city}. Contactez-nous pour plus d'informations.",
};

static const char *const suspend_reasons[] = {
    "Impayé : relance du service comptable en cours.",
    "Fermeture temporaire demandée par le client.",
    "Travaux dans le local, réouverture prévue dans quelques semaines.",
    "Contenu à mettre à jour avant remise en ligne.",
};
static const char *const close_reasons[] = {
    "Résiliation du contrat à la demande du client.",
    "Cessation d'activité.",
    "Départ à la retraite du gérant.",
    "Fonds de commerce vendu, le repreneur n'a pas souhaité conserver le site.",
};
static const char *const reject_reasons[] = {
    "Horaires à confirmer avec le gérant.",
    "Description trop courte : rappeler le client pour la compléter.",
    "Le numéro de téléphone ne répond pas, vérifier le numéro.",
    "Les tarifs des prestations sont à confirmer.",
};

/* Names for restaurants, bars, hotels, campsites. */
static const char *const resto_names[] = {
    "Le Petit Bistrot", "L'Escale", "Le Relais", "Le Comptoir", "Le Bouchon", "Le Cheval Blanc",
    "Le Lion d'Or", "Le Coq Hardi", "La Terrasse", "Le Jardin", "La Fontaine", "Le Moulin",
    "La Marine", "L'Étoile", "Le Central", "Le Commerce", "Les Voyageurs", "La Table Ronde",
    "Le Saint-Georges", "L'Ardoise", "Le Bistrot du Coin", "La Cuisine de Mamie",
    "L'Atelier Gourmand", "Le Fourneau", "La Bonne Franquette", "Le Grand Café",
};
static const char *const italian_names[] = {
    "Bella Napoli", "Da Vinci", "Il Forno", "La Dolce Vita", "Roma", "La Piazza", "Vesuvio",
    "Il Gusto", "Mamma Mia", "La Trattoria", "Portofino", "Sorrento",
};
static const char *const breton_names[] = {
    "Ty Breizh", "Ar Men", "Ker Avel", "Ty Coz", "An Delioù", "Ty Gwenn", "Ar Vro",
    "Le Blé Noir", "La Bolée", "Le Froment",
};
static const char *const place_names[] = {
    "Les Pins", "Les Chênes", "La Grange", "Le Clos des Tilleuls", "Les Glycines",
    "La Roseraie", "Le Domaine du Lac", "Les Hortensias", "La Prairie", "Le Vieux Moulin",
    "Les Oliviers", "La Bergerie", "Le Mas des Cigales", "Les Peupliers",
};
static const char *const beauty_names[] = {
    "Éclat", "Bulle de Beauté", "Zen Attitude", "L'Instant", "Belle & Zen", "Les Ciseaux d'Or",
    "Hair Studio", "L'Atelier", "Douceur de Soi", "Nature et Beauté",
};
/* clang-format on */

/* ---- payment methods and languages: "code" always, "code?P" with P % chance ---- */

/* clang-format off */
static const char *const family_payments[F__COUNT] = {
    [F_FOOD] = "cb sans-contact especes cheque?70 ticket-restaurant?30 paiement-mobile?30",
    [F_RESTO] = "cb sans-contact especes ticket-restaurant?80 cheque-vacances?40 cheque?30",
    [F_BAR] = "cb sans-contact?80 especes",
    [F_DOCTOR] = "cb?70 cheque especes tiers-payant?50",
    [F_CARE] = "cb?60 cheque especes virement?20",
    [F_PERSON] = "virement cheque cb?50 especes?40 paypal?15",
    [F_PHARMA] = "cb sans-contact especes cheque tiers-payant",
    [F_LAW] = "virement cheque cb?50 paiement-plusieurs-fois?20",
    [F_PRO] = "virement cheque cb?50 prelevement?30",
    [F_TRADE] = "cheque virement cb?60 especes?50 paiement-plusieurs-fois?30",
    [F_AUTO] = "cb cheque especes virement?30 paiement-plusieurs-fois?40",
    [F_TRANSPORT] = "cb especes cheque?50 virement?40 sans-contact?40",
    [F_BEAUTY] = "cb sans-contact especes cheque?60 cheque-cadeau?40",
    [F_RETAIL] = "cb sans-contact especes cheque?60 american-express?15 cheque-cadeau?30 "
                 "paiement-plusieurs-fois?20 paypal?10",
    [F_SERVICE] = "cb especes cheque virement?40 cesu?25",
    [F_HOTEL] = "cb american-express?40 especes cheque-vacances?60 virement?30",
    [F_LEISURE] = "cb especes cheque cheque-vacances?50 prelevement?30",
    [F_EDU] = "cheque virement cb?70 prelevement?40 paiement-plusieurs-fois?40",
    [F_ANIMAL] = "cb cheque especes",
};
/* clang-format on */

/* Appends to arr the codes of spec that the dice keep. */
static void
draw_codes(json_t *arr, struct rng *r, const char *spec)
{
    char code[40];
    const char *p = spec;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ?");
        if (n == 0)
            break;
        snprintf(code, sizeof code, "%.*s", (int)n, p);
        p += n;
        unsigned pct = 100;
        if (*p == '?') {
            pct = (unsigned)strtoul(p + 1, (char **)&p, 10);
        }
        if (rng_chance(r, pct))
            json_array_append_new(arr, json_string(code));
    }
}

/* ---- text helpers ---- */

/* "Électricien" → "électricien", "Plombier" → "plombier". */
static void
lower_first(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s);
    if ((unsigned char)out[0] == 0xc3 && (unsigned char)out[1] >= 0x80 &&
        (unsigned char)out[1] <= 0x9e)
        out[1] = (char)((unsigned char)out[1] + 0x20);
    else if (out[0] >= 'A' && out[0] <= 'Z')
        out[0] = (char)(out[0] - 'A' + 'a');
}

struct vars {
    const char *name, *city, *act, *Act, *first, *last, *tagline;
    char at_city[96], of_city[96];
    int year;
};

static void
expand(struct pvi_buf *b, const char *tpl, const struct vars *v)
{
    for (const char *p = tpl; *p;) {
        if (*p != '{') {
            size_t n = strcspn(p, "{");
            pvi_buf_append(b, p, n);
            p += n;
            continue;
        }
        const char *end = strchr(p, '}');
        if (end == NULL) {
            pvi_buf_puts(b, p);
            break;
        }
        char key[16];
        snprintf(key, sizeof key, "%.*s", (int)(end - p - 1), p + 1);
        p = end + 1;
        if (strcmp(key, "name") == 0)
            pvi_buf_puts(b, v->name);
        else if (strcmp(key, "city") == 0)
            pvi_buf_puts(b, v->city);
        else if (strcmp(key, "at_city") == 0)
            pvi_buf_puts(b, v->at_city);
        else if (strcmp(key, "of_city") == 0)
            pvi_buf_puts(b, v->of_city);
        else if (strcmp(key, "act") == 0)
            pvi_buf_puts(b, v->act);
        else if (strcmp(key, "Act") == 0)
            pvi_buf_puts(b, v->Act);
        else if (strcmp(key, "first") == 0)
            pvi_buf_puts(b, v->first);
        else if (strcmp(key, "last") == 0)
            pvi_buf_puts(b, v->last);
        else if (strcmp(key, "tagline") == 0)
            pvi_buf_puts(b, v->tagline ? v->tagline : "");
        else if (strcmp(key, "year") == 0)
            pvi_buf_printf(b, "%d", v->year);
    }
}

/* Cuts s (UTF-8) to at most max characters, at a space, adding nothing. */
static void
utf8_cut(char *s, size_t max)
{
    size_t chars = 0, last_space = 0;
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xc0) == 0x80)
            continue;
        if (chars == max) {
            s[last_space ? last_space : i] = '\0';
            break;
        }
        if (s[i] == ' ')
            last_space = i;
        chars++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ':'))
        s[--n] = '\0';
}

void
pvi_seed_slugify(char out[static 64], const char *text, size_t max_len)
{
    static const struct {
        unsigned char lo, hi;
        const char *ascii;
    } latin1[] = {
        {0x80, 0x85, "a"},  {0x86, 0x86, "ae"}, {0x87, 0x87, "c"},  {0x88, 0x8b, "e"},
        {0x8c, 0x8f, "i"},  {0x91, 0x91, "n"},  {0x92, 0x96, "o"},  {0x98, 0x98, "o"},
        {0x99, 0x9c, "u"},  {0x9d, 0x9d, "y"},  {0x9f, 0x9f, "ss"}, {0xa0, 0xa5, "a"},
        {0xa6, 0xa6, "ae"}, {0xa7, 0xa7, "c"},  {0xa8, 0xab, "e"},  {0xac, 0xaf, "i"},
        {0xb1, 0xb1, "n"},  {0xb2, 0xb6, "o"},  {0xb8, 0xb8, "o"},  {0xb9, 0xbc, "u"},
        {0xbd, 0xbd, "y"},  {0xbf, 0xbf, "y"},
    };
    char buf[256];
    size_t n = 0;
    int dash = 0;
    if (max_len > 63)
        max_len = 63;
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p && n < 200;) {
        const char *ascii = NULL;
        char one[2] = {0, 0};
        if (*p < 0x80) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                one[0] = (char)*p;
            else if (*p >= 'A' && *p <= 'Z')
                one[0] = (char)(*p - 'A' + 'a');
            ascii = one[0] ? one : NULL;
            p++;
        } else if (*p == 0xc3 && p[1]) {
            for (size_t i = 0; i < PVI_COUNT_OF(latin1); i++)
                if (p[1] >= latin1[i].lo && p[1] <= latin1[i].hi)
                    ascii = latin1[i].ascii;
            p += 2;
        } else if (*p == 0xc5 && (p[1] == 0x92 || p[1] == 0x93)) {
            ascii = "oe";
            p += 2;
        } else {
            p++;
            while ((*p & 0xc0) == 0x80)
                p++;
        }
        if (ascii == NULL) {
            dash = n > 0;
            continue;
        }
        if (dash)
            buf[n++] = '-';
        dash = 0;
        for (const char *a = ascii; *a; a++)
            buf[n++] = *a;
    }
    buf[n] = '\0';
    if (n > max_len) {
        size_t cut = max_len;
        while (cut > 0 && buf[cut] != '-')
            cut--;
        buf[cut > max_len / 2 ? cut : max_len] = '\0';
        n = strlen(buf);
        while (n > 0 && buf[n - 1] == '-')
            buf[--n] = '\0';
    }
    memcpy(out, buf, n + 1);
}

/* ---- the generator ---- */

const struct pvi_seed_mix pvi_seed_mix_default = {
    .weight = {[PVI_STATE_ORDERED] = 2,
               [PVI_STATE_COLLECTING] = 4,
               [PVI_STATE_REVIEW] = 4,
               [PVI_STATE_ONLINE] = 85,
               [PVI_STATE_SUSPENDED] = 3,
               [PVI_STATE_CLOSED] = 2},
};
const struct pvi_seed_mix pvi_seed_mix_demo = {
    .weight = {[PVI_STATE_ORDERED] = 8,
               [PVI_STATE_COLLECTING] = 12,
               [PVI_STATE_REVIEW] = 12,
               [PVI_STATE_ONLINE] = 56,
               [PVI_STATE_SUSPENDED] = 7,
               [PVI_STATE_CLOSED] = 5},
};

static const struct pvi_seed_operator operators[PVI_SEED_OPERATORS] = {
    {"op.martin", "uid=op.martin,ou=people,dc=pvi,dc=test", "Claire Martin",
     "claire.martin@pvi.test"},
    {"op.durand", "uid=op.durand,ou=people,dc=pvi,dc=test", "Julien Durand",
     "julien.durand@pvi.test"},
    {"op.petit", "uid=op.petit,ou=people,dc=pvi,dc=test", "Sophie Petit", "sophie.petit@pvi.test"},
};

const struct pvi_seed_operator *
pvi_seed_operator_at(int i)
{
    return i >= 0 && i < PVI_SEED_OPERATORS ? &operators[i] : NULL;
}

static const char *const charters[] = {"classique", "azur", "terroir"};

/* Who runs a business and where: what a client's second site inherits. */
struct identity {
    const char *activity;
    enum family family;
    size_t commune;
    int female;
    const char *first;
    const char *last;
};

struct pvi_seed_gen {
    uint64_t seed;
    struct pvi_seed_mix mix;
    unsigned mix_total;
    double mix_offset;
    size_t n_clients;
    size_t next_index;
    unsigned commune_weights;
    struct strset slugs;
    struct strset hosts;
    struct identity *owners; /* identity of client i, known once its first site is drawn */
    size_t owners_n, owners_cap;
};

struct pvi_seed_gen *
pvi_seed_gen_new(uint64_t seed, const struct pvi_seed_mix *mix, size_t n_clients)
{
    struct pvi_seed_gen *g = pvi_calloc(1, sizeof *g);
    g->seed = seed;
    g->mix = mix ? *mix : pvi_seed_mix_default;
    for (size_t i = 0; i < PVI_COUNT_OF(g->mix.weight); i++)
        g->mix_total += g->mix.weight[i];
    if (g->mix_total == 0) {
        g->mix = pvi_seed_mix_default;
        for (size_t i = 0; i < PVI_COUNT_OF(g->mix.weight); i++)
            g->mix_total += g->mix.weight[i];
    }
    uint64_t x = seed;
    g->mix_offset = (double)(splitmix64(&x) >> 11) * (1.0 / 9007199254740992.0);
    g->n_clients = n_clients ? n_clients : 1;
    for (size_t i = 0; i < PVI_COUNT_OF(communes); i++)
        g->commune_weights += (unsigned)communes[i].weight;
    return g;
}

void
pvi_seed_gen_free(struct pvi_seed_gen *g)
{
    if (g == NULL)
        return;
    strset_free(&g->slugs);
    strset_free(&g->hosts);
    free(g->owners);
    free(g);
}

void
pvi_seed_gen_reserve_slug(struct pvi_seed_gen *g, const char *slug)
{
    if (slug)
        strset_add(&g->slugs, slug);
}

void
pvi_seed_gen_reserve_host(struct pvi_seed_gen *g, const char *host)
{
    if (host)
        strset_add(&g->hosts, host);
}

/* The state of site i: a low-discrepancy walk over the mix, so that any
 * run of sites has very nearly the mix's proportions. */
static enum pvi_site_state
state_of(const struct pvi_seed_gen *g, size_t index)
{
    double u = g->mix_offset + (double)index * 0.6180339887498949;
    u -= (double)(uint64_t)u;
    double acc = 0;
    for (size_t s = 0; s < PVI_COUNT_OF(g->mix.weight); s++) {
        acc += (double)g->mix.weight[s] / g->mix_total;
        if (u < acc && g->mix.weight[s] > 0)
            return (enum pvi_site_state)s;
    }
    return PVI_STATE_ONLINE;
}

static size_t
pick_commune(struct rng *r, const struct pvi_seed_gen *g)
{
    unsigned x = (unsigned)rng_below(r, g->commune_weights);
    for (size_t i = 0; i < PVI_COUNT_OF(communes); i++) {
        if (x < (unsigned)communes[i].weight)
            return i;
        x -= (unsigned)communes[i].weight;
    }
    return 0;
}

static const char *
pick_activity(struct rng *r)
{
    if (rng_chance(r, 50))
        return PICK(r, popular);
    return pvi_refdata_activity_at(rng_below(r, pvi_refdata_activity_count()));
}

static void
draw_identity(struct identity *id, struct rng *r, const struct pvi_seed_gen *g,
              const char *activity)
{
    id->activity = activity && pvi_refdata_activity_exists(activity) ? activity : pick_activity(r);
    id->family = family_of(id->activity);
    id->commune = pick_commune(r, g);
    char dept[4];
    pvi_postal_code_check(dept, communes[id->commune].postal_code);
    id->female = rng_chance(r, 48);
    id->first = id->female ? PICK(r, first_f) : PICK(r, first_m);
    id->last = pick_surname(r, region_of(dept));
}

/* The business name, ≤ PVI_BUSINESS_NAME_MAX characters. */
static void
business_name(char *out, size_t cap, struct rng *r, const struct identity *id)
{
    const char *act = id->activity, *stem = stem_of(act);
    const char *first = id->first, *last = id->last;
    const char *city = communes[id->commune].name;
    char of_city[96], of_first[48];
    city_of(of_city, sizeof of_city, city);
    of_person(of_first, sizeof of_first, first);
    const char *loc = PICK(r, localities);
    unsigned roll = (unsigned)rng_below(r, 100);

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
            snprintf(out, cap, "Pizzeria %s", PICK(r, italian_names));
        else if (strcmp(act, "Crêperie") == 0)
            snprintf(out, cap, "Crêperie %s", roll < 60 ? PICK(r, breton_names) : loc);
        else if (strcmp(act, "Brasserie") == 0)
            snprintf(out, cap, "Brasserie %s", roll < 50 ? loc : PICK(r, resto_names));
        else if (strcmp(act, "Salon de thé") == 0)
            snprintf(out, cap, "Salon de thé %s", roll < 50 ? PICK(r, place_names) : loc);
        else if (strcmp(act, "Restauration rapide") == 0)
            snprintf(out, cap, "%s %s", roll < 50 ? "Snack" : "Le Kiosque", loc);
        else if (roll < 55)
            snprintf(out, cap, "%s", PICK(r, resto_names));
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
            snprintf(out, cap, "%s", PICK(r, resto_names));
        else
            snprintf(out, cap, "Bar %s", loc);
        break;
    case F_HOTEL:
        if (strncmp(act, "Hôtel", 6) == 0)
            snprintf(out, cap, "Hôtel %s", roll < 60 ? loc : PICK(r, place_names));
        else if (strncmp(act, "Camping", 7) == 0)
            snprintf(out, cap, "Camping %s", PICK(r, place_names));
        else if (strcmp(act, "Chambre d'hôtes") == 0)
            snprintf(out, cap, "%s — Chambres d'hôtes", PICK(r, place_names));
        else
            snprintf(out, cap, "%s %s", act, PICK(r, place_names));
        break;
    case F_BEAUTY:
        if (roll < 30)
            snprintf(out, cap, "%s %s", stem, PICK(r, beauty_names));
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

/* ---- phones ---- */

static void
digits(char *out, struct rng *r, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + rng_below(r, 10));
    out[n] = '\0';
}

/* "02 99 12 34 56" from ten national digits. */
static void
spaced(char out[16], const char *national)
{
    snprintf(out, 16, "%.2s %.2s %.2s %.2s %.2s", national, national + 2, national + 4,
             national + 6, national + 8);
}

/* The i-th space-separated word of list (at most 7 characters). */
static void
word_at(char out[8], const char *list, size_t i)
{
    const char *p = list;
    for (size_t k = 0; k < i && p; k++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    snprintf(out, 8, "%.*s", p ? (int)strcspn(p, " ") : 0, p ? p : "");
}

static size_t
word_count(const char *list)
{
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ' ';
    return n;
}

static void
fixed_phone(char out[16], struct rng *r, const struct dept_phone *dp)
{
    char national[32], tail[11];
    if (dp->areas == NULL) {
        digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s", dp->fixed, tail);
    } else {
        char area[8];
        word_at(area, dp->areas, rng_below(r, word_count(dp->areas)));
        digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s%s", dp->fixed, area, tail);
    }
    spaced(out, national);
}

static void
mobile_phone(char out[16], struct rng *r, const struct dept_phone *dp)
{
    char national[32], tail[11];
    if (dp && dp->mobile) {
        char prefix[8];
        word_at(prefix, dp->mobile, rng_below(r, word_count(dp->mobile)));
        digits(tail, r, 6);
        snprintf(national, sizeof national, "%s%s", prefix, tail);
    } else if (rng_chance(r, 70)) {
        /* 06, but not 0639 and 069x (Mayotte and the other overseas mobiles) */
        digits(tail, r, 8);
        tail[0] = (char)('0' + rng_below(r, 9));
        if (tail[0] == '3' && tail[1] == '9')
            tail[1] = '8';
        snprintf(national, sizeof national, "06%s", tail);
    } else {
        digits(tail, r, 8);
        tail[0] = (char)('5' + rng_below(r, 4)); /* 075–078 */
        snprintf(national, sizeof national, "07%s", tail);
    }
    spaced(out, national);
}

static json_t *
phone_json(const char *kind, const char *number)
{
    return json_pack("{s:s, s:s}", "kind", kind, "number", number);
}

/* ---- hours ---- */

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

/* Opening hours typical of the trade. Monday is day 0. */
static json_t *
hours_for(struct rng *r, const struct identity *id)
{
    struct week w;
    week_clear(&w);
    const char *act = id->activity;
    int m_open = HM(rng_range(r, 8, 9), rng_chance(r, 50) ? 0 : 30);
    int lunch = HM(12, rng_chance(r, 60) ? 0 : 30);
    int back = HM(rng_chance(r, 60) ? 14 : 13, rng_chance(r, 50) ? 0 : 30);
    if (back <= lunch)
        back = lunch + 60;
    int e_close = HM(rng_range(r, 18, 19), rng_chance(r, 50) ? 0 : 30);

    switch (id->family) {
    case F_FOOD:
        if (strncmp(act, "Boulangerie", 11) == 0 || strcmp(act, "Pâtisserie") == 0) {
            int open = HM(rng_chance(r, 50) ? 6 : 7, rng_chance(r, 50) ? 0 : 30);
            int closed = rng_chance(r, 70) ? 0 : 2; /* Monday or Wednesday off */
            for (int d = 0; d < 6; d++)
                if (d != closed) {
                    if (rng_chance(r, 50) || d == 5)
                        day_set(&w, d, open, HM(19, 30), -1, -1);
                    else
                        day_set(&w, d, open, HM(13, 0), HM(15, 30), HM(19, 30));
                }
            day_set(&w, 6, HM(7, 0), HM(12, 30), -1, -1);
        } else {
            days_set(&w, 1, 5, m_open, HM(12, 30), HM(15, 0), e_close);
            if (rng_chance(r, 40))
                day_set(&w, 0, HM(15, 0), e_close, -1, -1);
            if (rng_chance(r, 50))
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
            int close = HM(22, rng_chance(r, 50) ? 0 : 30);
            days_set(&w, 1, 5, HM(12, 0), HM(14, rng_chance(r, 50) ? 0 : 30), HM(19, 0), close);
            if (rng_chance(r, 60))
                day_set(&w, 6, HM(12, 0), HM(14, 30), -1, -1);
            if (rng_chance(r, 30)) { /* closed on Wednesday instead of Monday */
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
            days_set(&w, 0, 5, HM(7, rng_chance(r, 50) ? 0 : 30), HM(rng_range(r, 20, 23), 0), -1,
                     -1);
            if (rng_chance(r, 50))
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
        if (rng_chance(r, 20))
            day_set(&w, 2, m_open, lunch, -1, -1);
        if (rng_chance(r, id->family == F_ANIMAL ? 80 : 40))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_PHARMA:
        if (rng_chance(r, 40))
            days_set(&w, 0, 5, HM(8, 30), HM(19, 30), -1, -1);
        else
            days_set(&w, 0, 5, HM(9, 0), HM(12, 30), HM(14, 0), HM(19, 30));
        if (rng_chance(r, 40))
            day_set(&w, 5, HM(9, 0), HM(12, 30), -1, -1);
        break;
    case F_LAW:
    case F_PRO:
    case F_PERSON:
        days_set(&w, 0, 4, HM(9, 0), lunch, back, HM(18, rng_chance(r, 50) ? 0 : 30));
        if (rng_chance(r, 30))
            day_set(&w, 4, HM(9, 0), lunch, back, HM(17, 0));
        if (id->family == F_PERSON && rng_chance(r, 30))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_TRADE:
    case F_SERVICE:
        days_set(&w, 0, 4, HM(8, rng_chance(r, 60) ? 0 : 30), HM(12, 0), back,
                 HM(rng_range(r, 17, 18), rng_chance(r, 50) ? 0 : 30));
        if (rng_chance(r, 30))
            day_set(&w, 4, HM(8, 0), HM(12, 0), back, HM(16, 30));
        if (rng_chance(r, id->family == F_SERVICE ? 50 : 15))
            day_set(&w, 5, HM(9, 0), HM(12, 0), -1, -1);
        break;
    case F_AUTO:
        days_set(&w, 0, 4, HM(8, 0), HM(12, 0), HM(14, 0), HM(18, 30));
        if (rng_chance(r, 60))
            day_set(&w, 5, HM(8, 0), HM(12, 0), -1, -1);
        break;
    case F_TRANSPORT:
        if (strcmp(act, "Taxi") == 0 || strcmp(act, "Ambulancier") == 0 ||
            strcmp(act, "Chauffeur VTC") == 0) {
            if (rng_chance(r, 50))
                days_set(&w, 0, 6, HM(0, 0), HM(24, 0), -1, -1);
            else
                days_set(&w, 0, 5, HM(6, 0), HM(21, 0), -1, -1);
        } else {
            days_set(&w, 0, 4, HM(8, 0), HM(12, 0), HM(13, 30), HM(18, 0));
        }
        break;
    case F_BEAUTY:
        if (rng_chance(r, 50))
            days_set(&w, 1, 4, HM(9, 30), HM(19, 0), -1, -1);
        else
            days_set(&w, 1, 4, HM(9, 0), HM(12, 0), HM(14, 0), HM(19, 0));
        if (rng_chance(r, 30))
            day_set(&w, 3, HM(9, 30), HM(20, 0), -1, -1);
        day_set(&w, 5, HM(9, 0), HM(rng_range(r, 16, 18), 0), -1, -1);
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
        if (rng_chance(r, 30))
            days_set(&w, 1, 5, HM(10, 0), HM(19, 0), -1, -1);
        else
            days_set(&w, 1, 5, HM(9, 30), HM(12, 30), HM(14, 0), HM(19, 0));
        if (rng_chance(r, 60))
            day_set(&w, 0, HM(14, 0), HM(19, 0), -1, -1);
        break;
    }
    return week_json(&w);
}

/* ---- the content document ---- */

static const struct {
    const char *from, *to, *reason;
} closures_pool[] = {
    {"2026-08-03", "2026-08-23", "Congés d'été"},
    {"2026-12-24", "2027-01-02", "Fêtes de fin d'année"},
    {"2026-04-20", "2026-04-26", "Congés de printemps"},
    {"2026-05-01", "2026-05-01", "Fête du Travail"},
    {"2026-11-02", "2026-11-07", "Inventaire annuel"},
};

static json_t *
closures_for(struct rng *r)
{
    json_t *arr = json_array();
    size_t a = rng_below(r, PVI_COUNT_OF(closures_pool));
    size_t b = rng_chance(r, 30) ? rng_below(r, PVI_COUNT_OF(closures_pool)) : a;
    size_t first = a, second = b;
    if (strcmp(closures_pool[b].from, closures_pool[a].from) < 0)
        first = b, second = a;
    json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "from", closures_pool[first].from, "to",
                                         closures_pool[first].to, "reason",
                                         closures_pool[first].reason));
    if (second != first)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "from", closures_pool[second].from,
                                             "to", closures_pool[second].to, "reason",
                                             closures_pool[second].reason));
    return arr;
}

static int
price_round(struct rng *r, int lo, int hi)
{
    if (lo >= hi)
        return lo; /* a regulated or fixed price: exact */
    int p = rng_range(r, lo, hi);
    if (p >= 10000)
        return p / 500 * 500;
    if (p >= 1000)
        return p / 50 * 50;
    return p / 10 * 10;
}

static json_t *
services_for(struct rng *r, const struct identity *id, int max)
{
    const struct service_tpl *list = services_of(id->activity, id->family);
    size_t n = 0;
    while (list[n].title)
        n++;
    json_t *arr = json_array();
    int want = max < (int)n ? max : (int)n;
    if (want <= 0)
        return arr;
    /* a random subset, kept in the list's order */
    unsigned char keep[32] = {0};
    for (int k = 0; k < want;) {
        size_t i = rng_below(r, n);
        if (!keep[i]) {
            keep[i] = 1;
            k++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        json_t *s = json_pack("{s:s}", "title", list[i].title);
        if (list[i].desc)
            json_object_set_new(s, "description", json_string(list[i].desc));
        if (list[i].hi > 0)
            json_object_set_new(s, "price_cents",
                                json_integer(price_round(r, list[i].lo, list[i].hi)));
        json_array_append_new(arr, s);
    }
    return arr;
}

static json_t *
languages_for(struct rng *r, const struct identity *id, const char *dept)
{
    int tourism = id->family == F_HOTEL || id->family == F_RESTO || id->family == F_LEISURE;
    enum region reg = region_of(dept);
    json_t *arr = json_array();
    json_array_append_new(arr, json_string("fr"));
    static const struct {
        const char *code;
        unsigned pct, tourism_pct;
        enum region region;
        unsigned region_pct;
    } langs[] = {
        {"en", 25, 70, R_OTHER, 0}, {"es", 5, 20, R_BASQUE, 25},  {"de", 4, 20, R_ALSACE, 35},
        {"it", 3, 15, R_CORSE, 25}, {"pt", 3, 5, R_GUYANE, 25},   {"nl", 1, 8, R_NORD, 10},
        {"ar", 3, 3, R_OTHER, 0},   {"br", 0, 0, R_BRETAGNE, 10}, {"co", 0, 0, R_CORSE, 30},
        {"eu", 0, 0, R_BASQUE, 25}, {"ca", 0, 0, R_CATALAN, 20},  {"oc", 0, 0, R_SUD, 4},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(langs); i++) {
        unsigned pct = tourism ? langs[i].tourism_pct : langs[i].pct;
        if (langs[i].region != R_OTHER && langs[i].region == reg && langs[i].region_pct > pct)
            pct = langs[i].region_pct;
        if (rng_chance(r, pct))
            json_array_append_new(arr, json_string(langs[i].code));
    }
    return arr;
}

static json_t *
social_for(struct rng *r, const struct identity *id, const char *slug)
{
    char compact[64], underscored[64];
    size_t n = 0, m = 0;
    for (const char *p = slug; *p; p++) {
        if (*p != '-')
            compact[n++] = *p;
        underscored[m++] = *p == '-' ? '_' : *p;
    }
    compact[n] = underscored[m] = '\0';
    json_t *arr = json_array();
    char url[160];
    if (rng_chance(r, 40)) {
        snprintf(url, sizeof url, "https://www.facebook.com/%s", compact);
        json_array_append_new(arr, json_string(url));
    }
    if (rng_chance(r, id->family == F_BEAUTY || id->family == F_FOOD ? 45 : 20)) {
        snprintf(url, sizeof url, "https://www.instagram.com/%s/", underscored);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_PRO || id->family == F_LAW) && rng_chance(r, 35)) {
        snprintf(url, sizeof url, "https://www.linkedin.com/company/%s/", slug);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_RESTO || id->family == F_HOTEL) && rng_chance(r, 30)) {
        snprintf(url, sizeof url, "https://www.tripadvisor.fr/Restaurant_Review-%s.html", slug);
        if (id->family == F_HOTEL)
            snprintf(url, sizeof url, "https://www.tripadvisor.fr/Hotel_Review-%s.html", slug);
        json_array_append_new(arr, json_string(url));
    }
    if ((id->family == F_LEISURE || id->family == F_EDU) && rng_chance(r, 15)) {
        snprintf(url, sizeof url, "https://www.youtube.com/@%s", compact);
        json_array_append_new(arr, json_string(url));
    }
    return arr;
}

static const char *const mail_providers[] = {
    "orange.fr", "wanadoo.fr", "free.fr",    "gmail.com", "laposte.net",
    "sfr.fr",    "outlook.fr", "hotmail.fr", "bbox.fr",
};

/* A mailbox at a provider: "boulangerie.martin35@orange.fr". */
static void
provider_email(char out[128], struct rng *r, const char *slug, const char *postal_code)
{
    char local[48];
    size_t n = 0;
    for (const char *p = slug; *p && n < 32; p++)
        local[n++] = *p == '-' ? '.' : *p;
    while (n > 0 && local[n - 1] == '.')
        n--;
    local[n] = '\0';
    if (rng_chance(r, 50))
        snprintf(out, 128, "%s%.2s@%s", local, postal_code, PICK(r, mail_providers));
    else
        snprintf(out, 128, "%s@%s", local, PICK(r, mail_providers));
}

/* Claims a unique slug from base ("base", "base-2", "base-3", …). */
static void
claim_slug(struct pvi_seed_gen *g, char out[64], const char *base)
{
    char b[64];
    snprintf(b, sizeof b, "%s", base[0] && base[1] ? base : "site");
    if (!strset_has(&g->slugs, b)) {
        strset_add(&g->slugs, b);
        memcpy(out, b, strlen(b) + 1);
        return;
    }
    for (unsigned k = 2;; k++) {
        char cand[80];
        snprintf(cand, sizeof cand, "%.52s-%u", b, k);
        if (!strset_has(&g->slugs, cand)) {
            strset_add(&g->slugs, cand);
            snprintf(out, 64, "%.63s", cand);
            return;
        }
    }
}

/* Claims a unique "www.<label>.fr" from the name (then with the town, then numbered). */
static void
claim_host(struct pvi_seed_gen *g, char out[128], const char *name, const char *city)
{
    char label[64], town[64], cand[160];
    pvi_seed_slugify(label, name, 40);
    pvi_seed_slugify(town, city, 20);
    snprintf(cand, sizeof cand, "www.%s.fr", label);
    if (strset_has(&g->hosts, cand))
        snprintf(cand, sizeof cand, "www.%s-%s.fr", label, town);
    for (unsigned k = 2; strset_has(&g->hosts, cand); k++)
        snprintf(cand, sizeof cand, "www.%s-%s-%u.fr", label, town, k);
    strset_add(&g->hosts, cand);
    snprintf(out, 128, "%.127s", cand);
}

/* How much of the content exists in each state. */
enum depth { D_ORDER, D_PARTIAL, D_FULL };

static json_t *
build_content(struct pvi_seed_gen *g, struct rng *r, const struct identity *id, const char *name,
              const char *slug, const char *charter, enum depth depth, int with_domain)
{
    const struct commune *c = &communes[id->commune];
    char dept[4];
    pvi_postal_code_check(dept, c->postal_code);
    const struct dept_phone *dp = dept_phone_find(dept);
    char act[96];
    lower_first(act, sizeof act, id->activity);
    /* in sentences, a person is named without the heading after the dash */
    char short_name[160];
    snprintf(short_name, sizeof short_name, "%s", name);
    char *dash = strstr(short_name, " — ");
    if (dash)
        *dash = '\0';
    struct vars v = {.name = short_name,
                     .city = c->name,
                     .act = act,
                     .Act = id->activity,
                     .first = id->first,
                     .last = id->last,
                     .year = rng_range(r, 1962, 2023)};
    city_at(v.at_city, sizeof v.at_city, c->name);
    city_of(v.of_city, sizeof v.of_city, c->name);

    json_t *doc = json_object();
    json_object_set_new(doc, "business_name", json_string(name));
    json_object_set_new(doc, "activity", json_string(id->activity));

    /* phones: a fixed line (most), a mobile (many), a fax (a few offices) */
    json_t *phones = json_array();
    char num[16];
    int fixed = rng_chance(r, id->family == F_PERSON || id->family == F_CARE ? 55 : 85);
    if (fixed) {
        fixed_phone(num, r, dp);
        json_array_append_new(phones, phone_json("fixed", num));
    }
    if (!fixed || (depth != D_ORDER && rng_chance(r, 55))) {
        mobile_phone(num, r, dp);
        json_array_append_new(phones, phone_json("mobile", num));
    }
    if (fixed && depth == D_FULL &&
        (id->family == F_PRO || id->family == F_LAW || id->family == F_TRADE) &&
        rng_chance(r, 15)) {
        fixed_phone(num, r, dp);
        json_array_append_new(phones, phone_json("fax", num));
    }
    json_object_set_new(doc, "phones", phones);

    /* address */
    char street[160];
    int number = rng_chance(r, 70) ? rng_range(r, 1, 60) : rng_range(r, 61, 180);
    const char *suffix = rng_chance(r, 8) ? (rng_chance(r, 75) ? " bis" : " ter") : "";
    if ((id->family == F_TRADE || id->family == F_AUTO) && rng_chance(r, 25))
        snprintf(street, sizeof street, "%d%s %s", number, suffix, PICK(r, business_parks));
    else if (rng_chance(r, 5))
        snprintf(street, sizeof street, "%d%s %s", number, suffix, PICK(r, road_names));
    else
        snprintf(street, sizeof street, "%d%s %s %s", number, suffix, PICK(r, street_kinds),
                 PICK(r, street_names));
    json_t *address = json_pack("{s:s, s:s, s:s}", "street", street, "postal_code", c->postal_code,
                                "city", c->name);
    if (depth == D_FULL && rng_chance(r, 85)) {
        double lat = c->lat + (rng_unit(r) - 0.5) * 0.03;
        double lon = c->lon + (rng_unit(r) - 0.5) * 0.04;
        json_object_set_new(address, "geo",
                            json_pack("{s:f, s:f}", "lat", (double)llround(lat * 1e5) / 1e5, "lon",
                                      (double)llround(lon * 1e5) / 1e5));
    }
    json_object_set_new(doc, "address", address);

    char host[128] = "";
    if (with_domain)
        claim_host(g, host, name, c->name);
    char email[128];
    if (host[0])
        snprintf(email, sizeof email, "contact@%.110s", host + 4);
    else
        provider_email(email, r, slug, c->postal_code);
    if (rng_chance(r, depth == D_ORDER ? 70 : 92))
        json_object_set_new(doc, "email", json_string(email));

    int full = depth == D_FULL;
    int partial = depth == D_PARTIAL;
    if (full ? rng_chance(r, 90) : partial && rng_chance(r, 50)) {
        v.tagline = taglines[id->family][rng_below(r, 4)];
        struct pvi_buf b = {0};
        expand(&b, v.tagline, &v);
        json_object_set_new(doc, "tagline", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (full ? rng_chance(r, 95) : partial && rng_chance(r, 40)) {
        struct pvi_buf b = {0};
        int person =
            dash && (id->family == F_DOCTOR || id->family == F_CARE || id->family == F_PERSON ||
                     id->family == F_LAW || id->family == F_ANIMAL);
        expand(&b, person ? PICK(r, person_intro_paragraphs) : PICK(r, intro_paragraphs), &v);
        size_t k = rng_below(r, 3), paragraphs = full ? (size_t)rng_range(r, 1, 3) : 1;
        for (size_t i = 0; i < paragraphs; i++) {
            pvi_buf_puts(&b, i == 0 ? " " : "\n\n");
            expand(&b, family_paragraphs[id->family][(k + i) % 3], &v);
        }
        if (full && rng_chance(r, 60)) {
            pvi_buf_puts(&b, "\n\n");
            int area = id->family == F_TRADE || id->family == F_TRANSPORT ||
                       id->family == F_SERVICE || id->family == F_PERSON;
            expand(&b, area ? PICK(r, area_paragraphs) : PICK(r, practical_paragraphs), &v);
        }
        json_object_set_new(doc, "description", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (full ? rng_chance(r, 96) : partial && rng_chance(r, 60))
        json_object_set_new(doc, "hours", hours_for(r, id));
    if (full && rng_chance(r, 20))
        json_object_set_new(doc, "closures", closures_for(r));
    if (full || (partial && rng_chance(r, 30))) {
        int count = rng_chance(r, 10) ? 0 : rng_range(r, 1, 8);
        json_t *services = services_for(r, id, count);
        if (json_array_size(services) > 0)
            json_object_set_new(doc, "services", services);
        else
            json_decref(services);
    }
    if (full && rng_chance(r, 85)) {
        json_t *pay = json_array();
        draw_codes(pay, r, family_payments[id->family]);
        if (json_array_size(pay) > 0)
            json_object_set_new(doc, "payment_methods", pay);
        else
            json_decref(pay);
    }
    if (full && rng_chance(r, 80))
        json_object_set_new(doc, "languages", languages_for(r, id, dept));
    if (full && rng_chance(r, 55)) {
        json_t *social = social_for(r, id, slug);
        if (json_array_size(social) > 0)
            json_object_set_new(doc, "social_links", social);
        else
            json_decref(social);
    }
    if (full && rng_chance(r, 80)) {
        const char *tpl = PICK(r, seo_templates);
        const char *tagline = json_string_value(json_object_get(doc, "tagline"));
        if (tagline == NULL && strstr(tpl, "{tagline}"))
            tpl = seo_templates[1];
        v.tagline = tagline;
        struct pvi_buf b = {0};
        expand(&b, tpl, &v);
        utf8_cut(b.data, PVI_SEO_DESCRIPTION_MAX);
        json_object_set_new(doc, "seo_description", json_string(b.data));
        pvi_buf_free(&b);
    }
    if (host[0])
        json_object_set_new(doc, "domains", json_pack("[s]", host));
    json_object_set_new(doc, "charter", json_string(charter));
    return doc;
}

/* ---- sites and clients ---- */

void
pvi_seed__log_refusal(const char *what, size_t index, const struct pvi_errors *e)
{
    for (size_t i = 0; i < e->n; i++)
        pvi_error("seed: generated %s %zu refused: %s: %s", what, index, e->v[i].path,
                  e->v[i].message);
}

enum pvi_code
pvi_seed_gen_site(struct pvi_seed_site *out, struct pvi_seed_gen *g,
                  const struct pvi_seed_force *force)
{
    static const struct pvi_seed_force none = {.state = -1};
    const struct pvi_seed_force *f = force ? force : &none;
    struct pvi_errors errs = {0};
    json_t *doc = NULL;
    enum pvi_code rc = PVI_OK;
    size_t index = g->next_index;

    memset(out, 0, sizeof *out);
    out->op_index = -1;
    if (f->slug && (pvi_slug_check(f->slug) != PVI_OK || strset_has(&g->slugs, f->slug)))
        return PVI_SLUG_TAKEN;
    g->next_index++;

    struct rng r;
    rng_init(&r, g->seed, 1, index);
    out->index = index;
    out->state = f->state >= 0 ? (enum pvi_site_state)f->state : state_of(g, index);

    /* owner: a new client, or a client's second shop in another town */
    const char *activity = f->activity;
    if (activity == NULL && f->content)
        activity = json_string_value(json_object_get(f->content, "activity"));
    struct identity id;
    if (index < g->n_clients || g->owners_n == 0) {
        out->client = index < g->n_clients ? index : 0;
        draw_identity(&id, &r, g, activity);
        if (index < g->n_clients) {
            if (g->owners_n == g->owners_cap) {
                g->owners_cap = g->owners_cap ? g->owners_cap * 2 : 1024;
                g->owners = pvi_realloc(g->owners, g->owners_cap * sizeof *g->owners);
            }
            g->owners[g->owners_n++] = id;
        }
    } else {
        out->client = rng_below(&r, g->owners_n);
        id = g->owners[out->client];
        id.commune = pick_commune(&r, g);
        if (activity && pvi_refdata_activity_exists(activity)) {
            id.activity = activity;
            id.family = family_of(activity);
        }
    }
    snprintf(out->owner_first, sizeof out->owner_first, "%s", id.first);
    snprintf(out->owner_last, sizeof out->owner_last, "%s", id.last);

    char name[160];
    business_name(name, sizeof name, &r, &id);
    if (index >= g->n_clients && g->owners_n > 0 && !strstr(name, communes[id.commune].name)) {
        char *branch = strstr(name, "—") ? pvi_asprintf("%s (%s)", name, communes[id.commune].name)
                                         : pvi_asprintf("%s — %s", name, communes[id.commune].name);
        if (pvi_utf8_length(branch) <= PVI_BUSINESS_NAME_MAX && strlen(branch) < sizeof name)
            memcpy(name, branch, strlen(branch) + 1);
        free(branch);
    }
    if (f->slug) {
        strset_add(&g->slugs, f->slug);
        snprintf(out->slug, sizeof out->slug, "%s", f->slug);
    } else {
        char base[64];
        pvi_seed_slugify(base, name, 48);
        claim_slug(g, out->slug, base);
    }

    const char *charter = f->charter ? f->charter : PICK(&r, charters);
    enum depth depth = out->state == PVI_STATE_ORDERED      ? D_ORDER
                       : out->state == PVI_STATE_COLLECTING ? D_PARTIAL
                                                            : D_FULL;
    int with_domain = rng_chance(&r, 30);
    json_t *built = f->content
                        ? json_deep_copy(f->content)
                        : build_content(g, &r, &id, name, out->slug, charter, depth, with_domain);
    if (f->content) {
        const json_t *domains = json_object_get(built, "domains");
        size_t i;
        json_t *d;
        json_array_foreach(domains, i, d) strset_add(&g->hosts, json_string_value(d));
    }
    if (pvi_content_validate(&doc, built, &errs) != PVI_OK) {
        pvi_seed__log_refusal("site", index, &errs);
        rc = PVI_INTERNAL;
        goto cleanup;
    }
    if (depth == D_FULL && pvi_content_check_complete(doc, 1, &errs) != PVI_OK) {
        pvi_seed__log_refusal("site", index, &errs);
        rc = PVI_INTERNAL;
        goto cleanup;
    }

    switch (out->state) {
    case PVI_STATE_ORDERED:
        out->age_s = rng_range(&r, 0, 20) * 86400LL;
        break;
    case PVI_STATE_COLLECTING:
        out->age_s = rng_range(&r, 2, 60) * 86400LL;
        out->op_index = (int)(index % PVI_SEED_OPERATORS);
        if (rng_chance(&r, 25))
            out->state_reason = PICK(&r, reject_reasons);
        break;
    case PVI_STATE_REVIEW:
        out->age_s = rng_range(&r, 3, 45) * 86400LL;
        out->op_index = (int)(index % PVI_SEED_OPERATORS);
        break;
    case PVI_STATE_ONLINE:
        out->age_s = rng_range(&r, 20, 2500) * 86400LL;
        out->published = 1;
        break;
    case PVI_STATE_SUSPENDED:
        out->age_s = rng_range(&r, 200, 2500) * 86400LL;
        out->published = 1;
        out->state_reason = PICK(&r, suspend_reasons);
        break;
    case PVI_STATE_CLOSED:
        out->age_s = rng_range(&r, 200, 2500) * 86400LL;
        out->published = rng_chance(&r, 60);
        out->state_reason = rng_chance(&r, 70) ? PICK(&r, close_reasons) : NULL;
        break;
    }
    out->age_s += rng_range(&r, 0, 86399);
    out->idle_s = (int64_t)(rng_unit(&r) * (double)out->age_s);
    out->content = doc;
    doc = NULL;

cleanup:
    json_decref(built);
    json_decref(doc);
    pvi_errors_clear(&errs);
    return rc;
}

void
pvi_seed_site_clear(struct pvi_seed_site *s)
{
    if (s == NULL)
        return;
    json_decref(s->content);
    s->content = NULL;
}

/* Luhn check digit of the n digits of s. */
static int
luhn_digit(const char *s, size_t n)
{
    int sum = 0;
    for (size_t k = 0; k < n; k++) {
        int d = s[n - 1 - k] - '0';
        if (k % 2 == 0) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

static void
draw_siret(char out[15], struct rng *r)
{
    char s[15];
    do {
        /* SIREN: 8 digits (not starting with 0) and its Luhn key */
        digits(s, r, 8);
        s[0] = (char)('1' + rng_below(r, 9));
        s[8] = (char)('0' + luhn_digit(s, 8));
        s[9] = '\0';
    } while (strcmp(s, "356000000") == 0); /* La Poste's SIREN follows its own rule */
    /* NIC: "000", an establishment number, the SIRET's Luhn key */
    s[9] = '0';
    s[10] = '0';
    s[11] = '0';
    s[12] = (char)('1' + rng_below(r, 9));
    s[13] = (char)('0' + luhn_digit(s, 13));
    s[14] = '\0';
    memcpy(out, s, 15);
}

void
pvi_seed_gen_client(struct pvi_seed_client *out, struct pvi_seed_gen *g, size_t index,
                    long long number, const struct pvi_seed_site *first_site)
{
    struct rng r;
    rng_init(&r, g->seed, 2, index);
    memset(out, 0, sizeof *out);
    char cn[24];
    snprintf(cn, sizeof cn, "PJ%08lld", number % 100000000LL);
    memcpy(out->customer_number, cn, sizeof out->customer_number - 1);

    char name[160], first[32], last[32];
    const char *email = NULL, *phone = NULL, *activity = NULL;
    char own_email[128], own_phone[16];
    if (first_site && first_site->content) {
        const json_t *c = first_site->content;
        snprintf(name, sizeof name, "%s", json_string_value(json_object_get(c, "business_name")));
        snprintf(first, sizeof first, "%s", first_site->owner_first);
        snprintf(last, sizeof last, "%s", first_site->owner_last);
        activity = json_string_value(json_object_get(c, "activity"));
        email = json_string_value(json_object_get(c, "email"));
        const json_t *phones = json_object_get(c, "phones");
        size_t i;
        json_t *p;
        json_array_foreach(phones, i, p)
        {
            const char *kind = json_string_value(json_object_get(p, "kind"));
            if (phone == NULL || (strcmp(kind, "mobile") == 0 && rng_chance(&r, 70)))
                phone = json_string_value(json_object_get(p, "number"));
        }
    } else {
        struct identity id;
        draw_identity(&id, &r, g, NULL);
        business_name(name, sizeof name, &r, &id);
        snprintf(first, sizeof first, "%s", id.first);
        snprintf(last, sizeof last, "%s", id.last);
        activity = id.activity;
        char dept[4];
        pvi_postal_code_check(dept, communes[id.commune].postal_code);
        char spaced_num[16];
        mobile_phone(spaced_num, &r, dept_phone_find(dept));
        pvi_phone_normalize(own_phone, spaced_num);
        phone = own_phone;
    }
    if (email == NULL || rng_chance(&r, 30)) {
        char person[96], slug[64];
        snprintf(person, sizeof person, "%s %s", first, last);
        pvi_seed_slugify(slug, person, 40);
        provider_email(own_email, &r, slug, "");
        email = own_email;
    }

    enum family f = activity ? family_of(activity) : F_RETAIL;
    unsigned roll = (unsigned)rng_below(&r, 100);
    const char *form = NULL;
    if (f == F_DOCTOR || f == F_CARE || f == F_LAW || f == F_PERSON)
        form = roll < 65 ? NULL : roll < 85 ? "SELARL" : "SCM";
    else
        form = roll < 30   ? NULL
               : roll < 60 ? "SARL"
               : roll < 75 ? "SAS"
               : roll < 90 ? "EURL"
                           : "SASU";
    if (form == NULL || strcmp(form, "SCM") == 0 || strcmp(form, "SELARL") == 0) {
        if (form)
            snprintf(out->company_name, sizeof out->company_name, "%s %s", form, last);
        else
            snprintf(out->company_name, sizeof out->company_name, "%s %s (EI)", first, last);
    } else {
        snprintf(out->company_name, sizeof out->company_name, "%s %.100s", form, name);
    }
    if (pvi_utf8_length(out->company_name) > 120)
        snprintf(out->company_name, sizeof out->company_name, "%s %s", first, last);

    draw_siret(out->siret, &r);
    if (pvi_email_normalize(out->email, email) != PVI_OK)
        snprintf(out->email, sizeof out->email, "contact@%s.fr", "pvi-client");
    if (pvi_phone_normalize(out->phone, phone ? phone : "") != PVI_OK)
        snprintf(out->phone, sizeof out->phone, "+33%s", "600000000");
}
