//! The offline writer's German (Sie, the safe default for a shop that has not chosen).
//!
//! proseo's own copy. **Agreement**: the writer does not know the gender, number or case
//! forms of a product's noun (`Merino-Wollsocken` is plural, `Kapuzenpullover` masculine), so
//! the keyphrase only stands where German needs neither an article nor an inflected form:
//! in the nominative, before or after a colon, as a title (`{Kp} im Überblick`). Everything
//! said *about* the product is said about `dieses Produkt` (neuter, the same in nominative and
//! accusative), the material, the details or the customer. Past the density budget the
//! keyphrase becomes `dieses Produkt`, which fits every such position.
//!
//! German word order puts the verb second, so a connector cannot simply go in front of a
//! sentence (`Außerdem, das Material …` is wrong): connectors end in a colon and the sentence
//! keeps its capital (`Dazu kommt: Das Material …`). Nouns keep their capitals, so the
//! product's own words are never lowercased. Short words and sentences keep Amstad's Flesch
//! high; no `werden` + participle.

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "socken",
            "schuhe",
            "schuh",
            "stiefel",
            "sneaker",
            "sandalen",
            "hausschuhe",
        ],
    ),
    (
        Family::Accessories,
        &[
            "accessoires",
            "tasche",
            "taschen",
            "rucksack",
            "mütze",
            "gürtel",
            "schal",
            "sonnenbrille",
            "geldbörse",
            "handschuhe",
        ],
    ),
    (
        Family::Apparel,
        &[
            "kleidung", "pullover", "shirt", "t-shirt", "hemd", "bluse", "jacke", "kleid", "hose",
            "jeans", "mantel", "rock",
        ],
    ),
    (
        Family::Home,
        &[
            "wohnen",
            "küche",
            "becher",
            "tasse",
            "lampe",
            "kissen",
            "decke",
            "vase",
            "kerze",
            "möbel",
            "heimtextilien",
        ],
    ),
    (
        Family::Electronics,
        &[
            "elektronik",
            "kopfhörer",
            "ladegerät",
            "kabel",
            "lautsprecher",
            "tastatur",
            "maus",
            "audio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "beauty",
            "creme",
            "pflege",
            "gesichtspflege",
            "shampoo",
            "seife",
            "parfüm",
            "kosmetik",
        ],
    ),
];

/// Pools that fit any product: the German book does not tailor benefits to a family yet
/// (only the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "Produkte",
    title_noun: "Qualität für jeden Tag",
    intro: &[
        "Dieses Produkt verbindet ein klares Design mit guten Materialien.",
        "Wir prüfen jedes Stück, bevor es in unseren Shop kommt.",
        "Das schlichte Design passt zu Ihrem Stil und zu Ihrem Alltag.",
        "Schon am ersten Tag merken Sie den Unterschied im Detail.",
        "Die Materialien halten viel aus, Tag für Tag und Woche für Woche.",
        "Praktische Details machen Ihnen den Alltag leichter.",
        "Wir denken an Ihren Alltag, darum setzen wir auf Qualität ohne Schnickschnack.",
        "Sie nutzen dieses Produkt zu Hause, im Büro und auf Reisen.",
        "Die saubere Verarbeitung sieht man und spürt man auch.",
    ],
    benefits: &[
        "Die Materialien sind robust, daher halten sie den Alltag gut aus.",
        "Dieses Produkt braucht wenig Pflege und sieht lange gut aus.",
        "Ein Kauf, den Sie jeden Tag merken: {kp}.",
        "Gute Qualität und ein fairer Preis in einem: {kp}.",
        "Dazu braucht dieses Produkt nur wenig Platz.",
        "Die Handhabung ist vom ersten Tag an ganz einfach.",
        "Jedes Detail hat einen Sinn, denn wir mögen es schön und praktisch.",
        "Eine sichere Wahl für jeden Tag: {kp}.",
        "Der Preis ist fair für die Qualität, die Sie bekommen.",
        "Wenn Sie etwas Schönes und Solides suchen, ist hier unser Tipp: {kp}.",
        "Die klare Form kommt ohne Schnörkel aus und wirkt ruhig.",
    ],
    details: &[
        "Zum Beispiel nutzen Sie dieses Produkt jeden Tag, ohne an Verschleiß zu denken.",
        "Zum Beispiel ist dieses Produkt auch ein schönes Geschenk zum Geburtstag.",
        "Zum Beispiel macht dieses Produkt zu Hause und auf Reisen eine gute Figur.",
        "Zum Beispiel passt dieses Produkt gut zu anderen Stücken aus unserem Shop.",
        "Wenn Sie Ordnung und Qualität mögen, finden Sie hier genau das.",
        "Denken Sie zum Beispiel an einen Morgen mit wenig Zeit: Alles geht leichter.",
    ],
    usage: &[
        "Für zu Hause, für das Büro oder für unterwegs: {kp}.",
        "Im Alltag findet dieses Produkt schnell seinen festen Platz.",
        "Für jeden Tag und auch für besondere Anlässe: {kp}.",
        "Jeden Tag finden Sie einen guten Grund, dieses Produkt zu nutzen.",
        "Ob zu Hause oder unterwegs, dieses Produkt macht vieles leichter.",
        "Zum Verschenken oder für sich selbst: {kp}.",
    ],
    care: &[
        "Zur Pflege reicht ein weiches Tuch mit etwas Wasser.",
        "Lagern Sie dieses Produkt trocken, dann hält es viele Jahre.",
        "Wenn Sie die Hinweise auf dem Etikett beachten, hält dieses Produkt noch länger.",
        "Mit wenig Pflege bleibt das schöne Aussehen lange erhalten.",
        "Ein wenig Sorgfalt genügt, und alles sieht aus wie am ersten Tag.",
    ],
    list_items: &[
        "Schlichtes, praktisches Design",
        "Gute Materialien",
        "Einfache Handhabung",
        "Leichte Pflege",
        "Saubere Verarbeitung",
        "Gutes Preis-Leistungs-Verhältnis",
        "Eine schöne Geschenkidee",
        "Lange Lebensdauer",
        "Braucht wenig Platz",
    ],
    short: &[
        "{Kp}: Qualität für jeden Tag, mit einem Design, das zu allem passt.",
        "Unser Tipp für Ihren Alltag: {kp}, mit guter Qualität und klarem Design.",
        "{Kp} aus unserer Kategorie „{category}“: klares Design und Materialien, die lange halten.",
        "Qualität, Design und ein fairer Preis in einem: {kp}.",
        "{Kp}: eine einfache Wahl, an der Sie lange Freude haben.",
    ],
    meta: &[
        "Qualität und klares Design.",
        "Materialien, die lange halten.",
        "Leichte Pflege und ein fairer Preis.",
        "Ein Kauf für jeden Tag.",
        "Praktisch und schön.",
    ],
    bullets: &[
        "Gute Materialien für jeden Tag",
        "Schlichtes Design, das zu allem passt",
        "Leichte und schnelle Pflege",
        "Gutes Preis-Leistungs-Verhältnis",
        "Saubere Verarbeitung in jedem Detail",
        "Eine schöne Geschenkidee",
        "Lange Lebensdauer",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: die einfache Wahl für jeden Tag aus unserer Kategorie „{category}“.",
        "Sie suchen etwas für jeden Tag? Unsere Antwort: {kp}.",
        "Einer unserer Favoriten aus der Kategorie „{category}“: {kp}.",
        "Heute stellen wir Ihnen ein Stück aus der Kategorie „{category}“ vor: {kp}.",
        "{Kp}: ein Liebling aus unserer Kategorie „{category}“, zu dem Sie gern greifen.",
        "Für Ihren Alltag, aus unserer Kategorie „{category}“: {kp}.",
    ],
    closers: &[
        "Ihr nächster Lieblingskauf: {kp}. Bestellen Sie noch heute.",
        "Legen Sie dieses Produkt in den Warenkorb und spüren Sie den Unterschied.",
        "Bestellen Sie heute und sehen Sie, warum unsere Kunden wiederkommen.",
        "Bestellen Sie heute, dann ist Ihr Paket in wenigen Tagen da.",
        "Gönnen Sie sich heute etwas Gutes: Sie haben es verdient.",
        "Worauf warten Sie noch? Legen Sie dieses Produkt gleich in den Warenkorb.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: eine verlässliche Wahl aus unserer Kategorie „{category}“.",
        "Praktisches Design und lange Haltbarkeit: {kp}.",
        "Eine solide Wahl für den täglichen Einsatz: {kp}.",
        "In unserer Kategorie „{category}“ ein Maßstab für Qualität: {kp}.",
        "{Kp}: gleichbleibende Qualität zu einem fairen Preis.",
        "Schlichte Eleganz für Ihre Sammlung: {kp}.",
    ],
    closers: &[
        "Eine verlässliche Wahl für viele Jahre.",
        "Qualität, auf die man sich verlassen kann.",
        "Schneller Versand und persönlicher Service bei jeder Bestellung.",
        "Ein sicherer Wert, der lange hält.",
        "Eine kluge Investition in dauerhafte Qualität.",
        "Bestellen Sie heute, dann ist Ihr Paket in wenigen Tagen da.",
    ],
};

/// proseo's German phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::De,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "Kleidung",
            title_noun: "Bequeme Kleidung",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "Accessoires",
            title_noun: "Accessoires",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "Schuhe",
            title_noun: "Schuhe",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "Wohnen",
            title_noun: "Wohnen",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "Elektronik",
            title_noun: "Elektronik",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "Pflege",
            title_noun: "Pflege",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Ein schönes Geschenk für Freunde und Familie: {kp}. Jede Bestellung packen wir mit Sorgfalt.",
        "Wenn Sie Fragen haben, hilft unser Team gern vor und nach dem Kauf.",
        "Wir prüfen jede Bestellung vor dem Versand, damit alles gleich bereit ist.",
        "Noch unsicher? Dank einfacher Rückgabe haben Sie zu Hause Zeit für Ihre Wahl.",
        "Unser Team antwortet schnell, so warten Sie nie lange.",
        "Wir versenden schnell, daher ist Ihr Paket in wenigen Tagen da.",
        "Viele Kunden kaufen wieder bei uns, und das sagt viel.",
        "Für Sie selbst oder als Geschenk: {kp}, eine Wahl, an der Sie lange Freude haben.",
    ],
    why_headings: &[
        "{Kp}: unsere Gründe",
        "{Kp} kurz erklärt",
        "{Kp}: die Vorteile",
        "{Kp} im Überblick",
        "{Kp}: das Wichtigste",
        "{Kp}: gut zu wissen",
    ],
    detail_headings: &[
        "Merkmale und Details",
        "Produktdetails",
        "Die wichtigsten Fakten",
        "Wissenswertes",
        "Details, die zählen",
        "Technische Daten",
    ],
    use_headings: &[
        "Gebrauch und Pflege",
        "Im Alltag und in der Pflege",
        "Tipps zu Gebrauch und Pflege",
        "Damit es lange hält",
        "Im Alltag",
        "Einfache Pflege",
    ],
    wrap_ups: &[
        "Kurz gesagt: ein Kauf, den Sie immer wieder nutzen.",
        "Deshalb kommen viele Kunden gern wieder.",
        "Letztlich bekommen Sie mehr, als Sie erwarten.",
        "Mit anderen Worten: ein kleiner Kauf mit großer Wirkung.",
        "So wird jeder Tag ein wenig leichter.",
        "Kurz gesagt: ehrliche, schlichte Qualität.",
        "Zusammenfassend: alles, was Sie brauchen, und nichts zu viel.",
    ],
    connectors: &[
        "Außerdem gilt: {s}",
        "Dazu kommt: {s}",
        "Zudem gilt: {s}",
        "Übrigens: {s}",
        "Und auch das zählt: {s}",
        "Dabei gilt: {s}",
        "Ebenso wichtig: {s}",
        "Darüber hinaus gilt: {s}",
    ],
    lowercase_after_connector: false,
    keep_capitalized: &[],
    title_tails: &[
        "{C} online kaufen",
        "{C} online",
        "{C} im Shop",
        "{C} bestellen",
    ],
    meta_openers: &[
        "{Kp} aus unserer Kategorie „{category}“.",
        "Für Ihren Alltag: {kp}.",
        "{Kp}: Qualität für jeden Tag.",
        "Unser Tipp aus der Kategorie „{category}“: {kp}.",
        "{Kp}: praktisches Design für den Alltag.",
        "Neu im Shop: {kp}.",
    ],
    meta_closers: &[
        "Komfort für jeden Tag.",
        "Ein kluger Kauf.",
        "Qualität, die hält.",
        "Einfach im Gebrauch, leicht zu pflegen.",
        "Fairer Preis und viele Jahre Freude.",
        "Ein Liebling unserer Kunden.",
    ],
    facts: Facts {
        colors: &[
            "Farben zur Wahl: {list}, damit Sie den Ton finden, der Ihnen gefällt.",
            "Sie haben die Wahl zwischen {list}, so gibt es für jeden Geschmack eine Farbe.",
            "Wählen Sie je nach Stil: {list}.",
            "Es gibt mehrere Farben: {list}, daher finden Sie leicht Ihren Favoriten.",
        ],
        choose: &[
            "Wählen Sie vor der Bestellung auf dieser Seite: {list}.",
            "Bevor Sie bestellen, wählen Sie, was Ihnen passt: {list}.",
            "Bei der Bestellung wählen Sie nur noch: {list}.",
            "Damit alles passt, wählen Sie zuerst auf dieser Seite: {list}.",
        ],
        sale: &[
            "Jetzt {pct}\u{a0}% günstiger: ein guter Moment zum Kaufen.",
            "Im Moment sparen Sie {pct}\u{a0}%, also lassen Sie sich das nicht entgehen.",
            "Heute zahlen Sie {pct}\u{a0}% weniger als sonst, also warten Sie nicht zu lange.",
        ],
        attribute_choice: "{name}: zur Wahl stehen {list}",
        attribute: "{name}: {list}",
        weight: "Gewicht: {value}",
        package: "Größe des Pakets: {value}",
        package_bullet: "Paketmaße: {value}",
        meta_colors: "Farben: {list}.",
        short_colors: "Farben: {list}.",
        meta_fill: &["Schneller Versand und einfache Rückgabe.", "Jetzt bestellen."],
        alt_main: "{Kp}, Vorderansicht",
        alt_color: "{Kp} in {color}",
        alt_detail: "{Kp}, Detailansicht {n}",
        color_names: &["farbe", "farben"],
    },
    and: "und",
    article: "",
    pronoun: "dieses Produkt",
    pronoun_subject: false,
    lowercase_data: false,
    decimal: ',',
    space_before: "",
};
