//! The offline writer's Italian (tu, as most Italian shops address their customers).
//!
//! proseo's own copy. **Agreement**: the writer does not know the gender or number of a
//! product's noun (`Calze in lana merino` is feminine plural, `Zaino in tela` masculine
//! singular, and takes `lo`), so the keyphrase only stands where Italian needs no article and
//! nothing agrees with it: before or after a colon, as a title (`{Kp}: i vantaggi`).
//! Everything said *about* the product is said about `questo articolo` (masculine singular),
//! the materials, the details or the customer. Past the density budget the keyphrase becomes
//! `questo articolo`. Short, active sentences (no `essere`/`venire` + participle).

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "calze",
            "calzini",
            "scarpe",
            "stivali",
            "sneakers",
            "sandali",
            "pantofole",
        ],
    ),
    (
        Family::Accessories,
        &[
            "accessori",
            "borsa",
            "borse",
            "zaino",
            "cintura",
            "cinture",
            "cappello",
            "berretto",
            "sciarpa",
            "occhiali",
            "portafoglio",
            "guanti",
        ],
    ),
    (
        Family::Apparel,
        &[
            "abbigliamento",
            "felpa",
            "felpe",
            "maglione",
            "camicia",
            "maglietta",
            "giacca",
            "vestito",
            "pantaloni",
            "jeans",
            "cappotto",
            "gonna",
        ],
    ),
    (
        Family::Home,
        &[
            "casa", "cucina", "tazza", "lampada", "cuscino", "coperta", "vaso", "candela",
            "tessili",
        ],
    ),
    (
        Family::Electronics,
        &[
            "elettronica",
            "cuffie",
            "auricolari",
            "caricatore",
            "cavo",
            "altoparlante",
            "tastiera",
            "mouse",
            "audio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "bellezza", "crema", "viso", "siero", "shampoo", "sapone", "profumo",
        ],
    ),
];

/// Pools that fit any product: the Italian book does not tailor benefits to a family yet
/// (only the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "prodotti",
    title_noun: "Qualità per ogni giorno",
    intro: &[
        "Questo articolo unisce un design semplice e buoni materiali.",
        "Controlliamo ogni pezzo prima che arrivi nel nostro negozio.",
        "Il design pulito si abbina al tuo stile e alla tua giornata.",
        "Fin dal primo giorno noterai la differenza nei dettagli.",
        "I materiali resistono bene all'uso di ogni giorno, settimana dopo settimana.",
        "I dettagli pratici ti semplificano la giornata.",
        "Pensiamo alla tua giornata, quindi puntiamo su una qualità semplice.",
        "Userai questo articolo a casa, al lavoro e in viaggio.",
        "Le finiture curate si vedono e si sentono al tatto.",
    ],
    benefits: &[
        "I materiali sono robusti, quindi reggono bene l'uso di ogni giorno.",
        "Questo articolo chiede poca cura e resta bello a lungo.",
        "Un acquisto che senti ogni giorno: {kp}.",
        "Qualità e prezzo giusto insieme: {kp}.",
        "Questo articolo occupa anche poco spazio in casa.",
        "L'uso resta semplice fin dal primo giorno, senza lunghe istruzioni.",
        "Ogni dettaglio ha un senso, perché amiamo il bello e il pratico.",
        "Una scelta sicura per ogni giorno: {kp}.",
        "Il prezzo è giusto per la qualità che ricevi.",
        "Se cerchi qualcosa di bello e solido, ecco il nostro consiglio: {kp}.",
        "Le linee pulite vanno all'essenziale, senza nulla di troppo.",
    ],
    details: &[
        "Per esempio, puoi usare questo articolo ogni giorno senza pensare all'usura.",
        "Per esempio, questo articolo è anche un bel regalo di compleanno.",
        "Per esempio, a casa o in viaggio, questo articolo fa sempre la sua parte.",
        "Per esempio, questo articolo sta bene con altri pezzi del nostro negozio.",
        "Per esempio, se ami l'ordine e la qualità, qui trovi proprio questo.",
        "Per esempio, pensa alle mattine di corsa: tutto diventa più facile.",
    ],
    usage: &[
        "Per la casa, per l'ufficio o per il viaggio: {kp}.",
        "Nella tua giornata, questo articolo trova subito il suo posto.",
        "Per ogni giorno e anche per le occasioni speciali: {kp}.",
        "Ogni giorno troverai un buon motivo per usare questo articolo.",
        "A casa come fuori, questo articolo ti semplifica la vita.",
        "Da regalare o per concederti un piccolo lusso: {kp}.",
    ],
    care: &[
        "Per la cura basta un panno morbido con un po' d'acqua.",
        "Riponi questo articolo in un luogo asciutto, e durerà molti anni.",
        "Segui le indicazioni dell'etichetta, e questo articolo durerà ancora di più.",
        "Una cura semplice basta per mantenere un bell'aspetto.",
        "Con un po' di attenzione, tutto resta come il primo giorno.",
    ],
    list_items: &[
        "Design semplice e pratico",
        "Materiali di qualità",
        "Uso semplice fin dal primo giorno",
        "Cura facile",
        "Finiture curate",
        "Buon rapporto qualità-prezzo",
        "Una bella idea regalo",
        "Lunga durata",
        "Occupa poco spazio",
    ],
    short: &[
        "{Kp}: qualità per ogni giorno, con un design che si abbina a tutto.",
        "Il nostro consiglio per la tua giornata: {kp}, con buona qualità e un design semplice.",
        "{Kp}, dalla nostra linea {category}: un design pulito e materiali che durano.",
        "Qualità, design e prezzo giusto insieme: {kp}.",
        "{Kp}: una scelta facile che ti darà gioia a lungo.",
    ],
    meta: &[
        "Qualità e design semplice.",
        "Materiali che durano.",
        "Cura facile e prezzo giusto.",
        "Un acquisto per ogni giorno.",
        "Un design pratico e bello.",
    ],
    bullets: &[
        "Materiali di qualità per ogni giorno",
        "Design semplice che si abbina a tutto",
        "Cura facile e veloce",
        "Buon rapporto qualità-prezzo",
        "Finiture curate in ogni dettaglio",
        "Una bella idea regalo",
        "Lunga durata nel tempo",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: la scelta facile di ogni giorno dalla nostra linea {category}.",
        "Cerchi qualcosa da usare ogni giorno? La nostra risposta: {kp}.",
        "Una delle stelle della nostra linea {category}: {kp}.",
        "Oggi ti presentiamo un pezzo della nostra linea {category}: {kp}.",
        "{Kp}: un preferito della nostra linea {category}, per tutti i giorni.",
        "Per la tua giornata, dalla nostra linea {category}: {kp}.",
    ],
    closers: &[
        "Il tuo prossimo acquisto del cuore: {kp}. Ordina oggi stesso.",
        "Aggiungi questo articolo al carrello e senti la differenza.",
        "Ordina oggi e scopri perché i nostri clienti tornano.",
        "Ordina oggi, e il tuo pacco arriva in pochi giorni.",
        "Concediti qualcosa di bello oggi: te lo meriti.",
        "Che cosa aspetti? Aggiungi subito questo articolo al carrello.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: una scelta affidabile dalla nostra linea {category}.",
        "Design pratico e qualità duratura: {kp}.",
        "Una scelta solida per l'uso quotidiano: {kp}.",
        "Nella nostra linea {category}, un punto di riferimento per la qualità: {kp}.",
        "{Kp}: qualità costante a un prezzo giusto.",
        "Eleganza discreta per la tua collezione: {kp}.",
    ],
    closers: &[
        "Una scelta affidabile per molti anni.",
        "Una qualità su cui puoi contare.",
        "Spedizione rapida e assistenza attenta per ogni ordine.",
        "Un valore sicuro che dura nel tempo.",
        "Un investimento sensato in una qualità duratura.",
        "Ordina oggi, e il tuo pacco arriva in pochi giorni.",
    ],
};

/// proseo's Italian phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::It,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "abbigliamento",
            title_noun: "Abbigliamento comodo",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "accessori",
            title_noun: "Accessori",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "calzature",
            title_noun: "Calzature",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "casa",
            title_noun: "Casa",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "elettronica",
            title_noun: "Elettronica",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "bellezza",
            title_noun: "Bellezza",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Un bel regalo per amici e familiari: {kp}. Inoltre, prepariamo ogni ordine con cura.",
        "Se hai una domanda, il nostro team ti aiuta prima e dopo l'acquisto.",
        "Controlliamo ogni ordine prima della spedizione, così tutto arriva pronto all'uso.",
        "Non hai ancora deciso? Con i resi facili hai tutto il tempo per scegliere a casa.",
        "Il nostro team risponde in fretta, quindi non resti mai ad aspettare.",
        "Spediamo in fretta, quindi il tuo pacco arriva in pochi giorni.",
        "Tanti clienti tornano da noi, e questo dice molto.",
        "Per te o da regalare: {kp}, una scelta che ti darà gioia a lungo.",
    ],
    why_headings: &[
        "{Kp}: i nostri motivi",
        "{Kp} in breve",
        "{Kp}: i vantaggi",
        "{Kp} a colpo d'occhio",
        "{Kp}: l'essenziale",
        "{Kp}: cosa sapere",
    ],
    detail_headings: &[
        "Caratteristiche e dettagli",
        "Dettagli del prodotto",
        "I dati principali",
        "Da sapere",
        "I dettagli che contano",
        "Scheda tecnica",
    ],
    use_headings: &[
        "Uso e cura",
        "Uso quotidiano e cura",
        "Consigli per uso e cura",
        "Per una lunga durata",
        "Nella vita di ogni giorno",
        "Una cura semplice",
    ],
    wrap_ups: &[
        "In breve, un acquisto che userai ancora e ancora.",
        "Per questo tanti clienti tornano da noi.",
        "Insomma, ricevi più di quanto ti aspetti.",
        "In altre parole, un piccolo acquisto che fa una grande differenza.",
        "Così ogni giornata diventa un po' più facile.",
        "In sintesi: una qualità semplice e onesta.",
        "In conclusione, tutto ciò che ti serve e niente di troppo.",
    ],
    connectors: &[
        "Inoltre, {s}",
        "Infatti, {s}",
        "In effetti, {s}",
        "Del resto, {s}",
        "Oltretutto, {s}",
        "Soprattutto, {s}",
        "In particolare, {s}",
        "In generale, {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &[],
    title_tails: &[
        "{C} online",
        "Acquista {C} online",
        "{C} nel nostro negozio",
        "Ordina {C} online",
    ],
    meta_openers: &[
        "{Kp}, dalla nostra linea {category}.",
        "Per la tua giornata: {kp}.",
        "{Kp}: qualità per ogni giorno.",
        "Il nostro consiglio dalla linea {category}: {kp}.",
        "{Kp}: un design pratico per la vita di tutti i giorni.",
        "Novità nel negozio: {kp}.",
    ],
    meta_closers: &[
        "Comodità per ogni giorno.",
        "Un acquisto intelligente.",
        "Una qualità che dura.",
        "Facile da usare e da curare.",
        "Prezzo giusto e anni di utilizzo.",
        "Un preferito dei nostri clienti.",
    ],
    facts: Facts {
        colors: &[
            "Colori disponibili: {list}, per scegliere la tonalità che ti piace di più.",
            "Puoi scegliere tra {list}, così c'è un colore per ogni gusto.",
            "Scegli in base al tuo stile: {list}.",
            "Ci sono diversi colori: {list}, quindi troverai presto il tuo preferito.",
        ],
        choose: &[
            "Prima di ordinare, scegli su questa pagina: {list}.",
            "Prima dell'acquisto, seleziona quello che preferisci: {list}.",
            "Quando ordini, devi solo scegliere: {list}.",
            "Per non sbagliare, scegli prima su questa pagina: {list}.",
        ],
        sale: &[
            "Adesso con il {pct}\u{a0}% di sconto: un buon momento per comprare.",
            "In questo momento risparmi il {pct}\u{a0}%, quindi non lasciarti sfuggire l'occasione.",
            "Oggi paghi il {pct}\u{a0}% in meno del solito, quindi non aspettare troppo.",
        ],
        attribute_choice: "{name}: a scelta tra {list}",
        attribute: "{name}: {list}",
        weight: "Peso: {value}",
        package: "Dimensioni del pacco: {value}",
        package_bullet: "Misure del pacco: {value}",
        meta_colors: "Colori: {list}.",
        short_colors: "Colori: {list}.",
        meta_fill: &["Spedizione rapida e resi facili.", "Ordina oggi."],
        alt_main: "{Kp}, vista frontale",
        alt_color: "{Kp}, colore {color}",
        alt_detail: "{Kp}, dettaglio {n}",
        color_names: &["colore", "colori"],
    },
    and: "e",
    article: "",
    pronoun: "questo articolo",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: "",
};
