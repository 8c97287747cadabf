//! The offline writer's Dutch (je, as most Dutch and Flemish webshops address customers).
//!
//! proseo's own copy. **Agreement**: the writer does not know whether a product's noun takes
//! `de` or `het`, or its number (`Sokken van merinowol` is plural, `Leren riem` a `de` word),
//! so the keyphrase only stands where Dutch needs no article and nothing agrees with it:
//! before or after a colon, as a title (`{Kp}: de voordelen`). Everything said *about* the
//! product is said about `dit product` (a `het` word, singular), the materials, the details or
//! the customer. Past the density budget the keyphrase becomes `dit product`.
//!
//! Dutch puts the verb second, so a connector cannot simply go in front of a sentence
//! (`Bovendien, het materiaal …` is wrong): connectors end in a colon (`Bovendien: het
//! materiaal …`). Short, active sentences (no `worden`/`zijn` + participle).

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "sokken",
            "schoenen",
            "laarzen",
            "sneakers",
            "sandalen",
            "pantoffels",
        ],
    ),
    (
        Family::Accessories,
        &[
            "accessoires",
            "tas",
            "tassen",
            "rugzak",
            "riem",
            "riemen",
            "muts",
            "pet",
            "sjaal",
            "zonnebril",
            "portemonnee",
            "handschoenen",
        ],
    ),
    (
        Family::Apparel,
        &[
            "kleding", "hoodie", "trui", "truien", "shirt", "t-shirt", "overhemd", "blouse", "jas",
            "jurk", "broek", "rok",
        ],
    ),
    (
        Family::Home,
        &[
            "wonen", "keuken", "mok", "kop", "lamp", "kussen", "plaid", "deken", "vaas", "kaars",
            "textiel",
        ],
    ),
    (
        Family::Electronics,
        &[
            "elektronica",
            "koptelefoon",
            "oordopjes",
            "oplader",
            "kabel",
            "speaker",
            "toetsenbord",
            "muis",
            "audio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "verzorging",
            "crème",
            "gezicht",
            "serum",
            "shampoo",
            "zeep",
            "parfum",
        ],
    ),
];

/// Pools that fit any product: the Dutch book does not tailor benefits to a family yet (only
/// the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "producten",
    title_noun: "Kwaliteit voor elke dag",
    intro: &[
        "Dit product combineert een eenvoudig design met goede materialen.",
        "We controleren elk stuk voordat het in onze winkel komt.",
        "Het strakke design past bij je stijl en bij je dag.",
        "Al op de eerste dag zie je het verschil in de details.",
        "De materialen kunnen veel hebben, week na week.",
        "Praktische details maken je dag net wat makkelijker.",
        "We denken aan je dagelijkse leven, daarom kiezen we voor eenvoudige kwaliteit.",
        "Je gebruikt dit product thuis, op je werk en op reis.",
        "De nette afwerking zie je en voel je ook.",
    ],
    benefits: &[
        "De materialen zijn stevig, dus ze gaan lang mee.",
        "Dit product vraagt weinig onderhoud en blijft er goed uitzien.",
        "Een aankoop die je elke dag merkt: {kp}.",
        "Kwaliteit en een eerlijke prijs in één: {kp}.",
        "Dit product neemt ook weinig ruimte in.",
        "Het gebruik is vanaf de eerste dag eenvoudig, zonder lange handleiding.",
        "Elk detail heeft een reden, want we houden van mooi en praktisch.",
        "Een veilige keuze voor elke dag: {kp}.",
        "De prijs is eerlijk voor de kwaliteit die je krijgt.",
        "Zoek je iets moois en stevigs? Dan is dit onze tip: {kp}.",
        "De strakke lijnen houden het bij de kern, zonder overbodige franje.",
    ],
    details: &[
        "Je gebruikt dit product bijvoorbeeld elke dag, zonder zorgen over slijtage.",
        "Dit product is bijvoorbeeld ook een mooi cadeau voor een verjaardag.",
        "Thuis of op reis doet dit product bijvoorbeeld altijd wat het moet doen.",
        "Dit product past bijvoorbeeld goed bij andere stukken uit onze winkel.",
        "Hou je van orde en kwaliteit? Dan vind je hier bijvoorbeeld precies dat.",
        "Denk bijvoorbeeld aan een drukke ochtend: alles gaat dan net wat makkelijker.",
    ],
    usage: &[
        "Voor thuis, voor op kantoor of voor op reis: {kp}.",
        "In je dagelijkse leven vindt dit product snel een vaste plek.",
        "Voor elke dag en ook voor speciale momenten: {kp}.",
        "Elke dag vind je een goede reden om dit product te gebruiken.",
        "Thuis en onderweg maakt dit product het leven wat makkelijker.",
        "Om cadeau te geven of om zelf van te genieten: {kp}.",
    ],
    care: &[
        "Voor het onderhoud is een zachte doek met wat water genoeg.",
        "Bewaar dit product op een droge plek, dan gaat het jaren mee.",
        "Volg de tips op het etiket, dan gaat dit product nog langer mee.",
        "Met weinig onderhoud blijft alles er mooi uitzien.",
        "Met een beetje zorg blijft alles zoals op de eerste dag.",
    ],
    list_items: &[
        "Eenvoudig en praktisch design",
        "Goede materialen",
        "Vanaf dag één eenvoudig in gebruik",
        "Makkelijk onderhoud",
        "Nette afwerking",
        "Goede prijs-kwaliteitverhouding",
        "Een mooi cadeau-idee",
        "Lange levensduur",
        "Neemt weinig ruimte in",
    ],
    short: &[
        "{Kp}: kwaliteit voor elke dag, met een design dat overal bij past.",
        "Onze tip voor je dagelijkse leven: {kp}, met goede kwaliteit en een eenvoudig design.",
        "{Kp} uit onze collectie {category}: een strak design en materialen die lang meegaan.",
        "Kwaliteit, design en een eerlijke prijs in één: {kp}.",
        "{Kp}: een makkelijke keuze waar je lang plezier van hebt.",
    ],
    meta: &[
        "Kwaliteit en een eenvoudig design.",
        "Materialen die lang meegaan.",
        "Makkelijk onderhoud en een eerlijke prijs.",
        "Een aankoop voor elke dag.",
        "Praktisch en mooi.",
    ],
    bullets: &[
        "Goede materialen voor elke dag",
        "Eenvoudig design dat overal bij past",
        "Snel en makkelijk onderhoud",
        "Goede prijs-kwaliteitverhouding",
        "Nette afwerking tot in elk detail",
        "Een mooi cadeau-idee",
        "Lange levensduur",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: de makkelijke keuze voor elke dag uit onze collectie {category}.",
        "Zoek je iets voor elke dag? Ons antwoord: {kp}.",
        "Een van de toppers uit onze collectie {category}: {kp}.",
        "Vandaag laten we je een stuk uit onze collectie {category} zien: {kp}.",
        "{Kp}: een favoriet uit onze collectie {category}, voor elke dag.",
        "Voor je dagelijkse leven, uit onze collectie {category}: {kp}.",
    ],
    closers: &[
        "Je volgende favoriet: {kp}. Bestel vandaag nog.",
        "Leg dit product in je winkelmandje en merk het verschil.",
        "Bestel vandaag en ontdek waarom onze klanten terugkomen.",
        "Bestel vandaag, dan is je pakket er binnen een paar dagen.",
        "Trakteer jezelf vandaag: je verdient het.",
        "Waar wacht je nog op? Leg dit product meteen in je winkelmandje.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: een betrouwbare keuze uit onze collectie {category}.",
        "Praktisch design en blijvende kwaliteit: {kp}.",
        "Een solide keuze voor dagelijks gebruik: {kp}.",
        "In onze collectie {category} een maatstaf voor kwaliteit: {kp}.",
        "{Kp}: constante kwaliteit voor een eerlijke prijs.",
        "Ingetogen elegantie voor je collectie: {kp}.",
    ],
    closers: &[
        "Een betrouwbare keuze voor vele jaren.",
        "Kwaliteit waar je op kunt rekenen.",
        "Snelle levering en persoonlijke service bij elke bestelling.",
        "Een zekere waarde die lang meegaat.",
        "Een verstandige investering in blijvende kwaliteit.",
        "Bestel vandaag, dan is je pakket er binnen een paar dagen.",
    ],
};

/// proseo's Dutch phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::Nl,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "kleding",
            title_noun: "Comfortabele kleding",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "accessoires",
            title_noun: "Accessoires",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "schoenen",
            title_noun: "Schoenen",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "wonen",
            title_noun: "Wonen",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "elektronica",
            title_noun: "Elektronica",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "verzorging",
            title_noun: "Verzorging",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Een mooi cadeau voor vrienden en familie: {kp}. We pakken elke bestelling met zorg in.",
        "Heb je een vraag? Ons team helpt je graag voor en na je aankoop.",
        "We controleren elke bestelling voor verzending, zodat alles meteen klaar is voor gebruik.",
        "Twijfel je nog? Dankzij makkelijk retourneren heb je thuis de tijd om te kiezen.",
        "Ons team antwoordt snel, dus je hoeft nooit lang te wachten.",
        "We verzenden snel, dus je pakket is er binnen een paar dagen.",
        "Veel klanten komen terug, en dat zegt veel.",
        "Voor jezelf of als cadeau: {kp}, een keuze waar je lang plezier van hebt.",
    ],
    why_headings: &[
        "{Kp}: onze redenen",
        "{Kp} in het kort",
        "{Kp}: de voordelen",
        "{Kp} in één oogopslag",
        "{Kp}: het belangrijkste",
        "{Kp}: goed om te weten",
    ],
    detail_headings: &[
        "Kenmerken en details",
        "Productdetails",
        "De belangrijkste feiten",
        "Goed om te weten",
        "Details die tellen",
        "Specificaties",
    ],
    use_headings: &[
        "Gebruik en onderhoud",
        "Dagelijks gebruik en onderhoud",
        "Tips voor gebruik en onderhoud",
        "Zo gaat het lang mee",
        "In het dagelijks leven",
        "Eenvoudig onderhoud",
    ],
    wrap_ups: &[
        "Kortom: een aankoop die je steeds weer gebruikt.",
        "Daarom komen veel klanten graag terug.",
        "Uiteindelijk krijg je meer dan je verwacht.",
        "Met andere woorden: een kleine aankoop met een groot verschil.",
        "Zo wordt elke dag net iets makkelijker.",
        "Kortom: eerlijke, eenvoudige kwaliteit.",
        "Samenvattend: alles wat je nodig hebt, en niets te veel.",
    ],
    connectors: &[
        "Bovendien: {s}",
        "Daarnaast: {s}",
        "Ook fijn: {s}",
        "Overigens: {s}",
        "En vooral: {s}",
        "Daarbij geldt: {s}",
        "Ook belangrijk: {s}",
        "Zelfs dit telt: {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &[],
    title_tails: &[
        "{C} online kopen",
        "{C} online",
        "{C} in onze webshop",
        "{C} bestellen",
    ],
    meta_openers: &[
        "{Kp} uit onze collectie {category}.",
        "Voor je dagelijkse leven: {kp}.",
        "{Kp}: kwaliteit voor elke dag.",
        "Onze tip uit de collectie {category}: {kp}.",
        "{Kp}: praktisch design voor elke dag.",
        "Nieuw in de webshop: {kp}.",
    ],
    meta_closers: &[
        "Comfort voor elke dag.",
        "Een slimme aankoop.",
        "Kwaliteit die blijft.",
        "Makkelijk in gebruik en onderhoud.",
        "Jaren plezier voor je geld.",
        "Een favoriet van onze klanten.",
    ],
    facts: Facts {
        colors: &[
            "Kleuren om uit te kiezen: {list}, zodat je de tint vindt die je mooi vindt.",
            "Je kiest uit {list}, dus er is een kleur voor elke smaak.",
            "Kies wat bij je stijl past: {list}.",
            "Er zijn meerdere kleuren: {list}, dus je vindt snel je favoriet.",
        ],
        choose: &[
            "Kies voor je bestelt op deze pagina: {list}.",
            "Voor je aankoop kies je wat bij je past: {list}.",
            "Bij je bestelling kies je alleen nog: {list}.",
            "Zodat alles klopt, kies je eerst op deze pagina: {list}.",
        ],
        sale: &[
            "Nu {pct}% korting: een goed moment om te kopen.",
            "Op dit moment bespaar je {pct}%, dus laat deze kans niet liggen.",
            "Vandaag betaal je {pct}% minder dan normaal, dus wacht niet te lang.",
        ],
        attribute_choice: "{name}: kies uit {list}",
        attribute: "{name}: {list}",
        weight: "Gewicht: {value}",
        package: "Formaat van het pakket: {value}",
        package_bullet: "Afmetingen van het pakket: {value}",
        meta_colors: "Kleuren: {list}.",
        short_colors: "Kleuren: {list}.",
        meta_fill: &[
            "Snelle levering en makkelijk retourneren.",
            "Bestel vandaag.",
        ],
        alt_main: "{Kp}, vooraanzicht",
        alt_color: "{Kp} in {color}",
        alt_detail: "{Kp}, detail {n}",
        color_names: &["kleur", "kleuren"],
    },
    and: "en",
    article: "",
    pronoun: "dit product",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: "",
};
