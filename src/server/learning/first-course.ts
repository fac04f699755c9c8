/*
 * The first course of the platform: « Construire et faire vivre son SPASER » (issue 22).
 *
 * Origin: the project's domain reference (../shared/reference/domain.md, and decp.md for the
 * procurement data), as it stood in December 2026, rewritten in our own words — no sentence is copied
 * from the sources. Each lesson lists the public pages its facts come from; what the reference marks
 * [UNVERIFIED] is either left out or said to be unverified, never taught as fact.
 * Licence of the facts: public legal texts (code de la commande publique, lois and décrets) and
 * official pages of the State (achats-durables.gouv.fr, economie.gouv.fr, data.gouv.fr), plus the
 * secondary pages that reproduce or report them, each cited where it is used. The wording of the
 * lessons and quizzes is the project's own.
 */
import type { CourseResourceSeed, SeedCourse } from './first-course.types.js';

/** The sources the lessons cite, exactly as the domain reference gives them. */
const S = {
  l2111Lexbase: { label: 'Article L2111-3 du code de la commande publique (rédaction antérieure au 25 octobre 2023), reproduit par Lexbase', url: 'https://www.lexbase.fr/index/source/51713931-l21113' },
  l2111English: { label: 'Article L2111-3 du code de la commande publique, traduction anglaise (French Business Law)', url: 'https://french-business-law.com/rench-legislation-art/article-l2111-3-of-the-french-public-procurement-code' },
  climatResilience: { label: 'Loi n° 2021-1104 « Climat et résilience », article 35 (texte législatif, Doctrine)', url: 'https://www.doctrine.fr/dp/PW16AFB94144438F065FF4/articles/PREPARTIABD597766D6110B11267' },
  rtes2020: { label: 'RTES — état des lieux des SPASER (janvier 2020)', url: 'https://rtes.fr/node/6008' },
  rtes2022: { label: 'RTES — état des lieux des SPASER (décembre 2022)', url: 'https://rtes.fr/etat-des-lieux-sur-les-spaser-decembre-2022' },
  rtesSeuil: { label: 'RTES — abaissement du seuil des SPASER à 50 millions d’euros au 1er janvier 2023', url: 'https://www.rtes.fr/abaissement-du-seuil-des-spaser-a-50-millions-d-euros-d-achats-annuels-au-premier-janvier-2023' },
  weka: { label: 'Weka — l’obligation d’adopter un SPASER avec des objectifs cibles à atteindre', url: 'https://www.weka.fr/actualite/achats/article_juridique/l-obligation-d-adopter-un-spaser-avec-des-objectifs-cibles-a-atteindre-160700/' },
  d2111: { label: 'Article D2111-3 du code de la commande publique (marche-public.fr)', url: 'https://marche-public.fr/ccp/D2111-03-schema-promotion-achats.htm' },
  d2111English: { label: 'Article D2111-3 du code de la commande publique, traduction anglaise (French Business Law)', url: 'https://french-business-law.com/french-legislation-art/article-d2111-3-of-the-french-public-procurement-code' },
  portailSpaser: { label: 'achats-durables.gouv.fr — le SPASER, outil de planification des acheteurs publics', url: 'https://achats-durables.gouv.fr/spaser-outil-planification-acheteurs-publics-198' },
  atexo: { label: 'Atexo — le SPASER, de quoi parle-t-on ?', url: 'https://atexo.com/actualites/article-a-la-une-le-schema-de-promotion-des-achats-socialement-et-ecologiquement-responsable-spaser-de-quoi-parle-t-on-62' },
  franceUrbaine: { label: 'France Urbaine — les principales avancées de la loi Industrie verte en matière de commande publique', url: 'https://franceurbaine.org/actualites/les-principales-avancees-de-la-loi-industrie-verte-en-matiere-de-commande-publique' },
  senatIndustrieVerte: { label: 'Sénat — séance du 20 juin 2023, projet de loi Industrie verte (texte adopté par le Sénat)', url: 'https://senat.fr/seances/s202306/s20230620/s20230620006.html' },
  moniteurFormation: { label: 'Le Moniteur — une formation pour réussir la mise en place d’un SPASER', url: 'https://www.lemoniteur.fr/article/marches-publics-une-formation-pour-reussir-la-mise-en-place-d-un-spaser.2281317' },
  brest: { label: 'Achat-logistique.info — un SPASER commun Ville-Métropole à Brest, sans date de péremption', url: 'https://achat-logistique.info/durable/un-spaser-commun-ville-metropole-a-brest-sans-date-de-peremption' },
  bordeaux: { label: 'Achatpublic.info — Bordeaux, Ville et Métropole, déploient leurs ambitions (juin 2021)', url: 'https://images.achatpublic.info/actualites/info-du-jour/2021/06/24/bordeaux-ville-et-metropole-deploient-leurs-ambitions-dans-un' },
  pessac: { label: 'Ville de Pessac — SPASER : quel bilan pour 2023', url: 'https://pessac.fr/accueil/decodages/spaser-quel-bilan-pour-2023-1448.html' },
  pnadArticle: { label: 'Achat-logistique.info — un PNAD 3.0 en 22 actions', url: 'https://achat-logistique.info/durable/un-pnad-3-0-en-22-actions/' },
  pnadPdf: { label: 'Plan national pour des achats durables 2022-2025 (PDF, ministère de la Transition écologique)', url: 'https://www.ecologie.gouv.fr/sites/default/files/PNAD-PAGEAPAGE-SCREEN%283%29.pdf' },
  moniteur2022: { label: 'Le Moniteur — clauses sociales et environnementales en hausse en 2022', url: 'https://infopro-le-moniteur-staging.web.arc-cdn.net/article/marches-publics-les-clauses-sociales-et-environnementales-en-hausse-en-2022.2321210' },
  weka2024: { label: 'Weka — les achats de l’État en 2024', url: 'https://www.weka.fr/actualite/?p=208405' },
  oecp: { label: 'Direction des affaires juridiques — recensement économique de la commande publique (OECP)', url: 'https://www.economie.gouv.fr/daj/oecp-recensement-economique-commande-publique' },
  decpDataset: { label: 'data.gouv.fr — données essentielles de la commande publique consolidées (format tabulaire)', url: 'https://www.data.gouv.fr/datasets/donnees-essentielles-de-la-commande-publique-consolidees-format-tabulaire/' },
  moniteurDecp: { label: 'Le Moniteur — des données essentielles augmentées et centralisées au 1er janvier 2024', url: 'https://www.testing.lemoniteur.fr/article/commande-publique-des-donnees-essentielles-augmentees-et-centralisees-au-1er-janvier-2024.2316478' },
  etat: { label: 'achats-durables.gouv.fr — le SPASER de l’État 2025-2027', url: 'https://achats-durables.gouv.fr/etat-788' },
  franceUrbaineGuide: { label: 'Sante-achat.info — le dictionnaire amoureux du SPASER (guide de France Urbaine)', url: 'https://sante-achat.info/durable/le-dictionnaire-amoureux-du-spaser/' },
  achatpublicSmart: { label: 'Achatpublic.info — piloter un SPASER (entretien avec Yorick Guinebert)', url: 'https://www.achatpublic.info/actualites/actualites/spaser' },
  wekaIndicateurs: { label: 'Weka — conduire le changement avec des indicateurs pertinents', url: 'https://www.weka.fr/marches-publics/dossier-pratique/pratique-de-l-achat-durable-dt31/conduire-le-changement-avec-des-indicateurs-pertinents-6728/' },
  grandEst: { label: 'Région Grand Est — achats responsables, la Région intensifie son engagement', url: 'https://windpress.info/it/press-release/917282/achats-responsables-la-rgion-intensifie-son-engagement' },
  sedif: { label: 'Décision Achats — SPASER : les acheteurs publics en ordre de marche (SEDIF)', url: 'https://decision-achats.fr/Thematique/achats-publics-1230/Breves/Spaser-les-acheteurs-publics-en-ordre-de-marche-464488.htm' },
  gironde3ar: { label: '3AR — les adhérents soumis au SPASER échangent sur leurs pratiques (Gironde)', url: 'https://3ar-na.fr/articles/schema-de-promotion-des-achats-socialement-et-ecologiquement-responsables-spaser-les-adherents-3ar-soumis-a-l-elaboration-de-ce-schema-echangent-sur-leurs-pratiques' },
  girondeBilan: { label: 'Département de la Gironde — SPASER et son bilan (document reproduit par Readkong)', url: 'https://fr.readkong.com/page/schema-de-promotion-des-achats-socialement-et-3319842' },
  blEvolution: { label: 'BL Évolution — achats responsables des collectivités : le SPASER', url: 'https://bl-evolution.com/achats-responsables-collectivites-spaser' },
  faqMission: { label: 'Mission SPASER — webinaire FAQ et bilan de l’édition 2 (vidéo)', url: 'https://www-dc3.dailymotion.com/video/x91flve' },
  aviseBretagne: { label: 'Avise — la Région Bretagne co-construit son schéma des achats responsables', url: 'https://www.avise.org/actualites/conseil-regional-de-bretagne-co-construire-le-schema-de-promotion-des-achats-responsables' },
  reseaux: { label: 'achats-durables.gouv.fr — réseaux nationaux et locaux pour accompagner les acheteurs publics', url: 'https://achats-durables.gouv.fr/reseaux-nationaux-locaux-accompagner-acheteurs-publics-11' },
  portailLancement: { label: 'Le Moniteur — ressources, formations, accès aux SPASER : un nouveau portail dédié à l’achat durable', url: 'https://www.testing.lemoniteur.fr/article/ressources-formations-acces-aux-spaser-un-nouveau-portail-dedie-a-l-achat-durable.2338191' },
  guichetsVerts: { label: 'Sante-achat.info — deux guichets pour l’achat responsable francilien', url: 'https://sante-achat.info/durable/deux-guichets-pour-lachat-responsable-francilien/' },
  aesMission: { label: 'Agence des Économies Solidaires — retour sur la Mission SPASER avec le CGDD', url: 'https://economies-solidaires.org/pratique-inspirante-retour-sur-la-mission-spaser-avec-alexandra-lamotte-cheffe-de-projet-commande-publique-durable-au-commissariat-general-au-developpement-durable' },
  makesense: { label: 'makesense — développer l’entraide entre acheteurs publics (Mission SPASER)', url: 'https://france.makesense.org/media/plan-national-pour-des-achats-durables-favoriser-le-deploiement-de-politiques-dachats-responsables-en-developpant-lentraide-entre-acheteurs-publics/' },
  codevEtapes: { label: 'Unafo — formation au codéveloppement (les six étapes)', url: 'https://formations-emplois.unafo.org/formation-co-developpement-a-destination-responsables-de-residences-sociales/paris-16-220004a' },
  decret2022Lexbase: { label: 'Décret n° 2022-767 du 2 mai 2022, dispositions d’entrée en vigueur (Lexbase)', url: 'https://lexbase.fr/texte-de-loi/114449358-autre-version' },
  fnccr: { label: 'FNCCR — commande publique : les échéances de 2026', url: 'https://dev.fnccr.asso.fr/actualites/commande-publique-5' },
  legifranceCcp: { label: 'Code de la commande publique sur Légifrance (article issu de la loi Climat et résilience)', url: 'https://circulaire.legifrance.gouv.fr/affichCodeArticle.do?cidTexte=LEGITEXT000037701019&idArticle=LEGIARTI000043963401' },
  agecValdelia: { label: 'Valdelia — décret n° 2024-134 sur les achats issus du réemploi, de la réutilisation ou du recyclage', url: 'https://valdelia.org/?p=6781' },
  paris: { label: 'Ville de Paris — délibération 2021 DFA 72, schéma parisien de la commande publique responsable', url: 'https://a06-v7.apps.paris.fr:443/a06/jsp/site/Portal.jsp?page=ods-solr.display_document&id_document=164387&items_per_page=20&sort_name=&sort_order=&terms=&query=&fq=seance_string%3ADECEMBRE%202021' },
  girondeRtes: { label: 'RTES — les SPASER du conseil départemental de la Gironde', url: 'https://www.rtes.fr/les-spaser-du-conseil-departemental-de-la-gironde' },
  commerceEquitable: { label: 'Loi n° 2005-882, article 60 (définition du commerce équitable)', url: 'https://legal.tricoteuses.fr/articles/LEGIARTI000038589948' },
} as const;

export const firstCourseResources: CourseResourceSeed[] = [
  {
    key: 'article-l2111-3',
    kind: 'summary_sheet',
    title: 'Article L2111-3 du code de la commande publique : l’obligation de SPASER',
    summary:
      'Le texte qui oblige les acheteurs publics dont les achats annuels dépassent un seuil réglementaire à adopter un schéma de promotion des achats socialement et écologiquement responsables, et qui en fixe le contenu : objectifs sociaux et écologiques, économie circulaire, suivi annuel, indicateurs publiés tous les deux ans, objectifs cibles, publication en ligne.',
    body: `## De quoi s’agit-il ?

L’article **L2111-3** du code de la commande publique porte l’obligation de SPASER depuis l’entrée en vigueur du code, le 1er avril 2019. Il reprend une obligation née avec la loi relative à l’économie sociale et solidaire de 2014 et complétée en 2015, en 2021 et en 2023.

## Ce qu’il faut y lire

- **Le premier alinéa** : qui doit adopter un schéma. Depuis la loi Industrie verte (en vigueur le 25 octobre 2023), ce sont tous les acheteurs soumis au code au-delà du seuil fixé par l’article D2111-3.
- **Le deuxième alinéa** : ce que le schéma détermine — des objectifs d’achat à caractère social (intégration de travailleurs handicapés ou défavorisés) et écologique, leurs modalités de mise en œuvre et de **suivi annuel**, et la promotion de l’**économie circulaire**.
- **Les ajouts de la loi Climat et résilience (2021)** : la **publication en ligne**, des **indicateurs précis exprimés en nombre de contrats ou en valeur, publiés tous les deux ans**, et des **objectifs cibles**, notamment pour les achats auprès d’entreprises solidaires d’utilité sociale (ESUS).
- **L’ajout de la loi Industrie verte (2023)** : le schéma élaboré conjointement par plusieurs acheteurs.

## Avertissement

Les liens ci-dessous sont des reproductions fidèles du texte ; notre référence n’a pas pu relire la version consolidée sur Légifrance. Avant de citer l’article dans une délibération, vérifiez sa rédaction en vigueur sur Légifrance.`,
    themes: ['gouvernance', 'indicateurs', 'clauses_sociales', 'clauses_environnementales', 'economie_circulaire'],
    links: [
      { label: 'Article L2111-3, rédaction antérieure au 25 octobre 2023 (Lexbase)', url: S.l2111Lexbase.url },
      { label: 'Article L2111-3, traduction anglaise (French Business Law)', url: S.l2111English.url },
    ],
    producer: 'Code de la commande publique (Parlement), texte reproduit par Lexbase',
    licence: 'Texte officiel',
    publishedOn: '2023-10-23',
  },
  {
    key: 'article-d2111-3',
    kind: 'summary_sheet',
    title: 'Article D2111-3 du code de la commande publique : le seuil de 50 M€ et le calcul du montant annuel',
    summary:
      'L’article réglementaire qui fixe à 50 millions d’euros hors taxes le montant annuel d’achats au-delà duquel un SPASER est obligatoire (depuis le 1er janvier 2023, décret n° 2022-767 du 2 mai 2022) et qui dit comment calculer ce montant.',
    body: `## De quoi s’agit-il ?

Le décret n° 2022-767 du 2 mai 2022 a réécrit l’article **D2111-3** du code de la commande publique, avec effet au **1er janvier 2023**. Il abaisse le seuil de l’obligation de SPASER de 100 à **50 millions d’euros HT** et précise le mode de calcul.

## Ce qu’il faut y lire

- **Le seuil** : 50 M€ HT d’achats par an.
- **Qui calcule** : les pouvoirs adjudicateurs et les entités adjudicatrices soumis à l’article L2111-3.
- **Ce qui compte** : les **dépenses effectuées pendant une année civile** au titre des **marchés** — pas le total des marchés notifiés dans l’année.
- **Ce qui est exclu** : les marchés relevant du **livre V** de la deuxième partie du code, c’est-à-dire les marchés de défense ou de sécurité.

## Pourquoi le lire

Certains outils citent encore l’ancien seuil de 100 M€ ou un calcul fondé sur les contrats signés dans l’année. Relire le texte évite de se croire hors du champ de l’obligation à tort.`,
    themes: ['gouvernance', 'indicateurs'],
    links: [
      { label: 'Article D2111-3 (marche-public.fr)', url: S.d2111.url },
      { label: 'Article D2111-3, traduction anglaise (French Business Law)', url: S.d2111English.url },
      { label: 'Décret n° 2022-767, dispositions d’entrée en vigueur (Lexbase)', url: S.decret2022Lexbase.url },
    ],
    producer: 'Gouvernement (décret n° 2022-767), texte reproduit par marche-public.fr',
    licence: 'Texte officiel',
    publishedOn: '2022-05-02',
  },
  {
    key: 'loi-climat-resilience-art-35',
    kind: 'summary_sheet',
    title: 'Loi « Climat et résilience » du 22 août 2021, article 35 : commande publique et SPASER',
    summary:
      'L’article de la loi n° 2021-1104 qui a ajouté au SPASER la publication en ligne, les indicateurs publiés tous les deux ans et les objectifs cibles, et qui impose, pour les consultations lancées depuis le 21 août 2026, un critère environnemental d’attribution et des conditions d’exécution environnementales.',
    body: `## De quoi s’agit-il ?

L’article 35 de la loi n° 2021-1104 du 22 août 2021, dite « Climat et résilience », est le texte qui a le plus transformé le SPASER depuis sa création, et qui verdit toute la commande publique.

## Ce qu’il faut y lire

**Pour le SPASER (en vigueur depuis 2021) :**
- le schéma est rendu public, notamment en ligne sur le site de l’acheteur quand il en a un ;
- il comporte des indicateurs précis, en nombre de contrats ou en valeur, publiés tous les deux ans ;
- il fixe des objectifs cibles par catégorie d’achat responsable, notamment pour les ESUS et les entreprises employant des personnes défavorisées ou vulnérables.

**Pour tous les marchés (consultations lancées depuis le 21 août 2026) :**
- au moins un critère d’attribution prend en compte les caractéristiques environnementales des offres ;
- les conditions d’exécution prennent en compte des considérations environnementales ;
- les rapports annuels des concessionnaires décrivent leurs mesures environnementales et d’insertion.

## Conseil de lecture

Lisez l’article avec les dispositions d’entrée en vigueur du décret n° 2022-767 : c’est lui qui fixe la date du 21 août 2026.`,
    themes: ['clauses_environnementales', 'clauses_sociales', 'indicateurs'],
    links: [
      { label: 'Article 35, texte législatif (Doctrine)', url: S.climatResilience.url },
      { label: 'Article du code de la commande publique issu de la loi (Légifrance)', url: S.legifranceCcp.url },
      { label: 'Décret n° 2022-767, entrée en vigueur (Lexbase)', url: S.decret2022Lexbase.url },
    ],
    producer: 'Parlement (loi n° 2021-1104 du 22 août 2021)',
    licence: 'Texte officiel',
    publishedOn: '2021-08-22',
  },
  {
    key: 'loi-industrie-verte-art-29',
    kind: 'summary_sheet',
    title: 'Loi « Industrie verte » du 23 octobre 2023, article 29 : tous les acheteurs et le schéma commun',
    summary:
      'L’article de la loi n° 2023-973 qui, depuis le 25 octobre 2023, étend l’obligation de SPASER à tous les acheteurs soumis au code de la commande publique au-delà du seuil, État et hôpitaux compris, et qui permet à plusieurs acheteurs d’élaborer un schéma commun.',
    body: `## De quoi s’agit-il ?

La loi n° 2023-973 du 23 octobre 2023 relative à l’industrie verte est entrée en vigueur le **25 octobre 2023**. Son article 29 modifie l’article L2111-3 du code de la commande publique.

## Ce qu’il faut y lire

- **Le champ de l’obligation** : elle ne vise plus seulement les collectivités territoriales et les acheteurs dont le statut est fixé par la loi, mais **tous les acheteurs soumis au code** dont les achats annuels dépassent le seuil — y compris l’État et les établissements hospitaliers.
- **Le schéma commun** : plusieurs acheteurs peuvent mettre en commun leur schéma, y compris des acheteurs sous le seuil ; les indicateurs restent établis pour chacun d’eux.

## Avertissement

Le lien du Sénat donne le texte du projet tel qu’adopté par le Sénat en juin 2023 (son article 13 est devenu l’article 29 de la loi). La rédaction finale promulguée n’a pas été relue sur Légifrance par notre référence : vérifiez-la avant de la citer mot pour mot. La page du portail national résume la règle en vigueur.`,
    themes: ['gouvernance', 'parties_prenantes'],
    links: [
      { label: 'Le SPASER, outil de planification (achats-durables.gouv.fr)', url: S.portailSpaser.url },
      { label: 'Séance du Sénat du 20 juin 2023 (texte adopté par le Sénat)', url: S.senatIndustrieVerte.url },
    ],
    producer: 'Parlement (loi n° 2023-973 du 23 octobre 2023)',
    licence: 'Texte officiel',
    publishedOn: '2023-10-23',
  },
  {
    key: 'pnad-2022-2025',
    kind: 'guide',
    title: 'Plan national pour des achats durables (PNAD) 2022-2025',
    summary:
      'Le plan de l’État publié le 15 mars 2022 et piloté par le Commissariat général au développement durable : 2 axes, 22 actions, et deux objectifs pour 2025 — 100 % des contrats notifiés avec au moins une considération environnementale, 30 % avec au moins une considération sociale.',
    body: `## De quoi s’agit-il ?

Le **PNAD 2022-2025** est la troisième édition du plan national, après ceux de 2007 et de 2014-2020. Il est piloté par le **CGDD** (ministère de la Transition écologique), avec notamment la Direction des achats de l’État et la Direction des affaires juridiques.

## Ce qu’il faut y lire

- **Les deux objectifs chiffrés pour 2025** : 100 % des contrats notifiés dans l’année avec au moins une considération environnementale, 30 % avec au moins une considération sociale.
- **La définition d’une « considération »** : un critère d’attribution, une clause ou condition d’exécution, ou une spécification technique.
- **Les 22 actions**, réparties en deux axes (aider les acheteurs à acheter durable ; mobiliser les décideurs et suivre les progrès). L’**action 13** soutient le développement des SPASER.

## Pourquoi le lire

Les objectifs du PNAD servent de repère à la plupart des SPASER, et la plateforme les trace sur ses graphiques. Ce sont ceux du plan national, pas ceux de votre schéma : c’est à vous de fixer vos propres cibles.`,
    themes: ['indicateurs', 'clauses_sociales', 'clauses_environnementales'],
    links: [
      { label: 'PNAD 2022-2025 (PDF)', url: S.pnadPdf.url },
      { label: 'Présentation des 22 actions (achat-logistique.info)', url: S.pnadArticle.url },
    ],
    producer: 'Commissariat général au développement durable (ministère de la Transition écologique)',
    licence: 'Licence Ouverte 2.0',
    publishedOn: '2022-03-15',
  },
  {
    key: 'portail-achats-durables-spaser',
    kind: 'guide',
    title: 'achats-durables.gouv.fr : la page « Le SPASER, outil de planification des acheteurs publics »',
    summary:
      'La page du portail national de l’achat durable consacrée au SPASER : qui est concerné depuis la loi Industrie verte, à quoi sert le schéma et comment il s’articule autour de trois piliers (social, environnement, développement économique).',
    body: `## De quoi s’agit-il ?

Le portail **achats-durables.gouv.fr**, ouvert le 14 novembre 2024 par le Commissariat général au développement durable, rassemble les ressources nationales de l’achat durable : guides par secteur, formations, fiches des SPASER publiés.

## Ce qu’il faut y lire

- La présentation du SPASER comme **outil de planification** de la politique d’achat.
- Le rappel du champ de l’obligation depuis le 25 octobre 2023 : tous les acheteurs soumis au code au-delà de 50 M€ HT, **État et hôpitaux compris**.
- Les **trois piliers** proposés pour organiser le schéma : social, environnement, développement économique.

## Pour aller plus loin

Le même portail publie une fiche par SPASER (par exemple celle de l’État) et la liste des réseaux qui accompagnent les acheteurs.`,
    themes: ['gouvernance', 'autre'],
    links: [{ label: 'Le SPASER, outil de planification', url: S.portailSpaser.url }],
    producer: 'Commissariat général au développement durable (ministère de la Transition écologique)',
    licence: 'Licence Ouverte 2.0',
    publishedOn: '2024-11-14',
  },
  {
    key: 'reseaux-accompagnement',
    kind: 'guide',
    title: 'Réseaux nationaux et locaux pour accompagner les acheteurs publics',
    summary:
      'La page du portail national qui présente l’inter-réseaux « Commande publique et développement durable », les réseaux régionaux d’acheteurs et les plateformes d’échange entre pairs : à qui s’adresser près de chez soi.',
    body: `## De quoi s’agit-il ?

Une page de **achats-durables.gouv.fr** qui recense les acteurs qui accompagnent les acheteurs : l’inter-réseaux animé par le CGDD depuis 2013, les réseaux régionaux d’achats responsables et les plateformes d’échange entre pairs.

## Ce qu’il faut y lire

- Le **réseau de votre région** : c’est souvent lui qui organise des ateliers sur le SPASER et qui connaît les schémas déjà adoptés autour de vous.
- Les **guichets verts**, financés par le PNAD depuis 2022, qui répondent aux questions environnementales de premier niveau.
- Les plateformes d’échange entre acheteurs.

## Conseil

Croisez cette page avec l’annuaire des acteurs de la plateforme, qui indique pour chaque acteur les thèmes sur lesquels le solliciter.`,
    themes: ['parties_prenantes', 'gouvernance'],
    links: [{ label: 'Réseaux nationaux et locaux', url: S.reseaux.url }],
    producer: 'Commissariat général au développement durable (ministère de la Transition écologique)',
    licence: 'Licence Ouverte 2.0',
    publishedOn: '2024-11-14',
  },
  {
    key: 'decp-donnees-essentielles',
    kind: 'indicator_toolbox',
    title: 'Données essentielles de la commande publique (DECP) et recensement de l’OECP',
    summary:
      'Depuis le 1er janvier 2024, les acheteurs publient sur data.gouv.fr les données essentielles de leurs marchés de 40 000 € HT et plus, y compris leurs considérations sociales et environnementales ; l’Observatoire économique de la commande publique en tire son recensement.',
    body: `## De quoi s’agit-il ?

Les **données essentielles** (DECP) décrivent chaque marché : acheteur (SIRET), objet, code CPV, procédure, montant, durée, titulaires… Les arrêtés du 22 décembre 2022 en ont fait, à partir du **1er janvier 2024**, la source unique du recensement de l’OECP, pour les contrats de **40 000 € HT et plus**, publiés sur **data.gouv.fr**.

## Ce qu’il faut y lire

- **Les deux champs utiles au SPASER** : considérations sociales (clause sociale, critère social, marché réservé, ou aucune) et considérations environnementales (clause environnementale, critère environnemental, ou aucune). Ils sont obligatoires et peuvent porter plusieurs valeurs.
- **La page de l’OECP**, qui explique le passage du recensement déclaratif (contrats de 90 000 € HT et plus, jusqu’au 31 décembre 2023) aux DECP.
- **Le jeu de données consolidé**, qui rassemble les publications des différentes plateformes.

## Précautions

Le montant publié est le montant notifié pour toute la durée du marché, pas la dépense de l’année. Les données de l’ancien format (marchés notifiés jusqu’à fin 2023) ne contiennent pas les considérations : un marché de cette période n’est pas « sans considération », il est « non renseigné ».`,
    themes: ['indicateurs', 'clauses_sociales', 'clauses_environnementales'],
    links: [
      { label: 'DECP consolidées (data.gouv.fr)', url: S.decpDataset.url },
      { label: 'Recensement économique de la commande publique (OECP)', url: S.oecp.url },
    ],
    producer: 'Direction des affaires juridiques (OECP), ministère de l’Économie ; data.gouv.fr',
    licence: 'Licence Ouverte 2.0',
    publishedOn: '2022-12-22',
  },
  {
    key: 'spaser-etat-2025-2027',
    kind: 'spaser_example',
    title: 'Le SPASER de l’État 2025-2027',
    summary:
      'Le premier SPASER de l’État, publié le 10 décembre 2025 et piloté par la Direction des achats de l’État : 24,8 Md€ d’achats, 3 axes, 13 objectifs et des cibles chiffrées pour 2027, dont des indicateurs publiés chaque année.',
    body: `## De quoi s’agit-il ?

Depuis la loi Industrie verte, l’État est lui aussi tenu d’adopter un SPASER. Son premier schéma couvre **2025-2027** et a été publié le **10 décembre 2025**. Il est piloté par la **Direction des achats de l’État** et porte sur 24,8 Md€ d’achats (hors défense et sécurité).

## Ce qu’il faut y lire

- **Trois axes** : l’État acheteur responsable, la transition écologique, les politiques sociales — déclinés en 13 objectifs.
- **Des cibles chiffrées pour 2027** : –22 % d’émissions de gaz à effet de serre liées aux achats, part des achats auprès de l’ESS doublée à 2,5 %, +10 % d’heures d’insertion, 100 % des agents des achats formés, 100 % des marchés avec un critère environnemental pesant au moins 10 % (jusqu’à 20 % sur les segments à fort enjeu).
- **Un suivi annuel publié**, plus fréquent que le minimum légal de deux ans.

## Pourquoi le lire

C’est un exemple récent de schéma qui se prépare explicitement à l’échéance du 21 août 2026 et qui cible les segments les plus émetteurs : mobilité, informatique, maintenance immobilière et travaux.`,
    themes: ['clauses_environnementales', 'clauses_sociales', 'indicateurs', 'gouvernance'],
    links: [{ label: 'Fiche du SPASER de l’État (achats-durables.gouv.fr)', url: S.etat.url }],
    producer: 'Direction des achats de l’État (DAE)',
    licence: 'Licence Ouverte 2.0',
    publishedOn: '2025-12-10',
  },
];

type SeedChapter = SeedCourse['chapters'][number];

const chapter1: SeedChapter = {
  id: 'ch1-cadre-legal',
  title: 'Le cadre légal : pourquoi, qui, comment compter, quoi écrire',
  lessons: [
    {
      id: 'l01-pourquoi-un-spaser',
      title: 'Qu’est-ce qu’un SPASER, et pourquoi en adopter un ?',
      durationMinutes: 14,
      body: `## Un schéma pour piloter la politique d’achat

Le **SPASER** — schéma de promotion des achats publics socialement et écologiquement responsables — est le document par lequel un acheteur public dit ce qu’il veut obtenir de ses achats au-delà du seul besoin immédiat : faire travailler des personnes éloignées de l’emploi, réduire l’empreinte écologique de ce qu’il achète, favoriser l’économie circulaire. C’est un **outil de planification** : il fixe des objectifs, dit comment on les atteindra et comment on mesurera le chemin parcouru.

Ce n’est ni un règlement intérieur, ni un recueil de clauses types. Un SPASER réussi relie trois mondes qui ne se parlent pas toujours : les élus, qui fixent le cap ; les services achats et juridiques, qui rédigent et passent les marchés ; les directions opérationnelles, qui expriment les besoins et suivent l’exécution.

## Une obligation construite par étapes

L’obligation s’est construite en plusieurs textes, qu’il est utile de connaître pour lire les schémas plus anciens :

1. **31 juillet 2014 — loi relative à l’économie sociale et solidaire (loi ESS), article 13.** Elle crée le « schéma de promotion des achats publics socialement responsables ». Il vise alors les collectivités territoriales, leurs groupements et les acheteurs dont le statut est fixé par la loi, lorsque leurs achats annuels dépassent 100 M€ HT (seuil fixé par le décret n° 2015-90).
2. **17 août 2015 — loi relative à la transition énergétique pour la croissance verte (LTECV), article 76.** Elle ajoute la dimension **écologique** : le schéma devient le SPASER que nous connaissons.
3. **1er avril 2019 — entrée en vigueur du code de la commande publique.** L’obligation est codifiée à l’**article L2111-3** ; le seuil passe dans la partie réglementaire, à l’**article D2111-3**.
4. **22 août 2021 — loi « Climat et résilience », article 35.** Elle rend explicite la **publication en ligne** et ajoute des **indicateurs** et des **objectifs cibles**.
5. **2 mai 2022 — décret n° 2022-767**, applicable au 1er janvier 2023 : le seuil descend à **50 M€ HT** et le mode de calcul est précisé.
6. **23 octobre 2023 — loi « Industrie verte », article 29**, en vigueur le 25 octobre 2023 : l’obligation s’étend à **tous les acheteurs soumis au code**, État et hôpitaux compris, et le **schéma commun** devient possible.

Ces étapes font l’objet des leçons suivantes. Retenez pour l’instant la logique : d’abord un outil social né de l’économie sociale et solidaire, puis un outil écologique, enfin un outil de transparence et de pilotage chiffré.

## Pourquoi en adopter un (même quand rien ne vous y oblige)

### Parce que la commande publique pèse lourd

Un acheteur soumis au SPASER dépense au moins 50 millions d’euros par an au titre de ses marchés, et les plus grands bien davantage. Chaque marché est une occasion de créer des heures d’insertion, d’exiger des produits réemployés ou de réduire des émissions. Sans cap écrit, ces occasions se saisissent au hasard des acheteurs motivés ; avec un schéma, elles deviennent une politique.

### Parce que la loi ne sanctionne pas, mais que le cap change

L’obligation d’adopter un SPASER n’est assortie d’**aucune sanction**. Pour autant, le mouvement est net : depuis les consultations lancées le 21 août 2026, chaque marché doit comporter un critère environnemental et des conditions d’exécution environnementales (leçon 13). Un schéma permet de préparer les équipes, les fournisseurs et les outils à ce qui est désormais la règle commune.

### Parce que c’est un outil de dialogue

Rédiger un SPASER oblige à regarder ses achats (la cartographie), à discuter avec les entreprises, les structures d’insertion et les acteurs de l’ESS, et à se donner des indicateurs. Des acheteurs qui n’y sont pas tenus s’en dotent volontairement : la Ville de **Pessac** a ainsi un SPASER depuis 2019, pour environ 12 M€ d’achats annuels, organisé en quatre axes.

## Ce que la loi ne dit pas

Le texte ne fixe **aucune durée** au schéma et n’exige **aucun rapport annuel** sous une forme particulière : il demande un suivi annuel des objectifs et la publication d’indicateurs tous les deux ans. La durée, le rythme des bilans et leur forme sont donc des choix de gouvernance, que nous verrons au chapitre 3.

## À retenir

- Le SPASER est un **outil de planification** de la politique d’achat responsable, inscrit à l’**article L2111-3** du code de la commande publique.
- Il est né de la **loi ESS du 31 juillet 2014** (volet social) et a été complété par la **LTECV du 17 août 2015** (volet écologique).
- La loi Climat et résilience (2021), le décret de 2022 et la loi Industrie verte (2023) l’ont rendu plus exigeant et plus large.
- L’obligation n’a pas de sanction, mais elle prépare aux obligations environnementales applicables depuis août 2026.
- La loi ne fixe ni durée ni format de rapport annuel : ces choix vous reviennent.`,
      videoUrl: null,
      practice: 'preamble',
      sources: [S.rtes2020, S.rtes2022, S.weka, S.climatResilience, S.atexo, S.pessac],
      furtherReading: ['article-l2111-3', 'portail-achats-durables-spaser'],
      quiz: null,
    },
    {
      id: 'l02-qui-doit-adopter',
      title: 'Qui doit adopter un SPASER, et depuis quand ?',
      durationMinutes: 14,
      body: `## Deux critères : le statut de l’acheteur et le montant de ses achats

L’obligation dépend de deux questions : **qui êtes-vous** (quel type d’acheteur) et **combien achetez-vous** (le montant annuel de vos achats, calculé selon l’article D2111-3 — objet de la leçon suivante). Ces deux critères ont changé dans le temps ; les dates comptent, car un schéma adopté avant un changement peut rester en vigueur après.

## Le seuil : de 100 M€ à 50 M€

| Période | Seuil de montant annuel d’achats | Texte |
|---|---|---|
| De 2015 au 31 décembre 2022 | **100 M€ HT** | décret n° 2015-90, puis article D2111-3 (2019) |
| Depuis le **1er janvier 2023** | **50 M€ HT** | article D2111-3, réécrit par le décret n° 2022-767 du 2 mai 2022 |

L’abaissement du seuil a environ doublé le nombre de collectivités concernées : l’étude d’impact de la Direction des affaires juridiques, citée par le RTES, estimait qu’on passait d’**environ 160** collectivités soumises à **environ 320** à partir du 1er janvier 2023.

## Les acheteurs visés : des collectivités à tous les acheteurs

### Jusqu’au 24 octobre 2023

L’obligation visait :
- les **collectivités territoriales et leurs groupements** (communes, départements, régions, intercommunalités…) ;
- les acheteurs soumis au code **dont le statut est fixé par la loi** — des établissements comme La Poste ou la SNCF, par exemple.

L’État et les hôpitaux n’étaient pas concernés.

### Depuis le 25 octobre 2023

La loi « Industrie verte » du 23 octobre 2023 a élargi l’obligation à **tous les acheteurs soumis au code de la commande publique** — pouvoirs adjudicateurs et entités adjudicatrices — dont les achats annuels dépassent le seuil. Le portail national le dit clairement : l’**État**, les **établissements hospitaliers** et les établissements publics entrent désormais dans le champ.

> Une précision de méthode : notre référence cite le premier alinéa de l’article dans la rédaction adoptée par le Sénat en juin 2023 ; la rédaction finale promulguée n’a pas été relue sur Légifrance. Le principe (tous les acheteurs soumis au code au-delà du seuil) est confirmé par le portail national ; pour une citation mot pour mot, reportez-vous au texte consolidé.

## Combien d’acheteurs sont concernés ?

Il n’existe pas de liste officielle publiée des acheteurs soumis. Les estimations disponibles sont des ordres de grandeur :

- **environ 320 collectivités** à partir de 2023 selon l’étude d’impact de la DAJ ;
- le nombre d’acheteurs de l’État et d’hôpitaux ajoutés en 2023 n’a pas été trouvé dans nos sources.

Et combien ont adopté un schéma ? Le RTES, qui suit le sujet, comptait **20 %** des collectivités soumises dotées d’un SPASER au 31 décembre 2019, puis **32 %** au 1er décembre 2022 (sur environ 160). Le chemin reste long.

## Exemple : trois situations

1. **Un département qui dépense 180 M€ par an** est soumis depuis l’origine : il dépassait déjà le seuil de 100 M€.
2. **Une communauté d’agglomération qui dépense 70 M€ par an** n’était pas soumise avant 2023 ; elle l’est depuis le 1er janvier 2023, date d’effet du seuil de 50 M€.
3. **Un centre hospitalier qui dépense 90 M€ par an** n’était pas soumis avant l’automne 2023, quel que soit son volume ; il l’est depuis le 25 octobre 2023.

## Et si vous êtes sous le seuil ?

Vous n’êtes pas tenu d’adopter un schéma, mais deux portes restent ouvertes :
- adopter un **schéma volontaire**, comme certaines communes le font (leçon 1) ;
- rejoindre un **schéma commun** avec d’autres acheteurs, y compris ceux qui sont au-dessus du seuil (leçon 5).

Sur la plateforme, l’observatoire des données de la commande publique propose une liste des acheteurs **probablement** soumis, fondée sur les DECP. Ce n’est qu’une estimation (les DECP donnent des montants notifiés, pas des dépenses) : elle sert à ouvrir la discussion, pas à trancher.

## À retenir

- Le seuil est de **50 M€ HT d’achats annuels depuis le 1er janvier 2023** (article D2111-3) ; il était de **100 M€** auparavant.
- Jusqu’au 24 octobre 2023, l’obligation visait les **collectivités territoriales, leurs groupements** et les acheteurs dont le statut est fixé par la loi.
- Depuis le **25 octobre 2023** (loi Industrie verte), elle vise **tous les acheteurs soumis au code**, **État et hôpitaux compris**.
- Environ **320 collectivités** sont concernées depuis 2023 selon la DAJ ; seules **32 %** des collectivités soumises avaient un schéma fin 2022.
- Sous le seuil, un schéma volontaire ou un schéma commun restent possibles.`,
      videoUrl: null,
      practice: null,
      sources: [S.d2111, S.rtesSeuil, S.rtes2020, S.rtes2022, S.portailSpaser, S.moniteurFormation],
      furtherReading: ['article-d2111-3', 'loi-industrie-verte-art-29'],
      quiz: null,
    },
    {
      id: 'l03-montant-annuel',
      title: 'Calculer le montant annuel de ses achats',
      durationMinutes: 16,
      body: `## La règle de l’article D2111-3

Depuis le 1er janvier 2023, l’article **D2111-3** du code de la commande publique fixe le seuil à **50 millions d’euros hors taxes** et indique comment les pouvoirs adjudicateurs et les entités adjudicatrices calculent le montant annuel de leurs achats. En reformulant :

- on additionne les **dépenses effectivement réalisées** au cours d’une **année civile** (du 1er janvier au 31 décembre) ;
- au titre des **marchés** de l’acheteur ;
- en laissant de côté les marchés du **livre V** de la deuxième partie du code, c’est-à-dire les **marchés de défense ou de sécurité**.

Le décret a levé une ambiguïté ancienne : le seuil se juge sur ce qui est **dépensé** dans l’année, et **non** sur le total des marchés **notifiés** dans l’année. Un accord-cadre de quatre ans notifié en janvier pour 20 M€ ne compte pas pour 20 M€ l’année de sa notification : il compte pour ce qui a été payé au titre de ce marché pendant chaque année civile.

## Ce qui entre, ce qui n’entre pas

| Dépense | Dans le calcul ? | Pourquoi |
|---|---|---|
| Paiements de l’année sur des marchés de travaux, fournitures, services | **Oui** | ce sont des dépenses au titre de marchés |
| Paiements sur des marchés subséquents et bons de commande d’accords-cadres | **Oui** | idem |
| Marchés de défense ou de sécurité (livre V) | **Non** | exclus expressément |
| Concessions (délégations de service public…) | **A priori non** | le texte ne vise que les « marchés » ; c’est une lecture du texte, que notre référence ne confirme pas par une source officielle |
| Montants notifiés mais pas encore payés | **Non** | seule la dépense de l’année civile compte |

Rien n’empêche un acheteur d’aller **plus loin** dans son schéma que ce qui sert au calcul du seuil : la Ville de Paris a choisi d’inclure ses concessions dans son schéma de 2021, à côté de ses marchés.

## Un calcul pas à pas

Prenons une communauté d’agglomération fictive qui veut savoir si elle est soumise pour l’année 2025. Ses services financiers extraient les mandats payés du 1er janvier au 31 décembre 2025 et les rattachent aux contrats :

| Poste | Paiements 2025 (HT) |
|---|---|
| Marchés de travaux (voirie, bâtiments) | 24,6 M€ |
| Marchés de services (collecte des déchets, nettoyage, maintenance) | 17,2 M€ |
| Marchés de fournitures (énergie, véhicules, fournitures courantes) | 9,1 M€ |
| Marché de sécurité relevant du livre V | 0,8 M€ |
| Délégation de service public de l’eau (concession) | 6,5 M€ versés au délégataire |

**Étape 1 — ne garder que les marchés :** on écarte la concession (6,5 M€).
**Étape 2 — retirer le livre V :** on écarte le marché de sécurité (0,8 M€).
**Étape 3 — additionner :** 24,6 + 17,2 + 9,1 = **50,9 M€ HT**.

Résultat : l’agglomération **dépasse** le seuil de 50 M€ ; elle doit adopter un SPASER. Remarquez combien le résultat est serré : avec 1 M€ de travaux en moins, elle passait sous le seuil. Dans ce cas, refaites le calcul sur plusieurs années et regardez la tendance avant de conclure.

### Le piège des montants notifiés

Supposons que la même agglomération regarde plutôt ses **données essentielles** (DECP) de 2025 : elle y trouve 82 M€ de marchés notifiés, parce qu’elle a renouvelé cette année-là un accord-cadre de collecte de quatre ans (36 M€ sur la durée). Conclure « 82 M€, donc soumise » serait juste par hasard, mais faux dans la méthode : le montant d’un marché dans les DECP est le **montant maximum estimé sur toute la durée** du contrat, pas une dépense annuelle. L’année suivante, sans renouvellement, les montants notifiés pourraient tomber à 30 M€ alors que la dépense reste autour de 50 M€.

## Quelle donnée utiliser en pratique ?

- **La bonne source** pour le seuil est votre **comptabilité** : les paiements de l’année civile, rattachés aux marchés.
- Les **DECP** donnent une **estimation**, utile pour repérer les acheteurs probablement concernés. En étalant chaque marché sur sa durée (montant divisé par le nombre de mois, réparti sur les années d’exécution), on s’approche de la dépense annuelle ; mais les DECP ne couvrent que les marchés de 40 000 € HT et plus, certaines plateformes publient mal, et des montants aberrants existent.
- Attention aux **outils périmés** : certains questionnaires citent encore le seuil de 100 M€ et un calcul fondé sur les contrats signés dans l’année.

Sur la plateforme, l’observatoire classe les acheteurs en « probablement au-dessus », « probablement en dessous » ou « incertain » : c’est un signal, jamais un verdict. C’est votre calcul comptable qui fait foi.

## À retenir

- Le montant annuel = **dépenses de l’année civile au titre des marchés**, hors **marchés de défense ou de sécurité (livre V)**.
- Ce n’est **pas** le total des marchés notifiés dans l’année.
- Les concessions ne semblent pas compter pour le seuil, mais vous pouvez les inclure dans votre schéma.
- Les DECP donnent une **estimation** ; la **comptabilité** donne le montant qui fait foi.
- Près du seuil, refaites le calcul sur plusieurs années avant de conclure.`,
      videoUrl: null,
      practice: 'diagnostic',
      sources: [S.d2111, S.d2111English, S.rtesSeuil, S.paris, S.decpDataset],
      furtherReading: ['article-d2111-3', 'decp-donnees-essentielles'],
      quiz: null,
    },
    {
      id: 'l04-contenu-obligatoire',
      title: 'Ce que la loi exige dans un SPASER',
      durationMinutes: 16,
      body: `## Lire l’article L2111-3 comme une liste de contrôle

L’article L2111-3 tient en quelques phrases, mais chacune correspond à une partie de votre schéma. La meilleure façon de l’aborder est d’en faire une **liste de contrôle** : pour chaque exigence, où se trouve-t-elle dans mon document, et comment un lecteur extérieur peut-il la vérifier ?

## 1. Des objectifs sociaux

Le schéma fixe des objectifs de politique d’achat comportant des **éléments à caractère social** : ils visent à concourir à l’intégration sociale et professionnelle de **travailleurs handicapés ou défavorisés**.

Concrètement, cela recouvre par exemple :
- les **clauses d’insertion** (heures de travail réservées à des personnes éloignées de l’emploi dans l’exécution du marché) ;
- les **marchés réservés** aux structures d’insertion par l’activité économique, aux entreprises adaptées ou aux ESAT ;
- les critères sociaux d’attribution.

Beaucoup de schémas vont plus loin que le texte : égalité entre les femmes et les hommes, lutte contre les discriminations, accès des TPE et PME, délais de paiement. C’est permis et souvent utile, à condition de ne pas oublier le cœur exigé par la loi.

## 2. Des objectifs écologiques

Le schéma comporte aussi des **éléments à caractère écologique** : réduction des émissions, sobriété, biodiversité, produits et services à moindre impact. Le texte ne liste pas de thèmes imposés ; c’est à vous de choisir ceux qui pèsent dans vos achats — la cartographie du diagnostic sert à cela.

## 3. L’économie circulaire

Le schéma **contribue à la promotion d’une économie circulaire** : réemploi, réutilisation, matières recyclées, allongement de la durée de vie, réduction des déchets. Ce volet rejoint une obligation distincte : l’article 58 de la loi AGEC, dont le décret n° 2024-134 du 21 février 2024 (en vigueur le 1er juillet 2024) fixe des parts minimales d’achats issus du réemploi, de la réutilisation ou du recyclage pour 17 catégories de produits. Un SPASER gagne à suivre ces parts.

## 4. Les modalités de mise en œuvre et de suivi annuel

Des objectifs sans moyens ne sont qu’une déclaration d’intention. Le texte exige que le schéma précise **comment** les objectifs seront mis en œuvre et **comment ils seront suivis chaque année**. Cela appelle :
- des actions concrètes, avec un pilote et une échéance ;
- une instance qui se réunit pour faire le point (chapitre 3) ;
- un suivi **annuel** des objectifs — la loi ne dit pas sous quelle forme, mais elle dit à quel rythme.

## 5. Des indicateurs publiés tous les deux ans

Depuis la loi Climat et résilience du 22 août 2021, le schéma comporte des **indicateurs précis**, exprimés **en nombre de contrats ou en valeur**, **publiés tous les deux ans**, sur les taux réels d’achats relevant des catégories de l’achat socialement et écologiquement responsable.

Trois mots comptent :
- **précis** : une définition sans ambiguïté (numérateur, dénominateur, périmètre, année) ;
- **en nombre ou en valeur** : « 42 % des marchés notifiés » ou « 38 % du montant HT » ;
- **tous les deux ans** : c’est un minimum ; l’État, par exemple, publie les siens chaque année.

## 6. Des objectifs cibles, dont les ESUS

Le schéma **précise les objectifs cibles** à atteindre pour chacune de ces catégories, notamment :
- les achats auprès d’**entreprises solidaires d’utilité sociale (ESUS)** agréées au sens de l’article L3332-17-1 du code du travail ;
- les achats auprès d’**entreprises employant des personnes défavorisées ou appartenant à des groupes vulnérables**.

Un objectif cible est un chiffre daté : « 3 M€ d’achats par an auprès de l’ESS en 2027 », et non « développer les achats auprès de l’ESS ».

## 7. La publication en ligne

Le schéma est **rendu public**, notamment par une mise en ligne sur le site internet de l’acheteur lorsqu’il en a un.

## Et ce qui n’y est pas

- **Le commerce équitable** n’apparaît pas dans la rédaction de l’article ; il est défini ailleurs (article 60 de la loi n° 2005-882, complété par la loi ESS) et beaucoup de schémas l’ajoutent volontairement.
- **Aucune durée** n’est imposée, ni **aucun rapport annuel** d’une forme donnée.
- **Aucune sanction** n’est prévue en cas d’absence de schéma.

## Exemple : la liste de contrôle appliquée

| Exigence | Où dans le schéma | Exemple |
|---|---|---|
| Objectif social | Axe « inclusion » | 50 % des marchés avec une clause sociale en 2027 |
| Objectif écologique | Axe « transition écologique » | 100 % des marchés avec un critère environnemental |
| Économie circulaire | Objectif de l’axe écologique | suivre les parts AGEC pour le mobilier et l’informatique |
| Mise en œuvre et suivi annuel | Gouvernance | comité de pilotage chaque année, fiches actions avec pilote |
| Indicateurs en nombre ou en valeur | Indicateurs | part des marchés avec considération sociale, en nombre |
| Publication tous les deux ans | Publication | bilan des indicateurs publié en 2026 et 2028 |
| Objectifs cibles ESUS | Indicateurs | 1 M€ d’achats auprès d’ESUS par an |
| Mise en ligne | Publication | adresse de la page du schéma |

La plateforme fait cette vérification pour vous : son contrôle de conformité reprend les exigences de l’article L2111-3, dit pour chacune si votre schéma y répond et, sinon, dans quelle partie du constructeur la compléter. Il ne bloque jamais l’enregistrement.

## À retenir

- Le schéma fixe des **objectifs sociaux** (travailleurs handicapés ou défavorisés) et **écologiques**, et promeut l’**économie circulaire**.
- Il précise les **modalités de mise en œuvre** et de **suivi annuel** de ces objectifs.
- Il comporte des **indicateurs précis en nombre de contrats ou en valeur, publiés tous les deux ans**.
- Il fixe des **objectifs cibles**, notamment pour les achats auprès d’**ESUS** et d’entreprises employant des personnes défavorisées.
- Il est **publié en ligne**. Le commerce équitable, la durée et la forme du bilan sont laissés à votre choix.`,
      videoUrl: null,
      practice: 'axes',
      sources: [S.l2111Lexbase, S.climatResilience, S.l2111English, S.agecValdelia, S.commerceEquitable, S.etat],
      furtherReading: ['article-l2111-3', 'loi-climat-resilience-art-35'],
      quiz: null,
    },
    {
      id: 'l05-schema-commun',
      title: 'Le schéma commun à plusieurs acheteurs',
      durationMinutes: 12,
      body: `## Une possibilité ouverte en 2023

La loi « Industrie verte » du 23 octobre 2023 (en vigueur le 25 octobre 2023) a ajouté à l’article L2111-3 une faculté attendue par les grandes villes : plusieurs acheteurs peuvent **mettre en commun** les éléments de leur SPASER au sein d’un **schéma élaboré conjointement**. France Urbaine, l’association des grandes villes et métropoles, avait porté cette demande.

Ce que dit le texte adopté, en substance :
- la mise en commun est possible entre **plusieurs acheteurs** ;
- elle est ouverte **y compris à des acheteurs sous le seuil** de 50 M€ — par exemple les communes d’une intercommunalité ;
- dans ce cas, les **indicateurs sont établis pour chaque acheteur**.

> Notre référence cite ces éléments d’après le texte adopté par le Sénat en juin 2023 ; la rédaction finale promulguée n’a pas été relue sur Légifrance. Le principe du schéma commun est confirmé par le portail national et par France Urbaine.

## Pourquoi faire un schéma commun ?

- **Une politique cohérente sur un territoire.** Une ville et sa métropole achètent souvent aux mêmes entreprises, avec les mêmes facilitateurs de clauses. Un seul schéma évite deux discours différents aux fournisseurs.
- **Mutualiser le travail.** Le diagnostic, la concertation et la rédaction sont lourds ; les partager réduit l’effort pour chacun.
- **Embarquer les petits acheteurs.** Une commune de 8 M€ d’achats n’est pas tenue d’avoir un schéma ; elle peut rejoindre celui de son intercommunalité et bénéficier de ses outils.

## Des exemples

- **Bordeaux** : la Ville et Bordeaux Métropole ont adopté un SPASER commun pour 2021-2026, voté en mai 2021 par la Métropole et en juin 2021 par la Ville (environ 400 M€ d’achats pour la Métropole et 80 M€ pour la Ville). Ce schéma a précédé la loi de 2023 : des acheteurs s’organisaient déjà ensemble.
- **Brest** : la Ville et la Métropole ont un schéma commun (124,7 M€ d’achats en 2023), organisé en trois axes, **sans date de fin**. Ses cibles sont fixées **séparément** pour chaque acheteur : par exemple, au moins 3 M€ d’achats par an auprès de l’ESS pour la Métropole et 1 M€ pour la Ville ; et le point de départ de 2023 de l’indicateur « marchés avec un critère environnemental » est distinct : 21 % pour la Métropole, 47,1 % pour la Ville, avec une cible de 100 % en 2027 pour les deux.

L’exemple de Brest montre l’essentiel : **un document, plusieurs tableaux de bord**. On écrit ensemble les axes, les objectifs, la gouvernance ; on mesure chaque acheteur séparément.

## Les points de vigilance

1. **Chaque acheteur adopte le schéma** selon ses propres règles : pour des collectivités, des délibérations concordantes de chaque assemblée.
2. **Les indicateurs restent par acheteur.** Un taux global masquerait les écarts (21 % et 47,1 % à Brest) et ne répondrait pas au texte.
3. **La gouvernance doit être partagée** : qui préside le comité de pilotage, qui consolide les chiffres, qui publie ?
4. **Les données suivent le SIRET de chaque acheteur.** Dans les données essentielles, un groupement de commandes est déclaré sous le SIRET du coordonnateur : les marchés passés ensemble peuvent apparaître chez un seul des membres.

## Sur la plateforme

Le constructeur de SPASER gère le schéma commun : dans la partie « Acheteurs et rédacteurs », un rédacteur invite une autre organisation ; un membre vérifié de celle-ci accepte l’invitation et devient rédacteur à son tour. Dans la partie « Indicateurs », chaque indicateur porte, **pour chaque acheteur**, sa valeur de référence, ses cibles par année et ses valeurs suivies ; le pré-remplissage depuis les DECP calcule les chiffres de chacun. La démonstration de la plateforme contient un schéma commun Nantes Métropole, Nantes et Rezé, adopté par délibérations concordantes.

## À retenir

- Depuis le **25 octobre 2023**, plusieurs acheteurs peuvent adopter un **schéma élaboré conjointement**.
- Des acheteurs **sous le seuil** peuvent y participer.
- Les **indicateurs sont établis pour chaque acheteur** : un document, plusieurs tableaux de bord.
- Chaque acheteur adopte le schéma selon ses propres règles ; la gouvernance doit être partagée.
- Bordeaux (2021-2026) et Brest (sans date de fin) sont des exemples de schémas communs Ville-Métropole.`,
      videoUrl: null,
      practice: 'stakeholders',
      sources: [S.senatIndustrieVerte, S.franceUrbaine, S.portailSpaser, S.bordeaux, S.brest, S.decpDataset],
      furtherReading: ['loi-industrie-verte-art-29', 'portail-achats-durables-spaser'],
      quiz: {
        passMark: 70,
        maxAttempts: null,
        questions: [
          {
            id: 'q1-seuil',
            prompt: 'Depuis le 1er janvier 2023, à partir de quel montant annuel d’achats un acheteur doit-il adopter un SPASER ?',
            multiple: false,
            choices: [
              { id: 'a', label: '50 M€ HT', correct: true, explanation: 'C’est le seuil fixé par l’article D2111-3, réécrit par le décret n° 2022-767 du 2 mai 2022, applicable au 1er janvier 2023.' },
              { id: 'b', label: '100 M€ HT', correct: false, explanation: 'C’était le seuil jusqu’au 31 décembre 2022 ; certains outils le citent encore à tort.' },
              { id: 'c', label: '40 000 € HT', correct: false, explanation: 'C’est le seuil de publication des données essentielles des marchés, pas celui du SPASER.' },
              { id: 'd', label: '25 M€ HT', correct: false, explanation: 'Aucun texte ne fixe ce montant pour le SPASER.' },
            ],
          },
          {
            id: 'q2-qui',
            prompt: 'Depuis le 25 octobre 2023, quels acheteurs sont concernés par l’obligation, au-delà du seuil ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Les collectivités territoriales et leurs groupements', correct: true, explanation: 'Elles étaient déjà concernées depuis la loi ESS de 2014, et le restent.' },
              { id: 'b', label: 'L’État', correct: true, explanation: 'La loi Industrie verte a étendu l’obligation à tous les acheteurs soumis au code, État compris ; son premier schéma a été publié en décembre 2025.' },
              { id: 'c', label: 'Les établissements hospitaliers', correct: true, explanation: 'Ils font partie des acheteurs soumis au code et sont concernés depuis le 25 octobre 2023.' },
              { id: 'd', label: 'Les entreprises privées titulaires de marchés publics', correct: false, explanation: 'L’obligation pèse sur les acheteurs soumis au code de la commande publique, pas sur leurs fournisseurs.' },
            ],
          },
          {
            id: 'q3-calcul',
            prompt: 'Pour savoir s’il dépasse le seuil, que doit additionner un acheteur ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Les dépenses de l’année civile au titre de ses marchés, hors marchés de défense ou de sécurité', correct: true, explanation: 'C’est la règle de l’article D2111-3 : des dépenses sur une année civile, au titre des marchés, livre V exclu.' },
              { id: 'b', label: 'Le total des marchés notifiés dans l’année', correct: false, explanation: 'Le décret l’écarte expressément : un marché pluriannuel notifié une année ne compte que pour ce qui est payé chaque année.' },
              { id: 'c', label: 'Les dépenses de l’année, marchés de défense et concessions compris', correct: false, explanation: 'Les marchés du livre V sont exclus, et le texte ne vise que les marchés.' },
            ],
          },
          {
            id: 'q4-contenu',
            prompt: 'Qu’exige l’article L2111-3 dans le contenu du schéma ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Des indicateurs en nombre de contrats ou en valeur, publiés tous les deux ans', correct: true, explanation: 'Ajouté par la loi Climat et résilience de 2021.' },
              { id: 'b', label: 'Des objectifs cibles, notamment pour les achats auprès d’ESUS', correct: true, explanation: 'Le texte cite les ESUS et les entreprises employant des personnes défavorisées ou vulnérables.' },
              { id: 'c', label: 'Les modalités de mise en œuvre et de suivi annuel des objectifs', correct: true, explanation: 'C’est dans le deuxième alinéa de l’article depuis l’origine.' },
              { id: 'd', label: 'Une durée de cinq ans exactement', correct: false, explanation: 'La loi ne fixe aucune durée : Brest a même un schéma sans date de fin.' },
              { id: 'e', label: 'Un objectif de commerce équitable', correct: false, explanation: 'Le commerce équitable ne figure pas dans l’article ; beaucoup de schémas l’ajoutent volontairement.' },
            ],
          },
          {
            id: 'q5-commun',
            prompt: 'Dans un schéma élaboré conjointement par plusieurs acheteurs, comment sont établis les indicateurs ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Pour chaque acheteur', correct: true, explanation: 'Le texte le prévoit : à Brest, la Ville et la Métropole ont chacune leurs valeurs de départ et leurs cibles.' },
              { id: 'b', label: 'Une seule fois pour l’ensemble des acheteurs', correct: false, explanation: 'Un taux global masquerait les écarts entre acheteurs ; le texte demande des indicateurs par acheteur.' },
              { id: 'c', label: 'Seulement pour les acheteurs au-dessus du seuil', correct: false, explanation: 'Les acheteurs sous le seuil peuvent rejoindre le schéma, et leurs indicateurs sont établis comme ceux des autres.' },
            ],
          },
        ],
      },
    },
  ],
};

const chapter2: SeedChapter = {
  id: 'ch2-mesurer',
  title: 'Mesurer : le PNAD, les données et les indicateurs',
  lessons: [
    {
      id: 'l06-pnad-2022-2025',
      title: 'Le PNAD 2022-2025 : objectifs nationaux et résultats mesurés',
      durationMinutes: 14,
      body: `## Le plan national pour des achats durables

Le **PNAD 2022-2025** a été publié le **15 mars 2022** (présenté à la presse la veille). Il est piloté par le **Commissariat général au développement durable** (CGDD, ministère de la Transition écologique), qui s’appuie notamment sur la Direction des achats de l’État et la Direction des affaires juridiques. C’est la **troisième édition** d’un plan national, après celui de 2007 et celui de 2014/2015-2020.

Il s’organise en **2 axes et 22 actions** :
1. aider les acheteurs à acheter durable (outils, formations, réseaux) ;
2. mobiliser les décideurs et suivre les progrès.

L’**action 13** concerne directement votre projet : elle soutient le développement des SPASER. Nous verrons au chapitre 3 les programmes d’accompagnement qui existent aujourd’hui.

## Deux objectifs chiffrés pour 2025

Le plan fixe deux cibles à atteindre en 2025 :

| Objectif | Cible 2025 |
|---|---|
| Contrats notifiés dans l’année comportant **au moins une considération environnementale** | **100 %** |
| Contrats notifiés dans l’année comportant **au moins une considération sociale** | **30 %** |

Une **considération** peut prendre trois formes :
- un **critère d’attribution** (par exemple, une note sur les performances environnementales de l’offre) ;
- une **clause** ou **condition d’exécution** (par exemple, des heures d’insertion à réaliser) ;
- une **spécification technique** (par exemple, un niveau d’efficacité énergétique exigé).

Le plan précédent visait 30 % de marchés avec une clause environnementale et 25 % avec une clause sociale en 2020 : la marche de 2025 est beaucoup plus haute, surtout côté environnement.

## Ce que disent les mesures

| Année et périmètre | Environnement | Social |
|---|---|---|
| 2019, recensement OECP (contrats de 90 000 € et plus) | 15,8 % | 12,5 % |
| 2021, recensement OECP | 18,7 % | 13,2 % |
| 2022, recensement OECP | 29,2 % | 22,3 % |
| 2024, ministères de l’État | 72 % | 41 % |

Trois lectures :
- **La progression est réelle** : entre 2021 et 2022, la part environnementale a gagné plus de dix points. Les entités adjudicatrices et entreprises publiques ont le plus progressé en 2022, avec 44,3 % de contrats porteurs d’une considération sociale, contre 15,4 % en 2021.
- **L’écart à la cible environnementale reste grand** pour l’ensemble des acheteurs en 2022 (29,2 % pour 100 %).
- **Les périmètres ne sont pas comparables** : le chiffre 2024 porte sur les seuls ministères de l’État, pas sur tous les acheteurs.

Nos sources ne donnent pas de résultats 2023 ou 2024 pour l’ensemble des acheteurs, ni de plan successeur pour 2026 et au-delà.

## Comment ces chiffres sont produits

- Jusqu’au **31 décembre 2023**, l’OECP s’appuyait sur les déclarations du recensement (REAP) pour les contrats de **90 000 € HT** et plus.
- Depuis le **1er janvier 2024**, le recensement repose **uniquement sur les données essentielles** (DECP), publiées par les acheteurs sur data.gouv.fr pour les contrats de **40 000 € HT** et plus.

Conséquence pratique : **ce que vous déclarez dans vos DECP est ce qui sera compté**. Un marché avec une clause d’insertion mal déclarée (« Pas de considération sociale ») fait baisser à la fois votre indicateur et la statistique nationale. La leçon suivante détaille ces champs.

## Comment utiliser le PNAD dans votre schéma

- **Comme repère**, pas comme cible imposée : le PNAD n’oblige pas chaque acheteur à atteindre 100 % et 30 % ; c’est un objectif national. Votre schéma fixe **vos** cibles, avec **votre** point de départ.
- **Comme langage commun** : définir vos indicateurs comme le PNAD (part des contrats notifiés dans l’année avec au moins une considération) permet de vous comparer à vos pairs et à la statistique nationale.
- **Comme argument** devant les élus : montrer l’écart entre votre situation et le repère national.

Sur la plateforme, la fiche de chaque organisation et les indicateurs du constructeur tracent les repères du PNAD (30 % social, 100 % environnemental) à côté des chiffres de l’acheteur, en les présentant comme ceux du plan national.

## À retenir

- Le **PNAD 2022-2025**, publié le **15 mars 2022** et piloté par le **CGDD**, compte **2 axes et 22 actions** ; l’**action 13** soutient les SPASER.
- Cibles 2025 : **100 %** des contrats notifiés avec au moins une **considération environnementale**, **30 %** avec au moins une **considération sociale**.
- Une considération = un **critère d’attribution**, une **clause ou condition d’exécution**, ou une **spécification technique**.
- Mesures OECP : **29,2 % / 22,3 %** en 2022 ; ministères de l’État : **72 % / 41 %** en 2024.
- Depuis **2024**, la mesure repose sur les **DECP** : bien les renseigner, c’est être bien compté.`,
      videoUrl: null,
      practice: 'diagnostic',
      sources: [S.pnadArticle, S.rtes2020, S.rtes2022, S.moniteur2022, S.weka2024, S.oecp],
      furtherReading: ['pnad-2022-2025', 'decp-donnees-essentielles'],
      quiz: null,
    },
    {
      id: 'l07-decp-considerations',
      title: 'Les données essentielles (DECP) et les champs « considérations »',
      durationMinutes: 16,
      body: `## Les données essentielles, en bref

Les **données essentielles de la commande publique** (DECP) décrivent chaque contrat : qui achète (SIRET de l’acheteur), quoi (objet, code CPV), comment (procédure, techniques d’achat), combien (montant), pour combien de temps (durée en mois), à qui (titulaires) et quand (date de notification).

Deux régimes coexistent dans les fichiers :

| | Format « 2019 » | Format « 2024 » |
|---|---|---|
| Contrats concernés | notifiés jusqu’au 31 décembre 2023 | notifiés depuis le 1er janvier 2024, à partir de **40 000 € HT** |
| Textes | arrêté du 14 avril 2017 modifié | arrêtés du **22 décembre 2022** |
| Publication | profil d’acheteur | **data.gouv.fr** |
| Considérations sociales et environnementales | **absentes** | **obligatoires** |

Le format 2024 a fusionné les DECP avec l’ancien recensement économique : c’est pourquoi il contient désormais les informations utiles au suivi du PNAD, et c’est sur lui que l’OECP fonde ses statistiques depuis 2024.

## Les deux champs qui comptent pour un SPASER

### Considérations sociales

Le champ des considérations sociales d’un marché prend une ou plusieurs des valeurs suivantes :
- **Clause sociale** — une condition d’exécution à caractère social, par exemple des heures d’insertion ;
- **Critère social** — un critère d’attribution qui note une dimension sociale de l’offre ;
- **Marché réservé** — un marché réservé à des structures d’insertion, entreprises adaptées, ESAT… (pour une concession : « Concession réservée ») ;
- **Pas de considération sociale**.

### Considérations environnementales

- **Clause environnementale** ;
- **Critère environnemental** ;
- **Pas de considération environnementale**.

Ces deux champs sont **obligatoires** (au moins une valeur) et **à valeurs multiples** : un marché peut porter à la fois une clause sociale et un critère social. Ils décrivent le contrat **tel que notifié** : une modification ultérieure du marché ne les change pas.

## Lire un chiffre sans se tromper

Pour calculer la part de marchés avec une considération sociale, il faut décider quoi faire de chaque cas. La règle la plus claire :

- **positif** : au moins une valeur parmi clause, critère, marché réservé ;
- **négatif** : seulement « Pas de considération sociale » ;
- **non renseigné** : champ absent, valeur inconnue, ou marché au format 2019.

Un marché de 2022 n’est donc **jamais** « sans considération » : il est **non renseigné**. Le confondre avec un zéro ferait croire à un effondrement en 2023 et à un bond spectaculaire en 2024.

### Exemple de calcul

Un acheteur a notifié 120 marchés en 2025. Ses DECP indiquent : 30 marchés avec une clause sociale, 6 marchés réservés, 4 marchés avec à la fois une clause et un critère social, 70 marchés « Pas de considération sociale », et 10 marchés où le champ est vide.

- Marchés **positifs** : 30 + 6 + 4 = **40**.
- Part sur **tous** les marchés (vue PNAD) : 40 / 120 = **33,3 %**.
- Part sur les marchés **renseignés** : 40 / 110 = **36,4 %**.
- **Complétude** : 110 / 120 = **91,7 %**.

Les deux parts sont justes ; elles ne disent pas la même chose. Publiez-les ensemble, avec la complétude.

## Les pièges connus des DECP

- **Le montant** est le montant maximum estimé sur **toute la durée** du marché, pas une dépense annuelle.
- **Des montants aberrants** existent (0 €, 1 €, des milliards pour un petit marché).
- **Des doublons** : un même marché publié par plusieurs plateformes ou republié à chaque modification.
- **Un groupement de commandes** est déclaré sous le SIRET du coordonnateur.
- **Une couverture incomplète** : certaines plateformes publient mal, et les marchés de moins de 40 000 € HT n’y sont pas.

## Conseils pour vos propres données

1. **Vérifiez ce que votre profil d’acheteur publie** : ouvrez vos DECP de l’an dernier et comptez les marchés où vous savez qu’il y avait une clause d’insertion.
2. **Formez les rédacteurs** à renseigner les deux champs à la notification, au moment où l’on sait ce que contient le marché.
3. **Ne cochez pas « Pas de considération » par défaut** quand l’information manque : corrigez à la source.

## À retenir

- Depuis le **1er janvier 2024**, les DECP des marchés de **40 000 € HT et plus** sont publiées sur **data.gouv.fr** (arrêtés du 22 décembre 2022).
- Les champs **considérations sociales** (clause, critère, marché réservé, aucune) et **environnementales** (clause, critère, aucune) sont obligatoires et à valeurs multiples.
- Un marché au format 2019 est **non renseigné**, jamais « sans considération ».
- Publiez la part sur tous les marchés, la part sur les renseignés et la **complétude**.
- Le montant DECP est un **montant notifié sur toute la durée**, pas une dépense annuelle.`,
      videoUrl: null,
      practice: 'indicators',
      sources: [S.decpDataset, S.oecp, S.moniteurDecp, S.pnadArticle],
      furtherReading: ['decp-donnees-essentielles', 'pnad-2022-2025'],
      quiz: null,
    },
    {
      id: 'l08-indicateurs-plateforme',
      title: 'Les indicateurs calculés par la plateforme',
      durationMinutes: 12,
      body: `## Ce que la plateforme calcule pour vous

La plateforme importe les données essentielles publiées sur data.gouv.fr et en tire, pour chaque acheteur (SIRET) et chaque année, des indicateurs que vous pouvez reprendre dans votre schéma. Quatre d’entre eux sont **calculés automatiquement** :

| Indicateur | Numérateur | Dénominateur |
|---|---|---|
| Part des marchés avec une considération environnementale, **en nombre** | marchés notifiés dans l’année avec une clause ou un critère environnemental | tous les marchés notifiés dans l’année, renseignés ou non |
| Part de la **valeur** des marchés avec une considération environnementale | montant HT de ces marchés | montant HT de tous les marchés de l’année |
| Part des marchés avec une considération sociale, **en nombre** | marchés avec une clause, un critère social ou réservés | tous les marchés notifiés dans l’année |
| Part de la **valeur** des marchés avec une considération sociale | montant HT de ces marchés | montant HT de tous les marchés de l’année |

Pour les parts en valeur, les montants absents ou aberrants (1 € ou moins, 10 milliards ou plus) sont écartés **des deux sommes**, pour ne pas fausser le rapport. Ces quatre indicateurs répondent à l’exigence légale d’indicateurs « en nombre de contrats ou en valeur ».

## Où les retrouver

- **La fiche de votre organisation** présente vos indicateurs année par année, marchés et concessions séparés, avec la part sur tous les contrats (vue PNAD), la part sur les contrats renseignés et la complétude. Les objectifs du PNAD (30 % social, 100 % environnemental) sont tracés sur les graphiques. Une année sans donnée est montrée comme telle, et une part que les données ne permettent pas de calculer (format 2019) s’écrit « non renseigné », jamais 0 %.
- **La comparaison avec vos organisations similaires** : même type d’organisation et même tranche de montant de marchés notifiés.
- **L’observatoire public** présente l’évolution nationale, une carte par région ou département et la liste des acheteurs probablement soumis à l’obligation.

## Le catalogue d’indicateurs du constructeur

Dans la partie « Indicateurs » du constructeur, un catalogue propose quatorze indicateurs courants, chacun avec sa définition, sa catégorie et son unité. Les quatre indicateurs DECP y sont **pré-remplis** : en choisissant l’un d’eux, vous obtenez pour chaque acheteur du schéma une **valeur de référence** (la dernière année avant la période du schéma) et les **valeurs suivies** des années de la période, avec à côté de chaque chiffre son numérateur, son dénominateur, le fichier DECP et la date d’import.

Les autres indicateurs du catalogue ne peuvent pas venir des DECP et sont saisis par l’acheteur : heures d’insertion réalisées, marchés avec une clause d’insertion, achats auprès d’ESUS, part des achats auprès de l’ESS, marchés réservés, part de marchés avec un critère environnemental d’attribution, parts AGEC, TPE-PME, émissions, agents formés…

## Quand le chiffre calculé est faux

Vous savez mieux que les DECP ce que contiennent vos marchés. Si le chiffre calculé est erroné (une clause oubliée dans la déclaration, un doublon), vous pouvez le **remplacer**, à une condition : **donner la raison**. La valeur remplacée est signalée (« Valeur calculée remplacée ») et le chiffre DECP reste affiché à côté. Vous pouvez joindre une **pièce justificative** (PDF, DOCX, XLSX ou ODT) ou citer une adresse web. Cette transparence protège votre bilan : un lecteur comprend d’où vient chaque chiffre.

## Exemple

La Ville de Rennes de la démonstration a choisi « Part des marchés notifiés avec une considération sociale (en nombre) ». Le constructeur lui propose une valeur de référence calculée sur ses DECP de l’année précédant son schéma, puis les valeurs de chaque année suivie. Pour ses marchés réservés, indicateur saisi, la valeur 2024 cite un justificatif PDF.

## À retenir

- Quatre indicateurs sont **calculés depuis les DECP** : considération environnementale et sociale, **en nombre** et **en valeur**.
- Les parts en valeur écartent les montants **absents ou aberrants** des deux sommes.
- Le constructeur **pré-remplit** référence et valeurs suivies **pour chaque acheteur**, avec numérateur, dénominateur et source.
- Une valeur calculée peut être **remplacée avec une raison**, et appuyée d’une **pièce justificative**.
- Les objectifs du PNAD sont affichés comme repères nationaux, pas comme vos cibles.`,
      videoUrl: null,
      practice: 'indicators',
      sources: [S.decpDataset, S.pnadArticle, S.l2111English],
      furtherReading: ['decp-donnees-essentielles', 'pnad-2022-2025'],
      quiz: null,
    },
    {
      id: 'l09-choisir-indicateurs',
      title: 'Choisir ses indicateurs et fixer des cibles',
      durationMinutes: 14,
      body: `## Deux familles d’indicateurs

Les schémas publiés distinguent en général :
- les **indicateurs cibles**, qui mesurent un objectif du schéma et comportent une **valeur de référence** (le point de départ) et une **cible datée** ;
- les **indicateurs de transparence**, qui décrivent la situation sans objectif chiffré (par exemple, la répartition des achats par famille).

La loi demande les deux dimensions : des indicateurs précis sur les taux réels d’achats responsables, et des objectifs cibles pour chaque catégorie.

## Moins, mais mieux

Les membres de France Urbaine, qui ont rédigé un guide du SPASER avec une boîte à outils d’indicateurs, mettent en garde contre la **multiplication des indicateurs** : chacun demande une collecte, une vérification et une explication. Un schéma de quinze indicateurs mal suivis vaut moins qu’un schéma de six indicateurs publiés à l’heure.

Une règle pratique : **un ou deux indicateurs par objectif**, pas davantage, et au moins un indicateur pour chaque exigence de la loi (social, écologique, économie circulaire, ESUS).

## Des indicateurs SMART

L’approche **SMART** est recommandée, notamment par Yorick Guinebert, dont le mémoire sur le pilotage des SPASER est référencé par le portail national :
- **Spécifique** : il mesure une seule chose, bien définie ;
- **Mesurable** : la donnée existe ou peut être produite ;
- **Atteignable** : la cible est ambitieuse mais réaliste au vu du point de départ ;
- **Réaliste** (ou pertinent) : il dit quelque chose de l’objectif ;
- **Temporellement défini** : la cible a une année.

## De l’indicateur idéal à l’indicateur calculable

L’atelier proposé par Datactivist pour co-construire les indicateurs d’un SPASER à partir des données ouvertes part d’un indicateur **idéal** (« l’impact social de nos achats ») et descend vers un indicateur **calculable** (« la part des marchés notifiés avec une considération sociale, d’après les DECP »), en arbitrant entre ce qui est souhaitable et ce qui est faisable. C’est un bon exercice à mener en équipe.

## Une fiche par indicateur

Pour chaque indicateur, écrivez :
1. **le nom** ;
2. **la définition** : numérateur, dénominateur, périmètre (marchés seuls ? concessions ?), année de référence (notification ou paiement ?) ;
3. **l’unité** : part des contrats, part en valeur, euros, heures, tCO2e… ;
4. **la source** : DECP, logiciel financier, facilitateur de clauses, fournisseur ;
5. **la valeur de référence** et son année ;
6. **les cibles**, chacune avec son année ;
7. **qui** la produit et **quand**.

## Des exemples tirés de schémas publiés

| Indicateur | Unité | Exemple |
|---|---|---|
| Marchés avec au moins une considération environnementale | % des contrats | repère PNAD 100 % |
| Marchés avec un critère environnemental d’attribution | % des contrats | Brest : cible 100 % en 2027, départ 21 % (Métropole) et 47,1 % (Ville) en 2023 |
| Poids minimal du critère environnemental | % de la note | État : au moins 10 %, jusqu’à 20 % sur les segments à fort enjeu |
| Heures d’insertion réalisées | heures par an | Région Grand Est : 391 000 heures en 2024, soit 245 équivalents temps plein |
| Évolution des heures d’insertion | % par rapport à la référence | État : +10 % |
| Achats auprès de l’ESS ou d’ESUS | € par an ou % des achats | Brest : au moins 3 M€ (Métropole) et 1 M€ (Ville) par an ; État : 2,5 % en 2027 |
| Émissions de gaz à effet de serre liées aux achats | tCO2e, % de baisse | État : –22 % en 2027 |
| Agents des achats formés | % des agents | État : 100 % |
| Délai global de paiement | jours | indicateur classique de suivi |

## Fixer une cible crédible

- **Partez de la référence.** Brest part de 21 % pour viser 100 % en quatre ans : l’ambition est forte, et elle est lisible parce que le point de départ est publié.
- **Échelonnez** : une cible intermédiaire (par exemple à mi-parcours) facilite le bilan tous les deux ans.
- **Choisissez le sens** : pour les émissions, la cible est un plafond ; pour une part de marchés, un plancher.
- **Alignez-vous sur ce qui devient obligatoire** : depuis les consultations lancées le 21 août 2026, tout marché doit comporter un critère environnemental ; viser moins de 100 % pour cet indicateur n’a plus de sens.

## À retenir

- Distinguez **indicateurs cibles** (référence + cible datée) et **indicateurs de transparence**.
- **Peu d’indicateurs**, bien définis : France Urbaine met en garde contre leur multiplication.
- Un bon indicateur est **SMART** et passe de l’**idéal** au **calculable**.
- Chaque indicateur a une **fiche** : définition, unité, source, référence, cibles datées, responsable.
- Les cibles se fixent **à partir du point de départ publié**, comme à Brest.`,
      videoUrl: null,
      practice: 'indicators',
      sources: [S.franceUrbaineGuide, S.achatpublicSmart, S.brest, S.etat, S.grandEst, S.wekaIndicateurs],
      furtherReading: ['spaser-etat-2025-2027', 'decp-donnees-essentielles'],
      quiz: {
        passMark: 70,
        maxAttempts: null,
        questions: [
          {
            id: 'q1-pnad-cibles',
            prompt: 'Quelles sont les cibles du PNAD 2022-2025 pour 2025 ?',
            multiple: false,
            choices: [
              { id: 'a', label: '100 % des contrats notifiés avec une considération environnementale, 30 % avec une considération sociale', correct: true, explanation: 'Ce sont les deux objectifs chiffrés du plan publié le 15 mars 2022.' },
              { id: 'b', label: '30 % environnementale, 25 % sociale', correct: false, explanation: 'C’étaient les objectifs du plan précédent, pour 2020.' },
              { id: 'c', label: '50 % environnementale, 50 % sociale', correct: false, explanation: 'Ces chiffres ne figurent pas dans le PNAD 2022-2025.' },
            ],
          },
          {
            id: 'q2-consideration',
            prompt: 'Au sens du PNAD, quelles formes peut prendre une « considération » ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Un critère d’attribution', correct: true, explanation: 'Par exemple une note sur la performance environnementale de l’offre.' },
              { id: 'b', label: 'Une clause ou condition d’exécution', correct: true, explanation: 'Par exemple des heures d’insertion à réaliser pendant le marché.' },
              { id: 'c', label: 'Une spécification technique', correct: true, explanation: 'Par exemple un niveau de performance énergétique exigé dans le cahier des charges.' },
              { id: 'd', label: 'Une mention dans le préambule du SPASER', correct: false, explanation: 'Une considération se trouve dans le marché lui-même, pas dans le schéma.' },
            ],
          },
          {
            id: 'q3-decp-2019',
            prompt: 'Un marché notifié en 2022 apparaît dans les DECP au format 2019. Comment le compter dans un indicateur de considération sociale ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Comme « non renseigné »', correct: true, explanation: 'Le format 2019 n’a pas de champ de considérations : on ne sait pas, ce qui n’est pas la même chose que « aucune ».' },
              { id: 'b', label: 'Comme « sans considération sociale »', correct: false, explanation: 'Ce serait un faux zéro, qui ferait croire à un effondrement avant 2024.' },
              { id: 'c', label: 'Comme « avec considération sociale »', correct: false, explanation: 'Rien dans les données ne permet de le dire.' },
            ],
          },
          {
            id: 'q4-valeurs-sociales',
            prompt: 'Quelles valeurs du champ des considérations sociales rendent un marché « positif » ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Clause sociale', correct: true, explanation: 'Une condition d’exécution à caractère social est une considération sociale.' },
              { id: 'b', label: 'Critère social', correct: true, explanation: 'Un critère d’attribution social en est une aussi.' },
              { id: 'c', label: 'Marché réservé', correct: true, explanation: 'Réserver un marché à des structures d’insertion ou entreprises adaptées est une considération sociale.' },
              { id: 'd', label: 'Pas de considération sociale', correct: false, explanation: 'C’est la valeur négative : le marché est renseigné, sans considération.' },
            ],
          },
          {
            id: 'q5-remplacer',
            prompt: 'Sur la plateforme, vous jugez faux un chiffre pré-rempli depuis les DECP. Que faire ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Le remplacer en donnant la raison, éventuellement avec une pièce justificative', correct: true, explanation: 'La valeur remplacée est signalée et le chiffre DECP reste affiché à côté, pour que le lecteur comprenne.' },
              { id: 'b', label: 'Le supprimer sans explication', correct: false, explanation: 'Une valeur différente du chiffre DECP demande une raison ; sinon rien n’est enregistré.' },
              { id: 'c', label: 'Le garder, même faux, puisqu’il vient de données officielles', correct: false, explanation: 'Les DECP ont des erreurs connues (doublons, oublis) ; vous connaissez mieux vos marchés.' },
            ],
          },
        ],
      },
    },
  ],
};

const chapter3: SeedChapter = {
  id: 'ch3-piloter-cooperer',
  title: 'Piloter et coopérer',
  lessons: [
    {
      id: 'l10-gouvernance',
      title: 'La gouvernance d’un SPASER',
      durationMinutes: 14,
      body: `## Pourquoi la gouvernance décide de tout

Un SPASER adopté puis rangé ne change rien. Ce qui le fait vivre, c’est une organisation qui décide, met en œuvre, mesure et corrige. La loi l’exige d’ailleurs : le schéma précise les **modalités de mise en œuvre et de suivi annuel** de ses objectifs. La gouvernance est la réponse à cette exigence.

## Les trois étages habituels

Les schémas publiés reprennent souvent la même architecture :

### 1. Le portage politique

Un ou plusieurs **élus référents** (ou, pour l’État et les établissements, la direction générale) portent le schéma. Ils le présentent à l’assemblée, arbitrent entre objectifs concurrents (coût, délais, ambition) et rendent compte. Les schémas s’ouvrent souvent par un **éditorial** signé de l’exécutif : ce n’est pas un détail de forme, c’est le signe que le cap est assumé.

### 2. Le comité de pilotage

Un **comité de pilotage** réunit les élus, la direction générale, la direction de la commande publique et les directions acheteuses. Il se réunit au moins une fois par an pour examiner le **bilan annuel** : avancement des actions, valeurs des indicateurs, difficultés. Il décide des ajustements.

### 3. Le niveau technique

Un **comité technique** ou un **réseau de référents** dans chaque direction fait vivre le schéma au quotidien : il repère les marchés à venir où insérer une clause, fait remonter les données, partage les retours d’expérience.

## Combien de temps pour construire le schéma ?

Les retours d’expérience donnent des ordres de grandeur :
- le **SEDIF** a suivi quatre étapes — état des lieux de maturité, cartographie des achats, entretiens et ateliers — avec une assistance à maîtrise d’ouvrage, pour environ **un an** de travail ;
- la **Gironde** a mis **deux ans**, avec une équipe projet transversale réunissant la commande publique et l’Agenda 21.

Prévoyez au moins **un an** entre le lancement et l’adoption, concertation comprise.

## Quelle durée pour le schéma ?

La loi n’impose aucune durée. Les schémas couvrent en général **3 à 6 ans** : 2025-2027 pour l’État, par exemple. Brest a fait le choix d’un schéma **sans date de fin**, révisé au besoin. Une durée alignée sur le mandat facilite le portage politique ; un schéma sans fin évite de tout recommencer, mais exige des révisions régulières.

## Le bilan annuel et la publication tous les deux ans

Deux rythmes se superposent :
- le **suivi annuel** des objectifs, exigé par la loi : le comité de pilotage fait le point chaque année (la Gironde consacre une section de son bilan à ce suivi) ;
- la **publication des indicateurs au moins tous les deux ans** : un document public, en ligne.

Rien n’interdit d’aller plus vite : l’État publie ses indicateurs **chaque année**.

## Exemple : la gouvernance du SPASER de l’État

Le schéma de l’État 2025-2027 est piloté par la **Direction des achats de l’État**. Il fixe 13 objectifs répartis en trois axes, publie ses indicateurs chaque année et se donne un objectif de gouvernance en soi : **100 % des agents des achats formés**. La formation des équipes est un levier de gouvernance souvent oublié.

## Écrire la partie « Gouvernance » de votre schéma

Dans le constructeur de la plateforme, la partie « Gouvernance » demande :
- la composition du **comité de pilotage** ;
- la **fréquence de revue**, en mois (12 pour un suivi annuel) ;
- les **modalités de suivi** : qui collecte quoi, quand ;
- la manière de **rendre compte** : à l’assemblée, au public.

Soyez concret : « le comité de pilotage, présidé par l’adjointe chargée de la commande publique, se réunit chaque année en mars pour examiner le bilan de l’année précédente » vaut mieux que « une gouvernance adaptée sera mise en place ».

## À retenir

- La loi exige des **modalités de mise en œuvre et de suivi annuel** : c’est l’objet de la gouvernance.
- Trois étages : **portage politique**, **comité de pilotage**, **référents techniques**.
- Comptez **un an** (SEDIF) à **deux ans** (Gironde) pour construire un schéma.
- La durée est libre : souvent 3 à 6 ans, parfois sans fin (Brest).
- **Suivi annuel** obligatoire, **publication des indicateurs au moins tous les deux ans** ; l’État publie chaque année.`,
      videoUrl: null,
      practice: 'governance',
      sources: [S.l2111Lexbase, S.sedif, S.gironde3ar, S.girondeBilan, S.brest, S.etat],
      furtherReading: ['spaser-etat-2025-2027', 'article-l2111-3'],
      quiz: null,
    },
    {
      id: 'l11-parties-prenantes',
      title: 'Coopérer avec les parties prenantes',
      durationMinutes: 12,
      body: `## Un schéma qui se construit avec d’autres

Un SPASER fixe des objectifs que l’acheteur n’atteindra pas seul : ce sont les entreprises qui réalisent les heures d’insertion, les structures de l’économie sociale et solidaire qui répondent aux marchés réservés, les fédérations professionnelles qui relaient les nouvelles exigences. Les associer dès l’élaboration, c’est éviter des clauses inapplicables et des appels d’offres infructueux.

## Qui associer ?

### Les acteurs économiques
- les **fournisseurs** actuels et potentiels, en particulier les TPE et PME ;
- les **fédérations professionnelles** et les chambres consulaires (**CCI**, chambres de métiers) ;

### Les acteurs de l’insertion et de l’ESS
- les **structures d’insertion par l’activité économique** (SIAE) et les **entreprises adaptées** (EA), par exemple via l’**UNEA** et la **Fédération des entreprises d’insertion** ;
- les **facilitateurs de clauses sociales**, comme les **PLIE** ; la Gironde, par exemple, gère ses clauses d’insertion avec une équipe de quatre chargés de relations entreprises, en lien avec sept PLIE ;
- les têtes de réseau de l’économie sociale et solidaire de votre territoire ;

### Les acteurs publics
- les **autres acheteurs** du territoire (pour un schéma commun ou des achats groupés) ;
- les services de l’État et les réseaux régionaux (leçon suivante).

### En interne
- les **directions acheteuses**, qui connaissent leurs fournisseurs et leurs contraintes ;
- les services chargés du plan climat, de l’alimentation, de l’économie sociale et solidaire : le schéma doit être cohérent avec ces politiques.

## Comment les associer ?

| Format | Pour quoi | Exemple |
|---|---|---|
| Consultation publique en ligne | recueillir largement des avis sur un projet | la Région Bretagne, d’octobre 2017 à janvier 2018 : 400 personnes rencontrées, 77 contributions |
| Auditions bilatérales | approfondir avec une fédération ou un réseau | la Ville de Paris a combiné consultation publique et auditions pour son schéma de 2021 |
| Ateliers thématiques | co-construire un axe ou des indicateurs | ateliers avec les directions et les partenaires, comme au SEDIF |
| Rencontres acheteurs-fournisseurs | présenter les marchés à venir et les attentes | « sourcing » avant les consultations |

## Quelques conseils

1. **Consultez sur un projet, pas sur une page blanche** : un premier jet d’axes et d’objectifs suscite des réactions utiles.
2. **Dites ce que vous avez retenu** : une synthèse de la concertation, publiée, montre que la parole a compté.
3. **Pensez à l’après** : les parties prenantes sont aussi des relais pour le suivi (les facilitateurs produisent les heures d’insertion réalisées, par exemple).
4. **Respectez l’égalité de traitement** : la concertation sur le schéma n’est pas une négociation sur un marché précis.

## Sur la plateforme

La partie « Parties prenantes » du constructeur liste **qui** vous associez et **comment**. Le statut de votre schéma peut indiquer qu’il est « en concertation ». L’annuaire des acteurs vous aide à trouver les interlocuteurs de votre région, et l’espace d’entraide permet de demander à d’autres acheteurs comment ils ont organisé leur concertation.

## À retenir

- Les objectifs d’un SPASER se réalisent **avec** les entreprises, l’ESS et les facilitateurs de clauses.
- Associez **fournisseurs, fédérations, CCI, SIAE et EA, facilitateurs (PLIE), têtes de réseau de l’ESS** et vos directions internes.
- Formats possibles : **consultation en ligne** (Bretagne : 400 personnes, 77 contributions), **auditions** (Paris), **ateliers**, rencontres fournisseurs.
- Consultez sur un **projet**, et **publiez ce que vous avez retenu**.`,
      videoUrl: null,
      practice: 'stakeholders',
      sources: [S.aviseBretagne, S.paris, S.girondeRtes, S.blEvolution, S.sedif],
      furtherReading: ['reseaux-accompagnement', 'portail-achats-durables-spaser'],
      quiz: null,
    },
    {
      id: 'l12-acteurs-accompagnement',
      title: 'Les acteurs qui accompagnent, et l’entraide entre pairs',
      durationMinutes: 14,
      body: `## Vous n’êtes pas seul

Écrire un SPASER demande du temps, des données et des arbitrages. Un écosystème d’acteurs publics et associatifs existe pour vous aider : savoir qui fait quoi fait gagner des mois.

## Le CGDD, chef d’orchestre national

Le **Commissariat général au développement durable** (CGDD, ministère de la Transition écologique) est l’acteur central de l’achat durable :
- il **pilote le PNAD** 2022-2025 (leçon 6) ;
- il anime depuis **2013** l’**inter-réseaux « Commande publique et développement durable »**, qui relie les réseaux régionaux ;
- il **finance** des réseaux régionaux et des guichets verts ;
- il a ouvert le portail **achats-durables.gouv.fr** le **14 novembre 2024**, devant environ 1 000 personnes : guides par secteur, formations, fiches des SPASER publiés, liste des réseaux.

D’autres services de l’État comptent aussi : la Direction des achats de l’État, qui pilote le SPASER de l’État (leçon 10), et l’Observatoire économique de la commande publique, qui produit le recensement (leçon 6).

## Les réseaux régionaux et les guichets verts

Dans la plupart des régions, un **réseau d’acheteurs publics responsables** organise ateliers, échanges de pratiques et ressources ; la page « réseaux » du portail national les présente. C’est souvent le premier endroit où rencontrer des acheteurs qui ont déjà adopté un schéma près de chez vous.

Depuis **2022**, plusieurs régions disposent aussi d’un **guichet vert**, financé par le PNAD : il répond aux questions environnementales de premier niveau, avec un formulaire identique d’une région à l’autre. En Île-de-France, le **GIP Maximilien** annonce une réponse en trois jours environ, et propose un second guichet consacré aux achats socialement responsables.

## La Mission SPASER

Lancée par le CGDD en **octobre 2022** dans le cadre du PNAD, la **Mission SPASER** est un programme de méthodes et de ressources pour réussir son projet de schéma. Ses contenus sont ouverts à tous les acheteurs, **qu’ils soient soumis ou non** à l’obligation. Conçue et animée par **makesense** avec l’**Agence des Économies Solidaires**, elle a commencé par des entretiens avec des acheteurs déjà dotés d’un schéma, pour comprendre leurs conditions de réussite. Son ambition : créer une **communauté nationale** de partage de bonnes pratiques et développer l’**entraide entre acheteurs publics** — l’ambition même de cette plateforme.

## Le codéveloppement

Le **codéveloppement professionnel** réunit un petit groupe de pairs pour travailler sur des situations réelles. À chaque séance, un participant, le « client », expose un problème qu’il vit ; les autres, les « consultants », l’aident selon six étapes :
1. **exposé** du problème par le client ;
2. **questions de clarification** : des faits, pas encore de conseils ;
3. **contrat** : le client dit précisément l’aide qu’il attend ;
4. **consultation** : chacun apporte hypothèses, expériences et idées, sans chercher le consensus ;
5. **plan d’action** : le client retient ce qui lui sert et fixe ses prochaines étapes ;
6. **apprentissages** : chacun dit ce qu’il retient, sur le fond et sur la méthode.

Appliqué au SPASER, le codéveloppement aide sur des questions très concrètes : « comment convaincre mon élu de fixer une cible chiffrée ? », « comment obtenir les heures d’insertion réalisées auprès de notre facilitateur ? ».

## L’entraide sur la plateforme

La plateforme rassemble ces ressources et ces pairs :
- l’**annuaire des acteurs**, avec une carte, filtrable par région, type et thème, chaque fiche avec au moins une source ;
- **« Trouver de l’aide »**, qui propose des membres d’autres organisations susceptibles de vous aider — organisation similaire, proximité géographique, SPASER déjà adopté, expertise déclarée — avec pour chacun la raison en une phrase ;
- l’**espace d’entraide**, pour poser une question à toute la communauté ;
- la **bibliothèque**, avec guides, modèles, exemples de SPASER et boîtes à outils d’indicateurs ;
- les **promotions**, des groupes d’acheteurs accompagnés quelques mois, avec un parrain ou une marraine et des séances de **codéveloppement** en groupes de 5 à 8 participants, outillées (minuteur des six étapes, fiche récapitulative envoyée le lendemain).

## À retenir

- Le **CGDD** pilote le PNAD, anime l’inter-réseaux depuis 2013, a lancé la **Mission SPASER** (octobre 2022) et **achats-durables.gouv.fr** (14 novembre 2024).
- Les **réseaux régionaux** d’acheteurs responsables et, depuis 2022, les **guichets verts** répondent près de chez vous.
- La Mission SPASER est **ouverte à tous les acheteurs**, soumis ou non, et vise l’**entraide entre pairs**.
- Le **codéveloppement** : un problème réel par séance, six étapes, des rôles qui tournent.
- Sur la plateforme : **annuaire des acteurs**, **« Trouver de l’aide »**, **espace d’entraide**, **bibliothèque**, **promotions**.`,
      videoUrl: null,
      practice: 'stakeholders',
      sources: [S.reseaux, S.portailLancement, S.guichetsVerts, S.aesMission, S.makesense, S.codevEtapes],
      furtherReading: ['reseaux-accompagnement', 'pnad-2022-2025'],
      quiz: {
        passMark: 70,
        maxAttempts: null,
        questions: [
          {
            id: 'q1-suivi',
            prompt: 'À quels rythmes la loi impose-t-elle de suivre le schéma et de publier ses indicateurs ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Suivi annuel des objectifs, publication des indicateurs au moins tous les deux ans', correct: true, explanation: 'Le suivi annuel figure dans l’article depuis l’origine ; la publication tous les deux ans a été ajoutée en 2021.' },
              { id: 'b', label: 'Un rapport annuel publié chaque année sous une forme imposée', correct: false, explanation: 'La loi n’impose aucun rapport annuel d’une forme donnée ; l’État choisit de publier chaque année, mais c’est un choix.' },
              { id: 'c', label: 'Un bilan unique à la fin du schéma', correct: false, explanation: 'Ce serait trop tard : la loi demande un suivi chaque année et une publication au moins tous les deux ans.' },
            ],
          },
          {
            id: 'q2-gouvernance',
            prompt: 'Quels éléments trouve-t-on habituellement dans la gouvernance d’un SPASER ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Un comité de pilotage avec des élus ou la direction générale', correct: true, explanation: 'Il arbitre et examine le bilan annuel.' },
              { id: 'b', label: 'Des référents dans les directions acheteuses', correct: true, explanation: 'Ils font vivre le schéma au quotidien et font remonter les données.' },
              { id: 'c', label: 'Une durée de schéma fixée par la loi', correct: false, explanation: 'La loi ne fixe aucune durée : 3 à 6 ans en général, sans fin à Brest.' },
              { id: 'd', label: 'Une fréquence de revue et des modalités de suivi écrites', correct: true, explanation: 'C’est ainsi que le schéma répond à l’exigence de modalités de suivi annuel.' },
            ],
          },
          {
            id: 'q3-bretagne',
            prompt: 'Comment la Région Bretagne a-t-elle associé le public à son schéma ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Par une consultation publique en ligne d’octobre 2017 à janvier 2018, avec 400 personnes rencontrées et 77 contributions', correct: true, explanation: 'C’est l’exemple rapporté par l’Avise.' },
              { id: 'b', label: 'Par un référendum local', correct: false, explanation: 'Aucune de nos sources ne mentionne un tel procédé.' },
              { id: 'c', label: 'Elle ne l’a pas associé', correct: false, explanation: 'Au contraire, la Bretagne est un exemple de co-construction.' },
            ],
          },
          {
            id: 'q4-cgdd',
            prompt: 'Quels rôles joue le CGDD ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Il pilote le PNAD 2022-2025', correct: true, explanation: 'Le plan est piloté par le CGDD, avec d’autres directions de l’État.' },
              { id: 'b', label: 'Il a lancé la Mission SPASER en octobre 2022', correct: true, explanation: 'Le programme a été conçu et animé par makesense avec l’Agence des Économies Solidaires.' },
              { id: 'c', label: 'Il a ouvert le portail achats-durables.gouv.fr en novembre 2024', correct: true, explanation: 'Le portail a été lancé le 14 novembre 2024.' },
              { id: 'd', label: 'Il adopte les SPASER des collectivités à leur place', correct: false, explanation: 'Chaque acheteur adopte son propre schéma ; le CGDD accompagne.' },
            ],
          },
          {
            id: 'q5-codev',
            prompt: 'Dans une séance de codéveloppement, quelle étape suit les questions de clarification ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Le contrat : le client précise l’aide qu’il attend du groupe', correct: true, explanation: 'Les six étapes : exposé, clarification, contrat, consultation, plan d’action, apprentissages.' },
              { id: 'b', label: 'Le plan d’action', correct: false, explanation: 'Le plan d’action vient après la consultation, quand le client choisit ce qu’il retient.' },
              { id: 'c', label: 'Les apprentissages', correct: false, explanation: 'C’est la dernière étape de la séance.' },
            ],
          },
        ],
      },
    },
  ],
};

const chapter4: SeedChapter = {
  id: 'ch4-echeance-et-redaction',
  title: 'L’échéance d’août 2026 et la rédaction du schéma',
  lessons: [
    {
      id: 'l13-obligations-2026',
      title: 'Depuis août 2026 : critère environnemental et conditions d’exécution',
      durationMinutes: 12,
      body: `## Une échéance fixée en 2021

La loi « Climat et résilience » du 22 août 2021 (article 35) a programmé un verdissement général de la commande publique, au-delà du seul SPASER. Le décret n° 2022-767 du 2 mai 2022 a fixé la date d’application : ces dispositions valent pour les **consultations lancées à partir du 21 août 2026**. Elles s’appliquent donc aujourd’hui à toutes vos nouvelles procédures.

## Ce qui a changé pour chaque marché

### Au moins un critère environnemental

Le jugement des offres doit comporter **au moins un critère d’attribution** qui prend en compte les **caractéristiques environnementales** de l’offre.

Conséquence directe : le **critère unique du prix** disparaît. Lorsqu’un acheteur retient un critère unique, ce doit être un **coût global** qui intègre les caractéristiques environnementales de l’offre (par exemple, un coût du cycle de vie).

### Des conditions d’exécution environnementales

Les **conditions d’exécution** du marché doivent prendre en compte des **considérations relatives à l’environnement** — et, dans les cas prévus par les textes, des considérations sociales.

### Les concessions aussi

Le **rapport annuel** que remet le concessionnaire doit décrire les mesures qu’il prend en matière environnementale et d’insertion.

## Ce que cela change pour votre SPASER

1. **Vos indicateurs environnementaux montent mécaniquement.** Si chaque nouvelle consultation porte un critère environnemental, la part des marchés avec une considération environnementale devrait tendre vers 100 % pour les marchés issus de ces consultations — exactement la cible 2025 du PNAD. Un schéma qui vise 60 % en 2027 est déjà dépassé.
2. **L’ambition se déplace vers la qualité.** La question n’est plus « y a-t-il un critère environnemental ? » mais « pèse-t-il vraiment ? ». Le SPASER de l’État, qui se présente comme une préparation à l’échéance de 2026, fixe un **poids minimal de 10 %**, porté à **20 %** sur les segments à fort enjeu, et vise les segments les plus émetteurs : mobilité, informatique, maintenance immobilière et travaux.
3. **Les équipes doivent être prêtes.** Rédiger un critère environnemental pertinent, le noter, contrôler une condition d’exécution : cela s’apprend. La formation des acheteurs devient un objectif du schéma (l’État vise 100 % des agents formés).
4. **Les déclarations DECP doivent suivre.** Un critère environnemental non déclaré dans les données essentielles ne sera pas compté.

## L’économie circulaire : une obligation voisine

L’article 58 de la loi AGEC impose par ailleurs des parts minimales d’achats issus du **réemploi**, de la **réutilisation** ou intégrant des **matières recyclées**. Le décret n° 2024-134 du 21 février 2024, en vigueur le **1er juillet 2024**, fixe ces parts pour **17 catégories de produits** (arrêté du 29 février 2024), avec des taux qui augmentent à partir de 2027 puis après 2030. Ces parts sont de bons indicateurs pour le volet « économie circulaire » de votre schéma.

## Exemple : réviser un objectif

Une communauté d’agglomération avait écrit en 2023 : « 50 % des marchés avec une clause environnementale en 2026 ». En révisant son schéma fin 2026, elle remplace cet objectif par :
- « 100 % des consultations lancées avec un critère environnemental pesant au moins 15 % de la note » ;
- « 80 % des marchés de travaux avec une condition d’exécution sur la gestion des déchets de chantier » ;
- « atteindre les parts AGEC pour le mobilier et les équipements informatiques ».

L’objectif devient plus exigeant sur le fond, tout en restant mesurable.

## À retenir

- Depuis les **consultations lancées le 21 août 2026** (loi Climat et résilience, art. 35 ; décret n° 2022-767), chaque marché comporte **au moins un critère environnemental**.
- Le **critère unique du prix** disparaît ; un critère unique doit être un **coût global** intégrant l’environnement.
- Les **conditions d’exécution** prennent en compte l’**environnement** (et le social dans les cas prévus).
- Votre SPASER doit viser la **qualité** des critères (poids, segments à fort enjeu) et la **formation** des équipes.
- Les parts **AGEC** (décret n° 2024-134) nourrissent le volet économie circulaire.`,
      videoUrl: null,
      practice: 'axes',
      sources: [S.climatResilience, S.decret2022Lexbase, S.fnccr, S.legifranceCcp, S.etat, S.agecValdelia],
      furtherReading: ['loi-climat-resilience-art-35', 'spaser-etat-2025-2027'],
      quiz: null,
    },
    {
      id: 'l14-rediger-avec-le-constructeur',
      title: 'Rédiger son schéma avec le constructeur : du préambule aux indicateurs',
      durationMinutes: 12,
      body: `## Un plan en sept parties

Les schémas publiés suivent presque tous le même plan, et le constructeur de SPASER de la plateforme le reprend en sept parties : **préambule**, **diagnostic**, **axes**, **indicateurs**, **gouvernance**, **parties prenantes**, **publication**. Cette leçon parcourt les quatre premières ; la suivante traite de la relecture et de la publication.

## Bien démarrer

### Partir d’un modèle

Au moment de créer votre schéma, le constructeur propose un point de départ :
- un schéma **vide** ;
- le **modèle vierge** : quatre axes habituels (transition écologique, inclusion sociale, développement économique responsable, gouvernance et suivi) avec des objectifs classés par catégorie, sans chiffre ;
- jusqu’à **trois schémas adoptés ou publiés d’organisations similaires** à la vôtre (même type, même tranche de montant de marchés), chacun avec la raison de la proposition.

D’un modèle, on reprend la structure (axes, objectifs, actions, indicateurs) mais **jamais les chiffres**, ni le préambule, ni le diagnostic, ni les noms des instances : votre schéma reste le vôtre.

### Écrire à plusieurs

Dans « Acheteurs et rédacteurs », ajoutez vos collègues comme rédacteurs, ou invitez d’autres acheteurs pour un **schéma commun** (leçon 5). Si deux personnes modifient la même partie en même temps, la plateforme le signale et montre les deux versions au lieu d’en écraser une.

## 1. Le préambule

C’est le **portage politique** et le **contexte** : pourquoi ce schéma, quelles obligations il remplit (article L2111-3), comment il s’articule avec le PNAD et les autres politiques de l’acheteur (plan climat, économie sociale et solidaire, alimentation). Un éditorial de l’exécutif y a toute sa place.

## 2. Le diagnostic

Le diagnostic répond à « d’où partons-nous ? » :
- un **constat** écrit ;
- une **auto-évaluation de maturité** de 1 à 5 ;
- une **cartographie des achats** : pour chaque famille d’achats, le nombre de marchés et le montant.

Le bouton « Pré-remplir depuis les DECP » propose, pour chaque acheteur, ses marchés de l’année ventilés par **division CPV** et par **procédure**, montants aberrants écartés. Rien n’est enregistré sans vous, et les lignes que vous avez déjà saisies ne sont jamais remplacées. Complétez avec vos données comptables et commentez : une famille qui pèse lourd en montant est une cible prioritaire pour les critères environnementaux.

## 3. Les axes, objectifs et actions

La structure classique : **3 à 5 axes**, déclinés en **objectifs**, eux-mêmes déclinés en **actions**. Chaque objectif et chaque action portent une ou plusieurs **catégories** — insertion de travailleurs handicapés ou défavorisés, écologique, économie circulaire, ESUS, entreprises employant des personnes défavorisées, accès des PME, commerce équitable… Ces catégories permettent au contrôle de conformité de vérifier que les exigences de la loi sont couvertes. Chaque action a un **pilote**, une **échéance**, un **état d’avancement** et les familles d’achats concernées.

Exemple :
- **Axe 2 — Inclusion sociale**
  - **Objectif 2.1** — Développer les heures d’insertion dans les marchés de travaux et de services (catégorie : insertion)
    - **Action 2.1.1** — Identifier chaque année avec le facilitateur les marchés à venir pouvant porter une clause (pilote : direction de la commande publique ; échéance : janvier de chaque année).

## 4. Les indicateurs

Choisissez vos indicateurs dans le **catalogue** ou créez-les, rattachez-les à un objectif, et renseignez **pour chaque acheteur** la valeur de référence, les cibles par année et les valeurs suivies (leçons 8 et 9). Les unités sont contrôlées : une part reste entre 0 et 100 %, un nombre de contrats est entier.

## Le contrôle de conformité

À tout moment, le contrôle de conformité reprend les exigences de l’article L2111-3 avec leur base légale et leur date d’application, donne un score et, pour chaque manque, la partie où le combler. Il ne lit que les catégories et les champs structurés, pas vos phrases : classer vos objectifs est donc essentiel.

## À retenir

- Le constructeur suit le plan habituel : **préambule, diagnostic, axes, indicateurs, gouvernance, parties prenantes, publication**.
- Partez d’un **modèle** (vierge ou schéma d’une organisation similaire) : la structure est reprise, **jamais les chiffres**.
- Le **diagnostic** se pré-remplit depuis les DECP (divisions CPV, procédures) ; complétez-le.
- Axes → objectifs → actions, chacun **catégorisé** ; chaque action a un **pilote** et une **échéance**.
- Le **contrôle de conformité** vérifie les exigences de l’article L2111-3 à partir de vos catégories.`,
      videoUrl: null,
      practice: 'diagnostic',
      sources: [S.blEvolution, S.portailSpaser, S.faqMission, S.l2111Lexbase, S.decpDataset],
      furtherReading: ['portail-achats-durables-spaser', 'article-l2111-3'],
      quiz: {
        passMark: 60,
        maxAttempts: null,
        questions: [
          {
            id: 'q1-date-2026',
            prompt: 'À quelles procédures s’appliquent les obligations environnementales de la loi Climat et résilience (critère et conditions d’exécution) ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Aux consultations lancées à partir du 21 août 2026', correct: true, explanation: 'C’est la date fixée par les dispositions d’entrée en vigueur du décret n° 2022-767.' },
              { id: 'b', label: 'À tous les marchés en cours d’exécution au 21 août 2026', correct: false, explanation: 'Les marchés déjà conclus ne sont pas modifiés : seules les consultations lancées depuis cette date sont visées.' },
              { id: 'c', label: 'Aux seuls acheteurs soumis au SPASER', correct: false, explanation: 'Ces règles valent pour la commande publique en général, pas seulement pour les acheteurs tenus d’adopter un schéma.' },
            ],
          },
          {
            id: 'q2-contenu-2026',
            prompt: 'Qu’imposent ces dispositions depuis août 2026 ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Au moins un critère d’attribution prenant en compte les caractéristiques environnementales', correct: true, explanation: 'C’est le cœur de la réforme.' },
              { id: 'b', label: 'Des conditions d’exécution prenant en compte l’environnement', correct: true, explanation: 'Les conditions d’exécution aussi sont verdies.' },
              { id: 'c', label: 'Un critère unique du prix pour les petits marchés', correct: false, explanation: 'Le critère unique du prix disparaît ; un critère unique doit être un coût global intégrant l’environnement.' },
              { id: 'd', label: 'Des mesures environnementales et d’insertion décrites dans le rapport annuel des concessionnaires', correct: true, explanation: 'Les concessions sont aussi concernées.' },
            ],
          },
          {
            id: 'q3-agec',
            prompt: 'Quel texte fixe les parts minimales d’achats issus du réemploi, de la réutilisation ou du recyclage pour 17 catégories de produits ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Le décret n° 2024-134 du 21 février 2024, pris pour l’article 58 de la loi AGEC', correct: true, explanation: 'En vigueur le 1er juillet 2024, avec un arrêté du 29 février 2024 pour les catégories.' },
              { id: 'b', label: 'L’article D2111-3 du code de la commande publique', correct: false, explanation: 'Cet article fixe le seuil du SPASER et le calcul du montant annuel.' },
              { id: 'c', label: 'Le PNAD 2022-2025', correct: false, explanation: 'Le PNAD est un plan, il ne fixe pas d’obligations réglementaires.' },
            ],
          },
          {
            id: 'q4-modele',
            prompt: 'Quand vous partez du schéma d’une organisation similaire sur la plateforme, qu’est-ce qui est repris ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'La structure : axes, objectifs, actions et indicateurs, sans leurs chiffres', correct: true, explanation: 'Les valeurs, cibles, pilotes, préambule et diagnostic ne sont jamais copiés : votre schéma reste le vôtre.' },
              { id: 'b', label: 'Tout le schéma, chiffres compris', correct: false, explanation: 'Les chiffres d’un autre acheteur n’ont pas de sens pour vous ; ils ne sont pas copiés.' },
              { id: 'c', label: 'Seulement le préambule', correct: false, explanation: 'C’est au contraire une partie qui n’est jamais copiée.' },
            ],
          },
          {
            id: 'q5-conformite',
            prompt: 'Sur quoi s’appuie le contrôle de conformité du constructeur ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Sur les catégories et les champs structurés du schéma', correct: true, explanation: 'Il ne lit pas le texte libre : bien classer ses objectifs et indicateurs est donc essentiel.' },
              { id: 'b', label: 'Sur les mots employés dans le préambule', correct: false, explanation: 'Le contrôle ne cherche jamais de mots dans le texte libre.' },
              { id: 'c', label: 'Sur l’avis d’un juriste de la plateforme', correct: false, explanation: 'Le contrôle est automatique, et il ne bloque jamais l’enregistrement.' },
            ],
          },
        ],
      },
    },
  ],
};

const chapter5: SeedChapter = {
  id: 'ch5-publier-faire-vivre',
  title: 'Publier et faire vivre son SPASER',
  lessons: [
    {
      id: 'l15-relire-adopter-publier',
      title: 'Relire, adopter et publier son schéma',
      durationMinutes: 10,
      body: `## Faire relire avant d’adopter

Un schéma relu par d’autres est plus clair et plus solide. Dans le bloc « Relecture » du constructeur, un rédacteur invite :
- un **collègue**, membre vérifié d’un des acheteurs du schéma ;
- ou un **animateur** de la plateforme.

Le relecteur lit le schéma sans pouvoir le modifier. Sous chaque partie, il ouvre une **discussion** ; les rédacteurs répondent et marquent la discussion comme **résolue**. Les commentaires ne sont **jamais publiés** : ni la page publique ni les fichiers exportés ne les contiennent. Profitez-en pour demander un regard franc : « cet objectif est-il mesurable ? », « cette cible est-elle crédible au vu du diagnostic ? ».

Vous pouvez aussi soumettre une question précise à toute la communauté dans l’espace d’entraide, ou à votre groupe de codéveloppement si vous suivez une promotion.

## Adopter

Le schéma est adopté par l’instance compétente de chaque acheteur : délibération de l’assemblée pour une collectivité, décision de la direction pour un établissement. Pour un schéma commun, chaque acheteur adopte le texte. Sur la plateforme, le formulaire d’adoption demande la **date** et la **référence** de la délibération ; le statut de chaque acheteur suit.

Les statuts de la plateforme disent où en est chaque organisation : inconnu, aucun SPASER, en préparation, en concertation, adopté, publié, en révision.

## Publier : une obligation légale

Depuis la loi Climat et résilience de 2021, le schéma est **rendu public**, notamment **en ligne** sur le site internet de l’acheteur lorsqu’il en a un. Publier n’est donc pas une option.

Sur la plateforme :
1. **Seul un schéma adopté se publie.**
2. La publication **fige** le schéma tel qu’il est enregistré : c’est la **version 1**. Vos modifications suivantes restent privées jusqu’à la publication suivante.
3. Le schéma paraît sur une **page publique** d’adresse stable, sous « /schemas », lisible sans compte ; la page reprend l’adresse de votre propre site indiquée dans la partie « Publication ».
4. Il entre dans l’**annuaire des SPASER publiés**, filtrable par type d’organisation, région, année en vigueur et thème, avec une carte de France.
5. Il s’exporte en **PDF**, **DOCX**, et ses indicateurs en **XLSX** et **CSV** : de quoi joindre le document à la délibération et le déposer sur votre site.

La page publique de la plateforme **ne remplace pas** la mise en ligne sur votre site : indiquez l’une sur l’autre, et faites le lien entre les deux.

Vous pouvez aussi faire connaître votre schéma au portail national achats-durables.gouv.fr, qui publie une fiche par SPASER (période, volume d’achats, schéma partagé ou non, édition) ; la manière de soumettre une fiche n’est pas décrite dans nos sources : renseignez-vous auprès de votre réseau régional.

## Versions et comparaison

Chaque version publiée est **gardée**. La page « Voir et comparer les versions » met deux versions côte à côte et signale en toutes lettres ce qui a été **ajouté**, **retiré** ou **modifié** : axes, objectifs, actions, indicateurs, et pour chaque acheteur ses références, cibles et valeurs. C’est utile aux élus comme au public pour comprendre ce qui a changé lors d’une révision.

## À retenir

- Faites **relire** le schéma par des collègues ou un animateur : les discussions restent **privées**.
- **Adoptez** (date et référence de la délibération), chaque acheteur pour un schéma commun.
- La **publication en ligne** est une obligation légale depuis 2021 ; sur la plateforme, **seul un schéma adopté se publie**.
- La publication fige une **version** ; la page publique sous « /schemas » et l’**annuaire** la rendent visible ; exports PDF, DOCX, XLSX, CSV.
- Les **versions** se comparent : ajouts, retraits, modifications.`,
      videoUrl: null,
      practice: 'publication',
      sources: [S.climatResilience, S.l2111English, S.etat],
      furtherReading: ['loi-climat-resilience-art-35', 'portail-achats-durables-spaser'],
      quiz: null,
    },
    {
      id: 'l16-bilan-et-revision',
      title: 'Le bilan des indicateurs tous les deux ans, et la révision',
      durationMinutes: 10,
      body: `## Deux obligations de rythme

Une fois le schéma adopté et publié, deux obligations de l’article L2111-3 rythment sa vie :
- le **suivi annuel** des objectifs ;
- la **publication des indicateurs au moins tous les deux ans**, exprimés en nombre de contrats ou en valeur.

## Le suivi annuel en pratique

Chaque année, de préférence à date fixe :
1. **collectez les valeurs** de l’année écoulée : les DECP pour les considérations sociales et environnementales ; le facilitateur pour les heures d’insertion ; les services financiers pour les achats auprès d’ESUS ;
2. **comparez-les aux cibles** ;
3. **faites le point sur les actions** : lesquelles sont réalisées, en retard, abandonnées ?
4. **présentez le tout au comité de pilotage**, qui décide des ajustements.

## Le bilan des indicateurs sur la plateforme

La page « Bilan des indicateurs » du constructeur rassemble, pour chaque indicateur et chaque acheteur, chaque année de la période : la **valeur**, son **origine**, la **cible** de l’année et le **résultat** en toutes lettres.
- Les valeurs sont **celles de la partie « Indicateurs »** : il n’y a pas de seconde saisie.
- Pour un indicateur calculable depuis les DECP, une année sans valeur saisie montre le chiffre des données essentielles, marqué **« à confirmer »**.
- Une cible est **atteinte** si la valeur l’égale ou la dépasse — ou, pour les émissions en tonnes équivalent CO2, si elle reste en dessous.
- Le bilan se **publie** quand le schéma est publié : il est figé, numéroté, et paraît sur la page publique du schéma, avec son PDF.
- La plateforme calcule l’**échéance** : deux ans après l’adoption ou le dernier bilan publié, et **prévient les rédacteurs** quand le bilan est dû.

## Exemple

La Ville de Rennes de la démonstration, adoptée le 25 mars 2024, a des cibles pour 2025 et 2027 et a publié un bilan. Pour « Part des marchés notifiés avec une considération sociale (en nombre) », le bilan montre la valeur de référence, les valeurs de 2024 et 2025 et indique, pour 2025, si la cible est atteinte. Le lecteur voit d’où vient chaque chiffre : DECP, ou valeur saisie avec sa raison et sa pièce justificative.

## Lire un bilan honnêtement

- **Ne cachez pas les cibles manquées** : expliquez-les. Une cible manquée avec une explication et une action correctrice est plus crédible qu’un bilan sans aspérité.
- **Distinguez l’effet des données et l’effet réel** : une hausse de la complétude des DECP peut faire bouger un taux sans que les pratiques aient changé.
- **Publiez plus souvent si vous le pouvez** : l’État publie ses indicateurs chaque année.

## Réviser le schéma

Un schéma vit : nouvelle obligation (août 2026), nouvelle mandature, cibles atteintes trop tôt ou hors d’atteinte. Sur la plateforme, « Réviser le SPASER » fait passer le schéma **en révision** : la version publiée reste en ligne et en vigueur pendant que vous travaillez. Vous modifiez la version de travail, la faites **adopter à nouveau** (nouvelle date et nouvelle référence), puis la **publiez** : elle devient la **version 2**, comparable à la première.

## À retenir

- **Suivi annuel** des objectifs et **publication des indicateurs au moins tous les deux ans** : deux obligations de l’article L2111-3.
- Le **bilan des indicateurs** de la plateforme reprend les valeurs de la partie « Indicateurs », les compare aux cibles et se **publie** sur la page du schéma.
- La plateforme **rappelle l’échéance** : deux ans après l’adoption ou le dernier bilan.
- Expliquez les cibles manquées ; distinguez l’effet des données et l’effet réel.
- **Réviser** : le schéma publié reste en vigueur jusqu’à la nouvelle adoption et la publication de la version suivante.`,
      videoUrl: null,
      practice: 'publication',
      sources: [S.l2111Lexbase, S.climatResilience, S.etat, S.decpDataset],
      furtherReading: ['article-l2111-3', 'decp-donnees-essentielles'],
      quiz: {
        passMark: 60,
        maxAttempts: null,
        questions: [
          {
            id: 'q1-publier-quand',
            prompt: 'Sur la plateforme, quand un schéma peut-il être publié sur sa page publique ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Une fois adopté', correct: true, explanation: 'Seul un schéma adopté se publie ; la publication fige la version enregistrée.' },
              { id: 'b', label: 'Dès le premier brouillon', correct: false, explanation: 'Un brouillon n’est jamais publié ni listé dans l’annuaire.' },
              { id: 'c', label: 'Seulement après un premier bilan des indicateurs', correct: false, explanation: 'C’est l’inverse : un bilan ne se publie que pour un schéma déjà publié.' },
            ],
          },
          {
            id: 'q2-relecture',
            prompt: 'Que deviennent les commentaires de relecture quand le schéma est publié ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'Ils restent privés : ni la page publique ni les exports ne les contiennent', correct: true, explanation: 'La publication ne lit que le document figé, jamais les discussions.' },
              { id: 'b', label: 'Ils sont publiés en annexe', correct: false, explanation: 'Rien de la relecture n’est publié.' },
              { id: 'c', label: 'Ils sont effacés automatiquement', correct: false, explanation: 'Ils restent disponibles pour les rédacteurs et relecteurs.' },
            ],
          },
          {
            id: 'q3-bilan',
            prompt: 'Que fait le bilan des indicateurs de la plateforme ? (plusieurs réponses)',
            multiple: true,
            choices: [
              { id: 'a', label: 'Il reprend les valeurs de la partie « Indicateurs », sans seconde saisie', correct: true, explanation: 'Les valeurs annuelles sont les mêmes que celles du schéma.' },
              { id: 'b', label: 'Il compare chaque valeur à la cible de l’année', correct: true, explanation: 'Il dit en toutes lettres si la cible est atteinte.' },
              { id: 'c', label: 'Il prévient les rédacteurs quand le bilan est dû, deux ans après l’adoption ou le dernier bilan', correct: true, explanation: 'Ce rythme suit l’exigence légale de publication tous les deux ans.' },
              { id: 'd', label: 'Il enregistre définitivement les chiffres DECP sans confirmation', correct: false, explanation: 'Un chiffre DECP non saisi est montré « à confirmer », jamais enregistré par le bilan.' },
            ],
          },
          {
            id: 'q4-revision',
            prompt: 'Pendant la révision d’un schéma publié sur la plateforme, que voit le public ?',
            multiple: false,
            choices: [
              { id: 'a', label: 'La version publiée, qui reste en vigueur', correct: true, explanation: 'La nouvelle version ne paraît qu’après une nouvelle adoption et sa publication.' },
              { id: 'b', label: 'Le brouillon en cours, au fil des modifications', correct: false, explanation: 'La version de travail n’est visible que de ses rédacteurs.' },
              { id: 'c', label: 'Une page indiquant que le schéma n’existe plus', correct: false, explanation: 'Ce serait le cas d’un schéma retiré, pas d’un schéma en révision.' },
            ],
          },
        ],
      },
    },
  ],
};

export const firstCourse: SeedCourse = {
  slug: 'construire-son-spaser',
  title: 'Construire et faire vivre son SPASER',
  summary:
    'Une formation d’environ 3 h 30 pour les acheteurs publics qui préparent, rédigent ou révisent leur schéma de promotion des achats socialement et écologiquement responsables : le cadre légal (qui est concerné, comment calculer le seuil, ce que le schéma doit contenir, le schéma commun), les objectifs du PNAD et les données essentielles de la commande publique, le choix des indicateurs, la gouvernance et la coopération avec les parties prenantes, les obligations environnementales applicables depuis août 2026, puis la rédaction, la publication et le bilan des indicateurs avec les outils de la plateforme. Chaque leçon cite ses sources ; chaque chapitre se termine par un quiz.',
  enforceOrder: true,
  chapters: [chapter1, chapter2, chapter3, chapter4, chapter5],
};
