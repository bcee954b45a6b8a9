/* refdata.c — the reference lists (headings, payments, languages, weekdays, social hosts). */
#include "pvi/pvi_refdata.h"
#include "pvi/pvi_mem.h"

#include <string.h>

/* Directory headings, in French alphabetical order (accents ignored). The
 * label is the stored value: renaming one needs a data migration. */
static const char *const activities[] = {
    "Accordeur de pianos",
    "Acupuncteur",
    "Administrateur de biens",
    "Agence de communication",
    "Agence de travail temporaire",
    "Agence de voyages",
    "Agence immobilière",
    "Agent général d'assurances",
    "Aide à domicile",
    "Ambulancier",
    "Animalerie",
    "Antenniste",
    "Antiquaire",
    "Apiculteur",
    "Architecte",
    "Architecte d'intérieur",
    "Armurerie",
    "Articles de chasse et pêche",
    "Articles de puériculture",
    "Articles de sport",
    "Assistante maternelle",
    "Atelier de couture",
    "Audioprothésiste",
    "Auto-école",
    "Autocariste",
    "Avocat",
    "Banque",
    "Bar",
    "Bar-tabac",
    "Barbier",
    "Bijouterie",
    "Bijouterie fantaisie",
    "Bois de chauffage",
    "Boucherie",
    "Boucherie-charcuterie",
    "Boulangerie",
    "Boulangerie-pâtisserie",
    "Bowling",
    "Brasserie",
    "Brasserie artisanale",
    "Brocante",
    "Bureau d'études techniques",
    "Bureau de tabac",
    "Cabinet de recrutement",
    "Café",
    "Camping",
    "Camping-cars (vente, location)",
    "Cardiologue",
    "Carreleur",
    "Carrosserie",
    "Caviste",
    "Centre de bronzage",
    "Centre équestre",
    "Chambre d'hôtes",
    "Chantier naval",
    "Charcuterie",
    "Charpentier",
    "Chaudronnerie",
    "Chauffagiste",
    "Chauffeur VTC",
    "Cheminées et poêles",
    "Chiropracteur",
    "Chirurgien-dentiste",
    "Chocolatier",
    "Cinéma",
    "Climaticien",
    "Club d'arts martiaux",
    "Coach professionnel",
    "Coach sportif",
    "Coiffeur",
    "Coiffeur à domicile",
    "Commissaire aux comptes",
    "Commissaire de justice",
    "Concessionnaire automobile",
    "Concessionnaire moto",
    "Confiserie",
    "Conseiller en gestion de patrimoine",
    "Constructeur de maisons individuelles",
    "Contrôle technique automobile",
    "Cordonnerie",
    "Cours de cuisine",
    "Cours de langues",
    "Coursier",
    "Courtier en assurances",
    "Courtier en prêts immobiliers",
    "Couvreur",
    "Création de sites internet",
    "Crèche",
    "Crêperie",
    "Cuisiniste",
    "Débarras de maisons",
    "Débouchage de canalisations",
    "Décorateur d'intérieur",
    "Déménageur",
    "Dépannage électroménager",
    "Dépannage et remorquage",
    "Dépannage informatique",
    "Dépôt-vente",
    "Dératisation, désinsectisation",
    "Dermatologue",
    "Désamiantage",
    "Détective privé",
    "Diagnostiqueur immobilier",
    "Diététicien",
    "Disc-jockey",
    "Discothèque",
    "Disquaire",
    "Domiciliation d'entreprises",
    "Droguerie",
    "Ébéniste",
    "École de danse",
    "École de musique",
    "Écrivain public",
    "Éducateur canin",
    "Élagueur",
    "Électricien",
    "Électricien automobile",
    "Encadreur",
    "Entreprise d'étanchéité",
    "Entreprise d'isolation",
    "Entreprise de démolition",
    "Entreprise de maçonnerie",
    "Entreprise de nettoyage",
    "Entreprise de rénovation",
    "Entreprise de terrassement",
    "Entreprise générale du bâtiment",
    "Épicerie",
    "Épicerie fine",
    "Ergothérapeute",
    "Esthéticienne",
    "Expert-comptable",
    "Fabricant d'enseignes",
    "Fabricant de meubles",
    "Ferronnier",
    "Fleuriste",
    "Friperie",
    "Fromagerie",
    "Galerie d'art",
    "Garage automobile",
    "Garage moto",
    "Garde d'enfants",
    "Garde-meubles",
    "Généalogiste",
    "Géomètre-expert",
    "Gîte",
    "Glacier",
    "Golf",
    "Gynécologue",
    "Herboristerie",
    "Horloger",
    "Horticulteur",
    "Hôtel",
    "Hypnothérapeute",
    "Imprimerie",
    "Infirmier",
    "Installateur d'alarmes",
    "Installateur de climatisation",
    "Installateur de panneaux solaires",
    "Installateur de pompes à chaleur",
    "Installateur de portails",
    "Installateur de salles de bains",
    "Institut de beauté",
    "Instruments de musique",
    "Interprète",
    "Jardinerie",
    "Jardinier",
    "Laboratoire d'analyses médicales",
    "Laverie automatique",
    "Librairie",
    "Lingerie",
    "Literie",
    "Livraison de fioul",
    "Location d'utilitaires",
    "Location de matériel",
    "Location de salles",
    "Location de vélos",
    "Location de voitures",
    "Luminaires",
    "Luthier",
    "Maçon",
    "Magasin bio",
    "Magasin d'électroménager",
    "Magasin d'informatique",
    "Magasin de bricolage",
    "Magasin de chaussures",
    "Magasin de décoration",
    "Magasin de jouets",
    "Magasin de meubles",
    "Magasin de tissus",
    "Maison de la presse",
    "Maison de retraite",
    "Maraîcher",
    "Marbrier funéraire",
    "Maréchal-ferrant",
    "Maroquinerie",
    "Masseur-kinésithérapeute",
    "Matériel médical (vente, location)",
    "Médecin généraliste",
    "Menuiserie aluminium",
    "Menuisier",
    "Mercerie",
    "Métallier",
    "Miroitier",
    "Naturopathe",
    "Négoce de matériaux de construction",
    "Notaire",
    "Office de tourisme",
    "Onglerie",
    "Ophtalmologue",
    "Opticien",
    "Organisateur de mariages",
    "Organisme de formation",
    "Orthodontiste",
    "Orthophoniste",
    "Orthoptiste",
    "Ostéopathe",
    "Parapharmacie",
    "Parfumerie",
    "Parqueteur",
    "Pâtisserie",
    "Paysagiste",
    "Pédiatre",
    "Pédicure-podologue",
    "Peintre en bâtiment",
    "Pension pour animaux",
    "Pépiniériste",
    "Pharmacie",
    "Photographe",
    "Pisciniste",
    "Pizzeria",
    "Plaquiste",
    "Plâtrier",
    "Plombier",
    "Pneumatiques",
    "Poissonnerie",
    "Pompes funèbres",
    "Poseur de fenêtres",
    "Pressing",
    "Prêt-à-porter",
    "Primeur",
    "Professeur de yoga",
    "Promoteur immobilier",
    "Prothésiste dentaire",
    "Psychanalyste",
    "Psychiatre",
    "Psychologue",
    "Psychomotricien",
    "Psychothérapeute",
    "Radiologue",
    "Ramoneur",
    "Ravalement de façades",
    "Remplacement de pare-brise",
    "Reprographie",
    "Résidence de tourisme",
    "Restaurant",
    "Restauration de meubles",
    "Restauration rapide",
    "Retouches de vêtements",
    "Revêtements de sols",
    "Sage-femme",
    "Salle d'escalade",
    "Salle de sport",
    "Salon de thé",
    "Scierie",
    "Secrétariat à distance",
    "Sellerie",
    "Sérigraphie",
    "Serrurier",
    "Service de repassage",
    "Services à la personne",
    "Société de gardiennage",
    "Sophrologue",
    "Soutien scolaire",
    "Spa",
    "Station de lavage",
    "Station-service",
    "Storiste",
    "Supermarché",
    "Syndic de copropriété",
    "Tailleur",
    "Tapissier-décorateur",
    "Tatoueur",
    "Taxi",
    "Toilettage pour animaux",
    "Torréfacteur",
    "Traducteur",
    "Traitement du bois",
    "Traiteur",
    "Transport de marchandises",
    "Vélociste",
    "Vente de véhicules d'occasion",
    "Vétérinaire",
    "Vidange de fosses septiques",
    "Vidéaste",
    "Vigneron",
    "Vitrier",
};

static const struct pvi_refitem payments[] = {
    {"cb", "Carte bancaire"},
    {"sans-contact", "Paiement sans contact"},
    {"american-express", "American Express"},
    {"especes", "Espèces"},
    {"cheque", "Chèque"},
    {"virement", "Virement bancaire"},
    {"prelevement", "Prélèvement automatique"},
    {"paiement-mobile", "Paiement mobile (Apple Pay, Google Pay)"},
    {"paypal", "PayPal"},
    {"paiement-plusieurs-fois", "Paiement en plusieurs fois"},
    {"cheque-vacances", "Chèques-Vacances (ANCV)"},
    {"ticket-restaurant", "Titres-restaurant"},
    {"cesu", "CESU (chèque emploi service universel)"},
    {"cheque-cadeau", "Chèques cadeaux"},
    {"tiers-payant", "Tiers payant"},
};

static const struct pvi_refitem languages[] = {
    {"fr", "Français"}, {"en", "Anglais"},    {"de", "Allemand"},    {"es", "Espagnol"},
    {"it", "Italien"},  {"pt", "Portugais"},  {"nl", "Néerlandais"}, {"ar", "Arabe"},
    {"zh", "Chinois"},  {"ru", "Russe"},      {"uk", "Ukrainien"},   {"pl", "Polonais"},
    {"ro", "Roumain"},  {"tr", "Turc"},       {"el", "Grec"},        {"ja", "Japonais"},
    {"ko", "Coréen"},   {"vi", "Vietnamien"}, {"hi", "Hindi"},       {"he", "Hébreu"},
    {"sv", "Suédois"},  {"br", "Breton"},     {"ca", "Catalan"},     {"co", "Corse"},
    {"eu", "Basque"},   {"oc", "Occitan"},
};

static const struct pvi_refitem phone_kinds[] = {
    {"fixed", "Fixe"},
    {"mobile", "Mobile"},
    {"fax", "Fax"},
};

static const struct pvi_refitem weekdays[] = {
    {"mon", "Lundi"},    {"tue", "Mardi"},  {"wed", "Mercredi"}, {"thu", "Jeudi"},
    {"fri", "Vendredi"}, {"sat", "Samedi"}, {"sun", "Dimanche"},
};

static const struct {
    const struct pvi_refitem *items;
    size_t n;
} lists[PVI__REF_COUNT] = {
    [PVI_REF_PAYMENT] = {payments, PVI_COUNT_OF(payments)},
    [PVI_REF_LANGUAGE] = {languages, PVI_COUNT_OF(languages)},
    [PVI_REF_PHONE_KIND] = {phone_kinds, PVI_COUNT_OF(phone_kinds)},
    [PVI_REF_WEEKDAY] = {weekdays, PVI_COUNT_OF(weekdays)},
};

/* Host allow-list for social links, with the network each belongs to. Only
 * hosts that serve the network's public pages over https. */
static const struct {
    const char *host;
    const char *network;
} social_hosts[] = {
    {"facebook.com", "facebook"},
    {"www.facebook.com", "facebook"},
    {"m.facebook.com", "facebook"},
    {"fr-fr.facebook.com", "facebook"},
    {"instagram.com", "instagram"},
    {"www.instagram.com", "instagram"},
    {"linkedin.com", "linkedin"},
    {"www.linkedin.com", "linkedin"},
    {"fr.linkedin.com", "linkedin"},
    {"x.com", "x"},
    {"twitter.com", "x"},
    {"www.twitter.com", "x"},
    {"youtube.com", "youtube"},
    {"www.youtube.com", "youtube"},
    {"m.youtube.com", "youtube"},
    {"youtu.be", "youtube"},
    {"tiktok.com", "tiktok"},
    {"www.tiktok.com", "tiktok"},
    {"pinterest.com", "pinterest"},
    {"www.pinterest.com", "pinterest"},
    {"fr.pinterest.com", "pinterest"},
    {"pinterest.fr", "pinterest"},
    {"www.pinterest.fr", "pinterest"},
    {"tripadvisor.fr", "tripadvisor"},
    {"www.tripadvisor.fr", "tripadvisor"},
    {"tripadvisor.com", "tripadvisor"},
    {"www.tripadvisor.com", "tripadvisor"},
    {"vimeo.com", "vimeo"},
    {"threads.net", "threads"},
    {"www.threads.net", "threads"},
};

size_t
pvi_refdata_count(enum pvi_reflist list)
{
    if ((int)list < 0 || list >= PVI__REF_COUNT)
        return 0;
    return lists[list].n;
}

const struct pvi_refitem *
pvi_refdata_at(enum pvi_reflist list, size_t i)
{
    if (i >= pvi_refdata_count(list))
        return NULL;
    return &lists[list].items[i];
}

int
pvi_refdata_index(enum pvi_reflist list, const char *code)
{
    size_t n = pvi_refdata_count(list);
    if (code == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(lists[list].items[i].code, code) == 0)
            return (int)i;
    return -1;
}

const char *
pvi_refdata_label(enum pvi_reflist list, const char *code)
{
    int i = pvi_refdata_index(list, code);
    return i < 0 ? NULL : lists[list].items[i].label;
}

int
pvi_refdata_exists(enum pvi_reflist list, const char *code)
{
    return pvi_refdata_index(list, code) >= 0;
}

size_t
pvi_refdata_activity_count(void)
{
    return PVI_COUNT_OF(activities);
}

const char *
pvi_refdata_activity_at(size_t i)
{
    return i < PVI_COUNT_OF(activities) ? activities[i] : NULL;
}

int
pvi_refdata_activity_exists(const char *name)
{
    if (name == NULL)
        return 0;
    for (size_t i = 0; i < PVI_COUNT_OF(activities); i++)
        if (strcmp(activities[i], name) == 0)
            return 1;
    return 0;
}

size_t
pvi_refdata_social_host_count(void)
{
    return PVI_COUNT_OF(social_hosts);
}

const char *
pvi_refdata_social_host_at(size_t i)
{
    return i < PVI_COUNT_OF(social_hosts) ? social_hosts[i].host : NULL;
}

const char *
pvi_refdata_social_network(const char *host)
{
    if (host == NULL)
        return NULL;
    for (size_t i = 0; i < PVI_COUNT_OF(social_hosts); i++)
        if (strcmp(social_hosts[i].host, host) == 0)
            return social_hosts[i].network;
    return NULL;
}

int
pvi_refdata_social_host_allowed(const char *host)
{
    return pvi_refdata_social_network(host) != NULL;
}
