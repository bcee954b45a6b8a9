/* data_services.c — what each trade offers: services with a short
 * description and a price range in cents (0–0: no price; lo = hi: a
 * regulated or fixed price), by heading, and by family for the headings
 * without a list of their own. Plain data and their lookup. */
#include "seed_internal.h"

#include <string.h>

/* clang-format off */
static const struct pvi_seed__service sv_bakery[] = {
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
static const struct pvi_seed__service sv_butcher[] = {
    {"Côte de bœuf maturée", "Race à viande, maturée quatre semaines (le kg).", 3200, 4600},
    {"Viande hachée minute", "Hachée devant vous (le kg).", 1400, 1900},
    {"Volailles fermières", "Label rouge, de la région.", 0, 0},
    {"Plats cuisinés du jour", NULL, 850, 1400},
    {"Colis de viande", "Assortiment pour la famille, sur commande.", 5900, 12900},
    {"Plateau barbecue", "Saucisses, merguez, brochettes marinées.", 2500, 4500},
    {"Charcuterie maison", "Pâtés, terrines et jambon cuit à l'os.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_plumber[] = {
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
static const struct pvi_seed__service sv_electrician[] = {
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
static const struct pvi_seed__service sv_hair[] = {
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
static const struct pvi_seed__service sv_barber[] = {
    {"Coupe homme", NULL, 1800, 2800},
    {"Taille de barbe", "À la tondeuse et au rasoir.", 1200, 1800},
    {"Rasage à l'ancienne", "Serviette chaude et rasoir droit.", 2500, 3500},
    {"Coupe et barbe", NULL, 3000, 4200},
    {"Soin du visage homme", NULL, 2500, 4000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_garage[] = {
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
static const struct pvi_seed__service sv_restaurant[] = {
    {"Menu du jour", "Entrée, plat et dessert, du mardi au vendredi midi.", 1450, 1950},
    {"Formule déjeuner", "Plat et dessert ou entrée et plat.", 1250, 1650},
    {"Menu découverte", "Cinq plats selon le marché.", 3500, 5500},
    {"Menu enfant", "Jusqu'à 10 ans.", 900, 1200},
    {"Plat du jour", NULL, 1100, 1500},
    {"Privatisation de la salle", "Anniversaires, repas d'entreprise, sur devis.", 0, 0},
    {"Vente à emporter", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_pizza[] = {
    {"Pizza Margherita", "Tomate, mozzarella fior di latte, basilic.", 900, 1100},
    {"Pizza Regina", "Tomate, mozzarella, jambon, champignons.", 1100, 1300},
    {"Pizza quatre fromages", NULL, 1200, 1400},
    {"Calzone", NULL, 1200, 1400},
    {"Pizza du moment", "Selon les produits de saison.", 1300, 1600},
    {"Tiramisu maison", NULL, 550, 700},
    {"Livraison à domicile", "Dans un rayon de 5 km.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_creperie[] = {
    {"Galette complète", "Jambon, œuf, emmental.", 850, 1050},
    {"Galette saucisse", NULL, 500, 700},
    {"Crêpe beurre sucre", NULL, 350, 450},
    {"Crêpe caramel au beurre salé", "Caramel maison.", 550, 700},
    {"Bolée de cidre fermier", NULL, 350, 450},
    {"Formule midi", "Galette, crêpe et bolée.", 1350, 1650},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_dentist[] = {
    {"Consultation et bilan bucco-dentaire", NULL, 2300, 2300},
    {"Détartrage", NULL, 2892, 2892},
    {"Soins des caries", NULL, 0, 0},
    {"Blanchiment des dents", "Après bilan, sur devis.", 40000, 60000},
    {"Couronnes et prothèses", "Reste à charge zéro possible.", 0, 0},
    {"Implantologie", "Sur devis après examen radiologique.", 0, 0},
    {"Urgences dentaires", "Créneaux réservés chaque jour.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_doctor[] = {
    {"Consultation", "Secteur 1, carte Vitale acceptée.", 3000, 3000},
    {"Consultation de l'enfant", NULL, 3000, 3000},
    {"Visite à domicile", "Pour les patients qui ne peuvent se déplacer.", 0, 0},
    {"Certificat de non contre-indication au sport", NULL, 0, 0},
    {"Vaccinations", NULL, 0, 0},
    {"Suivi des maladies chroniques", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_physio[] = {
    {"Rééducation post-opératoire", "Sur prescription médicale.", 0, 0},
    {"Kinésithérapie du sport", NULL, 0, 0},
    {"Rééducation périnéale", NULL, 0, 0},
    {"Drainage lymphatique", NULL, 0, 0},
    {"Kinésithérapie respiratoire", "Nourrissons et adultes.", 0, 0},
    {"Massage bien-être", "Non remboursé.", 4500, 6500},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_osteo[] = {
    {"Consultation adulte", "Séance d'environ 45 minutes.", 5500, 7000},
    {"Consultation enfant et nourrisson", NULL, 4500, 6000},
    {"Suivi de la femme enceinte", NULL, 5500, 7000},
    {"Ostéopathie du sportif", NULL, 5500, 7000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_beauty[] = {
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
static const struct pvi_seed__service sv_florist[] = {
    {"Bouquet du jour", "Fleurs de saison.", 2500, 4500},
    {"Composition florale", NULL, 3500, 9000},
    {"Fleurs de deuil", "Gerbes, couronnes, coussins.", 6000, 18000},
    {"Décoration de mariage", "Sur devis après rendez-vous.", 0, 0},
    {"Plantes d'intérieur", NULL, 0, 0},
    {"Livraison", "Le jour même pour toute commande avant 14 h.", 800, 1500},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_locksmith[] = {
    {"Ouverture de porte claquée", NULL, 8900, 14900},
    {"Changement de serrure", "Serrure trois points A2P.", 19000, 45000},
    {"Blindage de porte", NULL, 120000, 250000},
    {"Reproduction de clés", NULL, 500, 2500},
    {"Installation de coffre-fort", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_roofer[] = {
    {"Réparation de toiture", "Recherche de fuite et remplacement des tuiles.", 0, 0},
    {"Démoussage et traitement", "Nettoyage et hydrofuge.", 1500, 2500},
    {"Zinguerie et gouttières", NULL, 0, 0},
    {"Pose de fenêtres de toit", NULL, 90000, 160000},
    {"Isolation des combles", NULL, 0, 0},
    {"Réfection complète de couverture", "Ardoise, tuile ou zinc.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_estate[] = {
    {"Estimation gratuite", "Avis de valeur sous 48 heures.", 0, 0},
    {"Vente de maisons et appartements", NULL, 0, 0},
    {"Location", NULL, 0, 0},
    {"Gestion locative", "Encaissement des loyers, états des lieux.", 0, 0},
    {"Viager", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_lawyer[] = {
    {"Première consultation", "Au cabinet ou en visioconférence.", 6000, 12000},
    {"Droit de la famille", "Divorce, garde des enfants, pension.", 0, 0},
    {"Droit du travail", NULL, 0, 0},
    {"Droit immobilier", NULL, 0, 0},
    {"Droit pénal", NULL, 0, 0},
    {"Médiation", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_notary[] = {
    {"Vente immobilière", NULL, 0, 0},
    {"Succession", NULL, 0, 0},
    {"Donation", NULL, 0, 0},
    {"Contrat de mariage", NULL, 0, 0},
    {"PACS", NULL, 0, 0},
    {"Création de société", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_accountant[] = {
    {"Tenue de comptabilité", "Mensuelle ou trimestrielle.", 0, 0},
    {"Bilan et liasse fiscale", NULL, 0, 0},
    {"Création d'entreprise", "Choix du statut, prévisionnel.", 0, 0},
    {"Gestion de la paie", "Par bulletin.", 2500, 4000},
    {"Conseil fiscal", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_driving[] = {
    {"Permis B — forfait 20 heures", "Code et conduite.", 119000, 169000},
    {"Heure de conduite", NULL, 4800, 6200},
    {"Code de la route", "Accès en ligne et en salle.", 2900, 4900},
    {"Conduite accompagnée", "Dès 15 ans.", 0, 0},
    {"Permis moto A2", NULL, 80000, 120000},
    {"Stage de récupération de points", NULL, 20000, 25000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_optician[] = {
    {"Lunettes de vue", "Montures de créateurs et offre 100 % santé.", 0, 0},
    {"Lentilles de contact", NULL, 0, 0},
    {"Lunettes de soleil à la vue", NULL, 0, 0},
    {"Examen de la vue", "Gratuit, sur rendez-vous.", 0, 0},
    {"Réparation et ajustage", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_pharmacy[] = {
    {"Conseil et orientation", NULL, 0, 0},
    {"Préparations magistrales", NULL, 0, 0},
    {"Orthopédie et contention", NULL, 0, 0},
    {"Location de matériel médical", NULL, 0, 0},
    {"Vaccination contre la grippe", "Sans rendez-vous en saison.", 0, 0},
    {"Tests et dépistages", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_vet[] = {
    {"Consultation", NULL, 4000, 5500},
    {"Vaccination", "Chiens, chats, NAC.", 5500, 8000},
    {"Stérilisation", NULL, 9000, 30000},
    {"Identification par puce", NULL, 6000, 8000},
    {"Chirurgie", NULL, 0, 0},
    {"Urgences", "Sur appel, soirs et week-ends.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_hotel[] = {
    {"Chambre double", "Petit-déjeuner non compris.", 6900, 13900},
    {"Chambre familiale", "Jusqu'à quatre personnes.", 9900, 17900},
    {"Petit-déjeuner buffet", NULL, 900, 1600},
    {"Parking privé", NULL, 800, 1500},
    {"Salle de séminaire", "Sur devis.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_taxi[] = {
    {"Transport médical conventionné", "Agréé CPAM.", 0, 0},
    {"Transfert gare et aéroport", NULL, 0, 0},
    {"Longues distances", "Sur devis.", 0, 0},
    {"Courses de nuit", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_gym[] = {
    {"Abonnement mensuel", "Sans engagement.", 2990, 4990},
    {"Séance de coaching individuel", NULL, 4000, 6500},
    {"Cours collectifs", "Pilates, cross-training, cycling.", 0, 0},
    {"Bilan forme", NULL, 0, 3000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_photo[] = {
    {"Reportage de mariage", "Journée complète, galerie en ligne.", 120000, 250000},
    {"Séance portrait", "Une heure, dix photos retouchées.", 15000, 25000},
    {"Photos d'identité", NULL, 1000, 1500},
    {"Photographie d'entreprise", "Portraits d'équipe, locaux, produits.", 0, 0},
    {"Retouche et restauration", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_removal[] = {
    {"Déménagement de particuliers", "Visite technique gratuite.", 0, 0},
    {"Garde-meubles", "Le m³ par mois.", 1500, 3000},
    {"Monte-meubles", NULL, 25000, 45000},
    {"Cartons et emballage", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_heating[] = {
    {"Entretien de chaudière", "Attestation fournie.", 9000, 15000},
    {"Installation de pompe à chaleur", "Aides de l'État déduites sur devis.", 0, 0},
    {"Remplacement de chaudière", NULL, 0, 0},
    {"Plancher chauffant", NULL, 0, 0},
    {"Dépannage chauffage", "Sous 24 heures.", 9000, 14000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_cleaning[] = {
    {"Nettoyage de bureaux", "Contrat régulier.", 0, 0},
    {"Nettoyage de vitres", NULL, 0, 0},
    {"Nettoyage de fin de chantier", NULL, 0, 0},
    {"Entretien des parties communes", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};

static const struct pvi_seed__service sv_hearing[] = {
    {"Bilan auditif", "Gratuit, sur rendez-vous.", 0, 0},
    {"Appareils auditifs 100 % santé", "Sans reste à charge.", 0, 0},
    {"Essai gratuit d'un mois", NULL, 0, 0},
    {"Entretien et réglages", "Inclus pendant toute la durée de vie de l'appareil.", 0, 0},
    {"Protections auditives sur mesure", NULL, 9000, 16000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_lab[] = {
    {"Prises de sang", "Sans rendez-vous, à jeun le matin.", 0, 0},
    {"Résultats en ligne", NULL, 0, 0},
    {"Prélèvements à domicile", "Sur prescription.", 0, 0},
    {"Tests et dépistages", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_bailiff[] = {
    {"Constats", "Voisinage, travaux, internet.", 25000, 45000},
    {"Recouvrement de créances", NULL, 0, 0},
    {"Signification d'actes", NULL, 0, 0},
    {"États des lieux", NULL, 15000, 30000},
    {NULL, NULL, 0, 0},
};

/* Per family, for headings without their own list. */
static const struct pvi_seed__service sv_food[] = {
    {"Produits frais de saison", NULL, 0, 0},
    {"Plateaux et paniers garnis", "Sur commande 48 heures à l'avance.", 2500, 8000},
    {"Commandes pour vos réceptions", NULL, 0, 0},
    {"Dégustation en boutique", "Le samedi matin.", 0, 0},
    {"Livraison à domicile", "Pour toute commande de plus de 30 €.", 0, 500},
    {"Bons cadeaux", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_resto[] = {
    {"Formule du midi", NULL, 1200, 1700},
    {"Carte du soir", NULL, 0, 0},
    {"Desserts maison", NULL, 600, 900},
    {"Vente à emporter", NULL, 0, 0},
    {"Groupes et réceptions", "Sur réservation.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_bar[] = {
    {"Café et petit-déjeuner", NULL, 180, 650},
    {"Retransmissions sportives", NULL, 0, 0},
    {"Terrasse", NULL, 0, 0},
    {"Soirées à thème", "Le vendredi soir.", 0, 0},
    {"Planches apéritives", NULL, 1200, 2200},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_care[] = {
    {"Première consultation", "Bilan et conseils personnalisés.", 5000, 8000},
    {"Séance de suivi", NULL, 4500, 7000},
    {"Consultation à domicile", NULL, 0, 0},
    {"Téléconsultation", NULL, 4500, 6500},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_person[] = {
    {"Premier rendez-vous", "Gratuit et sans engagement.", 0, 0},
    {"Prestation à la demi-journée", NULL, 15000, 35000},
    {"Prestation à la journée", NULL, 30000, 60000},
    {"Forfait sur mesure", "Sur devis.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_pro[] = {
    {"Premier rendez-vous", "Gratuit, au bureau ou en visioconférence.", 0, 0},
    {"Étude personnalisée", NULL, 0, 0},
    {"Accompagnement des entreprises", NULL, 0, 0},
    {"Accompagnement des particuliers", NULL, 0, 0},
    {"Suivi annuel", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_trade[] = {
    {"Devis gratuit", "Visite et conseil sur place.", 0, 0},
    {"Dépannage", "Intervention rapide.", 8000, 15000},
    {"Travaux de rénovation", NULL, 0, 0},
    {"Travaux neufs", NULL, 0, 0},
    {"Entretien et maintenance", NULL, 0, 0},
    {"Chantier clé en main", "Coordination de tous les corps de métier.", 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_auto[] = {
    {"Entretien toutes marques", NULL, 0, 0},
    {"Diagnostic", NULL, 4900, 8900},
    {"Véhicule de prêt", "Sur réservation.", 0, 0},
    {"Devis gratuit", NULL, 0, 0},
    {"Location", "À la journée ou à la semaine.", 4000, 9000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_transport[] = {
    {"Devis gratuit", NULL, 0, 0},
    {"Transport sur réservation", "7 jours sur 7.", 0, 0},
    {"Longues distances", NULL, 0, 0},
    {"Urgences", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_retail[] = {
    {"Conseil personnalisé", NULL, 0, 0},
    {"Commande et réservation", "Retrait en magasin sous 48 heures.", 0, 0},
    {"Emballage cadeau", "Offert.", 0, 0},
    {"Carte de fidélité", NULL, 0, 0},
    {"Livraison", NULL, 500, 1500},
    {"Bons cadeaux", NULL, 2000, 10000},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_service[] = {
    {"Devis gratuit", NULL, 0, 0},
    {"Prestation sur rendez-vous", NULL, 0, 0},
    {"Intervention à domicile", NULL, 0, 0},
    {"Tarifs dégressifs", "Pour les contrats réguliers.", 0, 0},
    {"Service express", "Sous 24 heures.", 500, 2500},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_leisure[] = {
    {"Entrée adulte", NULL, 800, 1600},
    {"Tarif réduit", "Étudiants, moins de 18 ans.", 500, 1000},
    {"Abonnement annuel", NULL, 15000, 45000},
    {"Anniversaires et groupes", "Sur réservation.", 0, 0},
    {"Cours d'initiation", NULL, 1500, 3500},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_edu[] = {
    {"Cours individuel", "Une heure.", 2500, 4500},
    {"Cours collectif", NULL, 1200, 2500},
    {"Stage pendant les vacances", NULL, 12000, 30000},
    {"Bilan de niveau", "Gratuit.", 0, 0},
    {"Inscription annuelle", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};
static const struct pvi_seed__service sv_animal[] = {
    {"Toilettage complet", "Bain, coupe, griffes.", 3500, 7500},
    {"Garde à la journée", NULL, 1500, 2500},
    {"Pension", "La nuit.", 1500, 2800},
    {"Conseils en alimentation", NULL, 0, 0},
    {NULL, NULL, 0, 0},
};

static const struct {
    const char *activity;
    const struct pvi_seed__service *list;
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

static const struct pvi_seed__service *const family_services[F__COUNT] = {
    [F_FOOD] = sv_food,         [F_RESTO] = sv_resto,     [F_BAR] = sv_bar,
    [F_DOCTOR] = sv_doctor,     [F_CARE] = sv_care,       [F_PERSON] = sv_person,
    [F_PHARMA] = sv_pharmacy,   [F_LAW] = sv_lawyer,      [F_PRO] = sv_pro,
    [F_TRADE] = sv_trade,       [F_AUTO] = sv_auto,       [F_TRANSPORT] = sv_transport,
    [F_BEAUTY] = sv_beauty,     [F_RETAIL] = sv_retail,   [F_SERVICE] = sv_service,
    [F_HOTEL] = sv_hotel,       [F_LEISURE] = sv_leisure, [F_EDU] = sv_edu,
    [F_ANIMAL] = sv_animal,
};
/* clang-format on */

const struct pvi_seed__service *
pvi_seed__services_of(const char *activity, enum pvi_seed__family f)
{
    for (size_t i = 0; i < PVI_COUNT_OF(activity_services); i++)
        if (strcmp(activity_services[i].activity, activity) == 0)
            return activity_services[i].list;
    return family_services[f];
}
