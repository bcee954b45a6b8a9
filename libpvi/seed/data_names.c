/* data_names.c — the names the generator draws from: French first names
 * and surnames, regional surnames (Brittany, Alsace, Corsica, the Basque
 * country, the south, the north, Catalonia, the overseas départements), and
 * the words of business names (localities, restaurants, places, beauty
 * salons). Plain data. */
#include "seed_internal.h"

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

const struct pvi_seed__words pvi_seed__first_f = PVI_SEED__WORDS(first_f);
const struct pvi_seed__words pvi_seed__first_m = PVI_SEED__WORDS(first_m);
const struct pvi_seed__words pvi_seed__surnames = PVI_SEED__WORDS(surnames);
const struct pvi_seed__words pvi_seed__regional_surnames[R__COUNT] = {
    [R_BRETAGNE] = PVI_SEED__WORDS(names_bretagne), [R_ALSACE] = PVI_SEED__WORDS(names_alsace),
    [R_CORSE] = PVI_SEED__WORDS(names_corse),       [R_BASQUE] = PVI_SEED__WORDS(names_basque),
    [R_SUD] = PVI_SEED__WORDS(names_sud),           [R_NORD] = PVI_SEED__WORDS(names_nord),
    [R_CATALAN] = PVI_SEED__WORDS(names_catalan),   [R_REUNION] = PVI_SEED__WORDS(names_reunion),
    [R_ANTILLES] = PVI_SEED__WORDS(names_antilles), [R_GUYANE] = PVI_SEED__WORDS(names_guyane),
    [R_MAYOTTE] = PVI_SEED__WORDS(names_mayotte),
};

/* clang-format off */
/* "du Centre", "de la Gare": where a business is, for its name. */
static const char *const localities[] = {
    "du Centre", "du Marché", "de la Gare", "du Port", "de la Place", "de l'Église",
    "du Château", "du Pont", "de la Mairie", "des Halles", "du Lac", "du Moulin", "du Parc",
    "des Remparts", "de la Vallée", "des Tilleuls", "du Vieux Bourg", "de la Fontaine",
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

const struct pvi_seed__words pvi_seed__localities = PVI_SEED__WORDS(localities);
const struct pvi_seed__words pvi_seed__resto_names = PVI_SEED__WORDS(resto_names);
const struct pvi_seed__words pvi_seed__italian_names = PVI_SEED__WORDS(italian_names);
const struct pvi_seed__words pvi_seed__breton_names = PVI_SEED__WORDS(breton_names);
const struct pvi_seed__words pvi_seed__place_names = PVI_SEED__WORDS(place_names);
const struct pvi_seed__words pvi_seed__beauty_names = PVI_SEED__WORDS(beauty_names);
