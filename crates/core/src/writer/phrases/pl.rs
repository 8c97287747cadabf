//! The offline writer's Polish (ty, as most Polish shops address their customers).
//!
//! proseo's own copy. **Agreement and case**: the writer does not know the gender, number
//! or declension of a product's noun (`Skarpety z wełny merino` is plural, `Bluza z
//! kapturem` feminine and `bluzę` in the accusative), so the keyphrase only stands in the
//! nominative, where nothing agrees with it: before or after a colon, as a title
//! (`{Kp}: zalety`). Everything said *about* the product is said about `ten produkt`
//! (masculine inanimate, the same in nominative and accusative), the materials, the details or
//! the customer, and verbs addressed to the customer avoid gendered past forms. Past the
//! density budget the keyphrase becomes `ten produkt`. Short, active sentences (no
//! `być`/`zostać` + passive participle).

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "skarpety",
            "skarpetki",
            "buty",
            "kozaki",
            "sandały",
            "kapcie",
            "obuwie",
        ],
    ),
    (
        Family::Accessories,
        &[
            "akcesoria",
            "torba",
            "torby",
            "plecak",
            "pasek",
            "paski",
            "czapka",
            "szalik",
            "okulary",
            "portfel",
            "rękawiczki",
        ],
    ),
    (
        Family::Apparel,
        &[
            "odzież",
            "ubrania",
            "bluza",
            "bluzy",
            "sweter",
            "koszula",
            "koszulka",
            "kurtka",
            "sukienka",
            "spodnie",
            "płaszcz",
            "spódnica",
        ],
    ),
    (
        Family::Home,
        &[
            "dom",
            "kuchnia",
            "kubek",
            "lampa",
            "poduszka",
            "koc",
            "wazon",
            "świeca",
            "tekstylia",
        ],
    ),
    (
        Family::Electronics,
        &[
            "elektronika",
            "słuchawki",
            "ładowarka",
            "kabel",
            "głośnik",
            "klawiatura",
            "mysz",
            "audio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "uroda",
            "krem",
            "pielęgnacja",
            "serum",
            "szampon",
            "mydło",
            "perfumy",
        ],
    ),
];

/// Pools that fit any product: the Polish book does not tailor benefits to a family yet (only
/// the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "produkty",
    title_noun: "Jakość na co dzień",
    intro: &[
        "Ten produkt łączy prosty wygląd z dobrymi materiałami.",
        "Sprawdzamy każdą sztukę, zanim trafi do naszego sklepu.",
        "Prosty styl pasuje do Twojego gustu i do Twojego dnia.",
        "Już pierwszego dnia zobaczysz różnicę w szczegółach.",
        "Materiały dobrze znoszą codzienne użycie, tydzień po tygodniu.",
        "Praktyczne szczegóły ułatwiają Ci każdy dzień.",
        "Myślimy o Twoim dniu, dlatego stawiamy na prostą jakość.",
        "Ten produkt przyda Ci się w domu, w pracy i w podróży.",
        "Staranne wykończenie widać gołym okiem i czuć pod palcami.",
    ],
    benefits: &[
        "Materiały są mocne, więc dobrze znoszą każdy dzień.",
        "Ten produkt wymaga mało pielęgnacji i długo dobrze wygląda.",
        "Zakup, który czujesz każdego dnia: {kp}.",
        "Jakość i uczciwa cena w jednym: {kp}.",
        "Ten produkt zajmuje też mało miejsca w domu.",
        "Obsługa jest prosta od pierwszego dnia, bez długiej instrukcji.",
        "Każdy szczegół ma sens, bo lubimy to, co ładne i praktyczne.",
        "Pewny wybór na każdy dzień: {kp}.",
        "Cena jest uczciwa za jakość, którą dostajesz.",
        "Szukasz czegoś ładnego i solidnego? Oto nasza rada: {kp}.",
        "Proste linie skupiają się na tym, co ważne, bez zbędnych ozdób.",
    ],
    details: &[
        "Na przykład możesz używać tego produktu codziennie, bez obaw o zużycie.",
        "Na przykład ten produkt to także dobry pomysł na prezent urodzinowy.",
        "Na przykład w domu i w podróży ten produkt zawsze się sprawdza.",
        "Na przykład ten produkt dobrze pasuje do innych rzeczy z naszego sklepu.",
        "Na przykład, jeśli lubisz porządek i jakość, tutaj znajdziesz właśnie to.",
        "Pomyśl na przykład o porankach w biegu: wszystko idzie łatwiej.",
    ],
    usage: &[
        "Do domu, do biura albo w podróż: {kp}.",
        "W Twoim dniu ten produkt szybko znajdzie swoje miejsce.",
        "Na co dzień i także na wyjątkowe okazje: {kp}.",
        "Każdego dnia znajdziesz dobry powód, aby sięgnąć po ten produkt.",
        "W domu i poza nim ten produkt ułatwia życie.",
        "Na prezent albo dla siebie: {kp}.",
    ],
    care: &[
        "Do pielęgnacji wystarczy miękka ściereczka i trochę wody.",
        "Trzymaj ten produkt w suchym miejscu, a posłuży Ci wiele lat.",
        "Stosuj wskazówki z metki, a ten produkt posłuży Ci jeszcze dłużej.",
        "Prosta pielęgnacja wystarczy, aby wszystko dobrze wyglądało.",
        "Przy odrobinie uwagi wszystko wygląda jak pierwszego dnia.",
    ],
    list_items: &[
        "Prosty i praktyczny wygląd",
        "Dobre materiały",
        "Łatwa obsługa od pierwszego dnia",
        "Łatwa pielęgnacja",
        "Staranne wykończenie",
        "Dobry stosunek jakości do ceny",
        "Dobry pomysł na prezent",
        "Długa żywotność",
        "Zajmuje mało miejsca",
    ],
    short: &[
        "{Kp}: jakość na co dzień i wygląd, który pasuje do wszystkiego.",
        "Nasza rada na co dzień: {kp}, czyli dobra jakość i prosty wygląd.",
        "{Kp} z działu „{category}”: prosty wygląd i materiały na lata.",
        "Jakość, wygląd i uczciwa cena w jednym: {kp}.",
        "{Kp}: prosty wybór, który cieszy przez długi czas.",
    ],
    meta: &[
        "Jakość i prosty wygląd.",
        "Materiały na lata.",
        "Łatwa pielęgnacja i uczciwa cena.",
        "Zakup na każdy dzień.",
        "Praktyczny i ładny wygląd.",
    ],
    bullets: &[
        "Dobre materiały na każdy dzień",
        "Prosty wygląd, który pasuje do wszystkiego",
        "Łatwa i szybka pielęgnacja",
        "Dobry stosunek jakości do ceny",
        "Staranne wykończenie w każdym detalu",
        "Dobry pomysł na prezent",
        "Długa żywotność",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: prosty wybór na co dzień z działu „{category}”.",
        "Szukasz czegoś na każdy dzień? Nasza odpowiedź: {kp}.",
        "Jedna z gwiazd działu „{category}”: {kp}.",
        "Dziś pokazujemy Ci rzecz z działu „{category}”: {kp}.",
        "{Kp}: ulubieniec z działu „{category}”, na każdy dzień.",
        "Na Twój dzień, z działu „{category}”: {kp}.",
    ],
    closers: &[
        "Twój następny ulubiony zakup: {kp}. Zamów już dziś.",
        "Dodaj ten produkt do koszyka i poczuj różnicę.",
        "Zamów dziś i zobacz, dlaczego nasi klienci wracają.",
        "Zamów dziś, a paczka dotrze do Ciebie w kilka dni.",
        "Sprawi Ci to radość: zamów już dziś.",
        "Na co czekasz? Dodaj ten produkt do koszyka już teraz.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: pewny wybór z działu „{category}”.",
        "Praktyczny wygląd i trwała jakość: {kp}.",
        "Solidny wybór do codziennego użytku: {kp}.",
        "W dziale „{category}” wzór jakości: {kp}.",
        "{Kp}: stała jakość w uczciwej cenie.",
        "Dyskretna elegancja do Twojej kolekcji: {kp}.",
    ],
    closers: &[
        "Pewny wybór na wiele lat.",
        "Jakość, na której można polegać.",
        "Szybka wysyłka i uważna obsługa przy każdym zamówieniu.",
        "Pewna wartość na lata.",
        "Rozsądna inwestycja w trwałą jakość.",
        "Zamów dziś, a paczka dotrze do Ciebie w kilka dni.",
    ],
};

/// proseo's Polish phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::Pl,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "odzież",
            title_noun: "Wygodna odzież",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "akcesoria",
            title_noun: "Akcesoria",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "obuwie",
            title_noun: "Obuwie",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "dom",
            title_noun: "Dom",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "elektronika",
            title_noun: "Elektronika",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "uroda",
            title_noun: "Uroda",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Dobry prezent dla przyjaciół i rodziny: {kp}. Każde zamówienie pakujemy z troską.",
        "Jeśli masz pytanie, nasz zespół pomoże Ci przed zakupem i po nim.",
        "Sprawdzamy każde zamówienie przed wysyłką, więc wszystko dociera gotowe do użycia.",
        "Wciąż się wahasz? Dzięki łatwym zwrotom masz czas na decyzję w domu.",
        "Nasz zespół odpowiada szybko, więc nigdy nie czekasz długo.",
        "Wysyłamy szybko, dlatego paczka dotrze do Ciebie w kilka dni.",
        "Wielu klientów do nas wraca, a to mówi wiele.",
        "Dla siebie albo na prezent: {kp}, wybór, który cieszy przez długi czas.",
    ],
    why_headings: &[
        "{Kp}: nasze powody",
        "{Kp} w skrócie",
        "{Kp}: zalety",
        "{Kp} w pigułce",
        "{Kp}: najważniejsze",
        "{Kp}: warto wiedzieć",
    ],
    detail_headings: &[
        "Cechy i szczegóły",
        "Szczegóły produktu",
        "Najważniejsze fakty",
        "Dobrze wiedzieć",
        "Szczegóły, które się liczą",
        "Dane techniczne",
    ],
    use_headings: &[
        "Użytkowanie i pielęgnacja",
        "Na co dzień i w pielęgnacji",
        "Porady: użytkowanie i pielęgnacja",
        "Na długie lata",
        "W codziennym życiu",
        "Prosta pielęgnacja",
    ],
    wrap_ups: &[
        "W skrócie: zakup, po który sięgniesz wiele razy.",
        "Dlatego wielu klientów chętnie do nas wraca.",
        "W efekcie dostajesz więcej, niż oczekujesz.",
        "Innymi słowy, mały zakup, który robi dużą różnicę.",
        "Dzięki temu każdy dzień jest odrobinę łatwiejszy.",
        "Podsumowując: prosta i uczciwa jakość.",
        "Na koniec: wszystko, czego potrzebujesz, i nic ponad to.",
    ],
    connectors: &[
        "Co więcej, {s}",
        "Ponadto {s}",
        "Dodatkowo {s}",
        "Poza tym {s}",
        "Przede wszystkim {s}",
        "Oprócz tego {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &["Ci", "Ciebie", "Twój", "Twoja", "Twoje", "Twojego", "Twoim"],
    title_tails: &[
        "{C} – sklep online",
        "{C} online",
        "{C} w naszym sklepie",
        "Kup {C} online",
    ],
    meta_openers: &[
        "{Kp} z działu „{category}”.",
        "Na Twój dzień: {kp}.",
        "{Kp}: jakość na co dzień.",
        "Nasza rada z działu „{category}”: {kp}.",
        "{Kp}: praktyczny wygląd na co dzień.",
        "Nowość w sklepie: {kp}.",
    ],
    meta_closers: &[
        "Wygoda na każdy dzień.",
        "Mądry zakup.",
        "Jakość na lata.",
        "Łatwa obsługa i prosta pielęgnacja.",
        "Uczciwa cena i lata użytkowania.",
        "Ulubieniec naszych klientów.",
    ],
    facts: Facts {
        colors: &[
            "Kolory do wyboru: {list}, więc łatwo wybierzesz ulubiony odcień.",
            "Do wyboru masz: {list}, więc każdy znajdzie kolor dla siebie.",
            "Wybierz według swojego stylu: {list}.",
            "Dostępne kolory: {list}, dlatego szybko znajdziesz swój ulubiony.",
        ],
        choose: &[
            "Przed zamówieniem wybierz na tej stronie: {list}.",
            "Przed zakupem zaznacz to, co Ci odpowiada: {list}.",
            "Przy zamówieniu wybierasz już tylko: {list}.",
            "Aby wszystko pasowało, najpierw wybierz na tej stronie: {list}.",
        ],
        sale: &[
            "Teraz {pct}% taniej: dobry moment na zakup.",
            "W tej chwili oszczędzasz {pct}%, więc nie przegap okazji.",
            "Dziś płacisz o {pct}% mniej niż zwykle, więc nie czekaj zbyt długo.",
        ],
        attribute_choice: "{name}: do wyboru {list}",
        attribute: "{name}: {list}",
        weight: "Waga: {value}",
        package: "Wymiary paczki: {value}",
        package_bullet: "Wymiary opakowania: {value}",
        meta_colors: "Kolory: {list}.",
        short_colors: "Kolory: {list}.",
        meta_fill: &["Szybka wysyłka i łatwe zwroty.", "Zamów już dziś."],
        alt_main: "{Kp}, widok z przodu",
        alt_color: "{Kp}, kolor {color}",
        alt_detail: "{Kp}, szczegół {n}",
        color_names: &["kolor", "kolory"],
    },
    and: "i",
    article: "",
    pronoun: "ten produkt",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: "",
};
