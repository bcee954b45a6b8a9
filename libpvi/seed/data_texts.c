/* data_texts.c — the texts of the generated contents: taglines and
 * paragraphs by family ({name} {city} {at_city} {of_city} {act} {Act}
 * {first} {last} {tagline} {year} are filled in by content.c), SEO
 * descriptions, the reasons of suspensions, closings and rejections,
 * closing periods, payment methods by family and mail providers. Plain data. */
#include "seed_internal.h"

/* clang-format off */
const char *const pvi_seed__taglines[F__COUNT][4] = {
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

const char *const pvi_seed__family_paragraphs[F__COUNT][3] = {
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
/* clang-format on */

const struct pvi_seed__words pvi_seed__intro_paragraphs = PVI_SEED__WORDS(intro_paragraphs);
const struct pvi_seed__words pvi_seed__person_intro_paragraphs =
    PVI_SEED__WORDS(person_intro_paragraphs);
const struct pvi_seed__words pvi_seed__practical_paragraphs = PVI_SEED__WORDS(practical_paragraphs);
const struct pvi_seed__words pvi_seed__area_paragraphs = PVI_SEED__WORDS(area_paragraphs);
const struct pvi_seed__words pvi_seed__seo_templates = PVI_SEED__WORDS(seo_templates);
const struct pvi_seed__words pvi_seed__suspend_reasons = PVI_SEED__WORDS(suspend_reasons);
const struct pvi_seed__words pvi_seed__close_reasons = PVI_SEED__WORDS(close_reasons);
const struct pvi_seed__words pvi_seed__reject_reasons = PVI_SEED__WORDS(reject_reasons);

const struct pvi_seed__closure pvi_seed__closures[] = {
    {"2026-08-03", "2026-08-23", "Congés d'été"},
    {"2026-12-24", "2027-01-02", "Fêtes de fin d'année"},
    {"2026-04-20", "2026-04-26", "Congés de printemps"},
    {"2026-05-01", "2026-05-01", "Fête du Travail"},
    {"2026-11-02", "2026-11-07", "Inventaire annuel"},
};
const size_t pvi_seed__n_closures = PVI_COUNT_OF(pvi_seed__closures);

/* Payment methods of each family: "code" always, "code?P" with P % chance. */

/* clang-format off */
const char *const pvi_seed__family_payments[F__COUNT] = {
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

static const char *const mail_providers[] = {
    "orange.fr", "wanadoo.fr", "free.fr",    "gmail.com", "laposte.net",
    "sfr.fr",    "outlook.fr", "hotmail.fr", "bbox.fr",
};
const struct pvi_seed__words pvi_seed__mail_providers = PVI_SEED__WORDS(mail_providers);
