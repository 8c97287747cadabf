//! The offline writer's French (vous).
//!
//! proseo's own copy. **Agreement**: the writer does not know the gender or number of a
//! product's noun (`Chaussettes en laine mérinos` is feminine plural, `Sac à dos en toile`
//! masculine singular), so the keyphrase only stands where French needs no article and
//! nothing agrees with it: before or after a colon, as a title (`{Kp} : les atouts`). No
//! `de {kp}` either (elision would depend on the first letter). Everything said *about* the
//! product is said about `cet article` (masculine singular), the materials, the details or
//! the customer. Past the density budget the keyphrase becomes `cet article`.
//!
//! Typography: the strings use a plain space before `:` `;` `!` `?`; the writer turns it into
//! a narrow no-break space (U+202F) on output ([`PhraseBook::space_before`]). Short, active
//! sentences (no `être` + participle).

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "chaussettes",
            "chaussures",
            "bottes",
            "baskets",
            "sandales",
            "chaussons",
        ],
    ),
    (
        Family::Accessories,
        &[
            "accessoires",
            "sac",
            "sacs",
            "ceinture",
            "ceintures",
            "bonnet",
            "casquette",
            "écharpe",
            "lunettes",
            "portefeuille",
            "gants",
        ],
    ),
    (
        Family::Apparel,
        &[
            "vêtements",
            "sweat",
            "sweats",
            "pull",
            "chemise",
            "t-shirt",
            "veste",
            "robe",
            "pantalon",
            "jean",
            "manteau",
            "jupe",
        ],
    ),
    (
        Family::Home,
        &[
            "maison", "cuisine", "mug", "tasse", "lampe", "coussin", "plaid", "vase", "bougie",
            "linge",
        ],
    ),
    (
        Family::Electronics,
        &[
            "électronique",
            "casque",
            "écouteurs",
            "chargeur",
            "câble",
            "enceinte",
            "clavier",
            "souris",
            "audio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "beauté",
            "crème",
            "soin",
            "sérum",
            "shampoing",
            "savon",
            "parfum",
        ],
    ),
];

/// Pools that fit any product: the French book does not tailor benefits to a family yet
/// (only the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "produits",
    title_noun: "La qualité au quotidien",
    intro: &[
        "Cet article allie un design simple et de bons matériaux.",
        "Nous vérifions chaque pièce avant son arrivée dans notre boutique.",
        "Son design épuré va avec votre style et avec votre quotidien.",
        "Dès le premier jour, vous verrez la différence dans les détails.",
        "Les matériaux tiennent bien le coup, semaine après semaine.",
        "Des détails pratiques vous simplifient le quotidien.",
        "Nous pensons à votre quotidien, alors nous misons sur une qualité simple.",
        "Vous utiliserez cet article à la maison, au travail et en voyage.",
        "Les finitions soignées se voient et se sentent au toucher.",
    ],
    benefits: &[
        "Les matériaux sont solides, donc ils tiennent bien au quotidien.",
        "Cet article demande peu d'entretien et garde une belle allure.",
        "Un achat que vous sentez chaque jour : {kp}.",
        "La qualité et un prix juste réunis : {kp}.",
        "Cet article prend aussi peu de place chez vous.",
        "L'usage reste simple dès le premier jour, sans longue notice.",
        "Chaque détail a un sens, car nous aimons le beau et le pratique.",
        "Un choix sûr pour tous les jours : {kp}.",
        "Le prix reste juste pour la qualité que vous recevez.",
        "Si vous cherchez du beau et du solide, voici notre conseil : {kp}.",
        "Les lignes nettes vont à l'essentiel, sans rien de trop.",
    ],
    details: &[
        "Par exemple, vous pouvez utiliser cet article tous les jours sans crainte pour l'usure.",
        "Par exemple, cet article fait aussi un beau cadeau d'anniversaire.",
        "Par exemple, à la maison ou en voyage, cet article répond présent.",
        "Par exemple, cet article va bien avec d'autres pièces de notre boutique.",
        "Par exemple, si vous aimez l'ordre et la qualité, vous trouverez ici votre bonheur.",
        "Par exemple, pensez aux matins pressés : tout devient plus simple.",
    ],
    usage: &[
        "Pour la maison, le bureau ou le voyage : {kp}.",
        "Au quotidien, cet article trouve vite sa place.",
        "Pour tous les jours et aussi pour les grandes occasions : {kp}.",
        "Chaque jour, vous trouverez une bonne raison d'utiliser cet article.",
        "À la maison comme dehors, cet article vous simplifie la vie.",
        "Pour offrir ou pour vous faire plaisir : {kp}.",
    ],
    care: &[
        "Pour l'entretien, un chiffon doux et un peu d'eau suffisent.",
        "Rangez cet article dans un endroit sec, et il vous suivra des années.",
        "Suivez les conseils de l'étiquette, et cet article durera encore plus longtemps.",
        "Un entretien simple suffit pour garder un bel aspect.",
        "Avec un peu de soin, tout reste comme au premier jour.",
    ],
    list_items: &[
        "Design simple et pratique",
        "Matériaux de qualité",
        "Usage simple dès le premier jour",
        "Entretien facile",
        "Finitions soignées",
        "Bon rapport qualité-prix",
        "Une belle idée de cadeau",
        "Longue durée de vie",
        "Prend peu de place",
    ],
    short: &[
        "{Kp} : la qualité au quotidien, avec un design qui va avec tout.",
        "Notre conseil pour votre quotidien : {kp}, avec une belle qualité et un design simple.",
        "{Kp}, de notre rayon {category} : un design épuré et des matériaux qui durent.",
        "Qualité, design et prix juste réunis : {kp}.",
        "{Kp} : un choix simple qui vous fera plaisir longtemps.",
    ],
    meta: &[
        "Qualité et design simple.",
        "Des matériaux qui durent.",
        "Entretien facile et prix juste.",
        "Un achat pour tous les jours.",
        "Un design pratique et beau.",
    ],
    bullets: &[
        "Matériaux de qualité pour tous les jours",
        "Design simple qui va avec tout",
        "Entretien facile et rapide",
        "Bon rapport qualité-prix",
        "Finitions soignées dans chaque détail",
        "Une belle idée de cadeau",
        "Longue durée de vie",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp} : le choix facile du quotidien dans notre rayon {category}.",
        "Vous cherchez un objet pour tous les jours ? Notre réponse : {kp}.",
        "Une des stars de notre rayon {category} : {kp}.",
        "Aujourd'hui, nous vous présentons une pièce de notre rayon {category} : {kp}.",
        "{Kp} : un coup de cœur de notre rayon {category}, pour tous les jours.",
        "Pour votre quotidien, dans notre rayon {category} : {kp}.",
    ],
    closers: &[
        "Votre prochain coup de cœur : {kp}. Commandez dès aujourd'hui.",
        "Ajoutez cet article à votre panier et sentez la différence.",
        "Commandez aujourd'hui et découvrez pourquoi nos clients reviennent.",
        "Commandez aujourd'hui, et votre colis arrive en quelques jours.",
        "Faites-vous plaisir aujourd'hui : vous le méritez.",
        "Qu'attendez-vous ? Ajoutez cet article à votre panier dès maintenant.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp} : un choix fiable de notre rayon {category}.",
        "Un design pratique et une qualité durable : {kp}.",
        "Un choix solide pour un usage quotidien : {kp}.",
        "Dans notre rayon {category}, une référence de qualité : {kp}.",
        "{Kp} : une qualité constante à un prix juste.",
        "Une élégance discrète pour votre collection : {kp}.",
    ],
    closers: &[
        "Un choix fiable pour de longues années.",
        "Une qualité sur laquelle vous pouvez compter.",
        "Livraison rapide et service attentif pour chaque commande.",
        "Une valeur sûre, faite pour durer.",
        "Un investissement sensé dans une qualité durable.",
        "Commandez aujourd'hui, et votre colis arrive en quelques jours.",
    ],
};

/// proseo's French phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::Fr,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "vêtements",
            title_noun: "Vêtements confortables",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "accessoires",
            title_noun: "Accessoires",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "chaussures",
            title_noun: "Chaussures",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "maison",
            title_noun: "Maison",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "électronique",
            title_noun: "Électronique",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "beauté",
            title_noun: "Beauté",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Un beau cadeau pour vos proches : {kp}. En plus, nous préparons chaque commande avec soin.",
        "Si vous avez une question, notre équipe vous aide avant et après l'achat.",
        "Nous vérifions chaque commande avant l'envoi, donc tout arrive prêt à servir.",
        "Vous hésitez encore ? Grâce aux retours faciles, vous avez le temps de choisir chez vous.",
        "Notre équipe répond vite, alors vous n'attendez jamais longtemps.",
        "Nous expédions vite, donc votre colis arrive en quelques jours.",
        "Beaucoup de clients reviennent chez nous, et cela en dit long.",
        "Pour vous ou pour offrir : {kp}, un choix qui vous fera plaisir longtemps.",
    ],
    why_headings: &[
        "{Kp} : nos raisons",
        "{Kp} en bref",
        "{Kp} : les atouts",
        "{Kp} en un coup d'œil",
        "{Kp} : l'essentiel",
        "{Kp} : bon à savoir",
    ],
    detail_headings: &[
        "Caractéristiques et détails",
        "Détails du produit",
        "Les points clés",
        "Bon à savoir",
        "Les détails qui comptent",
        "Fiche technique",
    ],
    use_headings: &[
        "Utilisation et entretien",
        "Au quotidien et à l'entretien",
        "Conseils d'utilisation et d'entretien",
        "Pour durer longtemps",
        "Au quotidien",
        "Un entretien simple",
    ],
    wrap_ups: &[
        "En bref, un achat que vous utiliserez encore et encore.",
        "C'est pourquoi beaucoup de clients reviennent.",
        "Au final, vous recevez plus que prévu.",
        "Autrement dit, un petit achat qui change beaucoup.",
        "Ainsi, chaque journée devient un peu plus simple.",
        "En résumé : une qualité simple et honnête.",
        "En somme, tout ce qu'il vous faut, et rien de trop.",
    ],
    connectors: &[
        "De plus, {s}",
        "En outre, {s}",
        "Par ailleurs, {s}",
        "En effet, {s}",
        "D'ailleurs, {s}",
        "Surtout, {s}",
        "Également, {s}",
        "De même, {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &[],
    title_tails: &[
        "{C} en ligne",
        "Acheter {C} en ligne",
        "{C} – boutique en ligne",
        "Commander {C}",
    ],
    meta_openers: &[
        "{Kp}, de notre rayon {category}.",
        "Pour votre quotidien : {kp}.",
        "{Kp} : la qualité au quotidien.",
        "Notre conseil du rayon {category} : {kp}.",
        "{Kp} : un design pratique pour tous les jours.",
        "Nouveau en boutique : {kp}.",
    ],
    meta_closers: &[
        "Le confort au quotidien.",
        "Un achat malin.",
        "Une qualité qui dure.",
        "Simple à utiliser, facile à entretenir.",
        "Un prix juste pour des années d'usage.",
        "Un favori de nos clients.",
    ],
    facts: Facts {
        colors: &[
            "Couleurs au choix : {list}, pour trouver la teinte qui vous plaît.",
            "Vous avez le choix entre {list}, donc il y a une couleur pour chaque goût.",
            "Choisissez selon votre style : {list}.",
            "Plusieurs couleurs existent : {list}, alors vous trouverez vite votre préférée.",
        ],
        choose: &[
            "Avant de commander, choisissez sur cette page : {list}.",
            "Avant l'achat, sélectionnez ce qui vous convient : {list}.",
            "Lors de la commande, il vous reste à choisir : {list}.",
            "Pour bien choisir, indiquez d'abord sur cette page : {list}.",
        ],
        sale: &[
            "En ce moment, {pct}\u{a0}% de remise : c'est le bon moment pour acheter.",
            "Aujourd'hui, vous économisez {pct}\u{a0}%, alors profitez-en.",
            "Vous payez {pct}\u{a0}% de moins que d'habitude, donc n'attendez pas trop.",
        ],
        attribute_choice: "{name} : au choix, {list}",
        attribute: "{name} : {list}",
        weight: "Poids : {value}",
        package: "Taille du colis : {value}",
        package_bullet: "Dimensions du colis : {value}",
        meta_colors: "Couleurs : {list}.",
        short_colors: "Couleurs : {list}.",
        meta_fill: &["Livraison rapide et retours faciles.", "Commandez dès aujourd'hui."],
        alt_main: "{Kp}, vue de face",
        alt_color: "{Kp}, coloris {color}",
        alt_detail: "{Kp}, vue de détail {n}",
        color_names: &["couleur", "couleurs", "coloris"],
    },
    and: "et",
    article: "",
    pronoun: "cet article",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: ":;!?",
};
