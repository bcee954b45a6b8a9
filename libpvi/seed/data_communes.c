/* data_communes.c — where the generated businesses are: real communes of
 * every region (Corsica and the overseas départements included) with a
 * real postal code, approximate coordinates and a weight, and the streets
 * of their addresses. Plain data. */
#include "seed_internal.h"

/* clang-format off */
const struct pvi_seed__commune pvi_seed__communes[] = {
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

const size_t pvi_seed__n_communes = PVI_COUNT_OF(pvi_seed__communes);

size_t
pvi_seed_commune_count(void)
{
    return pvi_seed__n_communes;
}

const char *
pvi_seed_commune_postal_code(size_t i)
{
    return i < pvi_seed__n_communes ? pvi_seed__communes[i].postal_code : NULL;
}

const char *
pvi_seed_commune_name(size_t i)
{
    return i < pvi_seed__n_communes ? pvi_seed__communes[i].name : NULL;
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
/* clang-format on */

const struct pvi_seed__words pvi_seed__street_names = PVI_SEED__WORDS(street_names);
const struct pvi_seed__words pvi_seed__street_kinds = PVI_SEED__WORDS(street_kinds);
const struct pvi_seed__words pvi_seed__road_names = PVI_SEED__WORDS(road_names);
const struct pvi_seed__words pvi_seed__business_parks = PVI_SEED__WORDS(business_parks);
