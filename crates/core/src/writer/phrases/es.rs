//! The offline writer's Spanish (tú, as most Spanish shops address their customers).
//!
//! proseo's own copy. **Agreement**: the writer does not know the gender or number of a
//! product's noun (`Calcetines de lana merina` is masculine plural, `Sudadera con capucha`
//! feminine singular), so no word here agrees with it. The keyphrase only stands where Spanish
//! needs no article and nothing agrees with it: before or after a colon, as a title
//! (`{Kp}: las ventajas`), in an apposition. Everything said *about* the product is said about
//! `este artículo` (masculine singular, known), the materials, the details or the customer;
//! no object clitic (`lo`, `la`) or adjective refers to the product itself. Past the density
//! budget the keyphrase becomes `este artículo`, which fits every such position.
//! Short, active sentences (no `ser` + participle), many with a transition word.

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "calcetines",
            "calcetín",
            "zapatos",
            "zapato",
            "botas",
            "bota",
            "zapatillas",
            "sandalias",
            "calzado",
            "pantuflas",
        ],
    ),
    (
        Family::Accessories,
        &[
            "bolso",
            "gorro",
            "gorra",
            "cinturón",
            "bufanda",
            "gafas",
            "cartera",
            "complementos",
            "accesorios",
            "mochila",
            "sombrero",
            "guantes",
        ],
    ),
    (
        Family::Apparel,
        &[
            "camiseta",
            "camisa",
            "sudadera",
            "jersey",
            "chaqueta",
            "vestido",
            "pantalones",
            "ropa",
            "abrigo",
            "falda",
            "blusa",
            "polo",
        ],
    ),
    (
        Family::Home,
        &[
            "hogar",
            "cocina",
            "taza",
            "lámpara",
            "cojín",
            "manta",
            "jarrón",
            "vela",
            "muebles",
            "silla",
            "mesa",
            "decoración",
        ],
    ),
    (
        Family::Electronics,
        &[
            "auriculares",
            "cargador",
            "cable",
            "altavoz",
            "teclado",
            "ratón",
            "electrónica",
            "móvil",
        ],
    ),
    (
        Family::Beauty,
        &[
            "crema",
            "sérum",
            "champú",
            "jabón",
            "perfume",
            "belleza",
            "cosmética",
            "bálsamo",
        ],
    ),
];

/// Pools that fit any product: the offline writer's Spanish does not tailor benefits to a
/// family yet (only the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "productos",
    title_noun: "Calidad para cada día",
    intro: &[
        "Este artículo une un diseño sencillo con materiales de buena calidad.",
        "Cada pieza pasa por nuestras manos antes de llegar a la tienda.",
        "Su diseño limpio encaja con tu estilo y con tu rutina.",
        "Desde el primer día vas a notar la diferencia en los detalles.",
        "Los materiales aguantan bien el uso diario, semana tras semana.",
        "Los detalles prácticos te facilitan el día a día.",
        "Pensamos en tu día a día, así que buscamos calidad sin complicaciones.",
        "Vas a usar este artículo en casa, en el trabajo y de viaje.",
        "Los acabados cuidados se notan al tacto y también a la vista.",
    ],
    benefits: &[
        "Los materiales son resistentes, así que aguantan el uso de cada día.",
        "Este artículo necesita muy poco cuidado y siempre luce bien.",
        "Una compra que se nota cada día: {kp}.",
        "Calidad y buen precio en un solo artículo: {kp}.",
        "Este artículo ocupa poco espacio en casa.",
        "El uso es sencillo desde el primer momento, sin instrucciones largas.",
        "Cada detalle tiene un sentido, porque buscamos lo práctico y lo bonito.",
        "Una apuesta segura para cada día: {kp}.",
        "El precio es justo para la calidad que recibes.",
        "Si buscas algo fiable y bonito, aquí lo tienes: {kp}.",
        "Los acabados limpios se notan, sin adornos que sobren.",
    ],
    details: &[
        "Por ejemplo, puedes usar este artículo a diario sin miedo al desgaste.",
        "Por ejemplo, este artículo es un regalo perfecto para un cumpleaños.",
        "Por ejemplo, en casa o de viaje, este artículo cumple siempre.",
        "Por ejemplo, este artículo combina bien con otras piezas de nuestra tienda.",
        "Por ejemplo, si valoras el orden y la calidad, aquí encuentras justo eso.",
        "Por ejemplo, piensa en las mañanas con prisa: todo resulta más fácil.",
    ],
    usage: &[
        "Para casa, para la oficina o para viajar: {kp}.",
        "En tu rutina diaria, este artículo encuentra su sitio enseguida.",
        "Una opción para el día a día y también para ocasiones especiales: {kp}.",
        "Cada día encontrarás un buen motivo para usar este artículo.",
        "Tanto en casa como fuera, este artículo te hace la vida más fácil.",
        "Para regalar o para darte un capricho: {kp}.",
    ],
    care: &[
        "Para el cuidado, basta con un paño suave y un poco de agua.",
        "Guarda este artículo en un lugar seco y te durará muchos años.",
        "Sigue las indicaciones de la etiqueta y este artículo durará mucho más.",
        "Un cuidado sencillo basta para mantener su buen aspecto.",
        "Con un poco de atención, el aspecto se mantiene como el primer día.",
    ],
    list_items: &[
        "Diseño sencillo y práctico",
        "Materiales de calidad",
        "Uso sencillo desde el primer día",
        "Cuidado fácil",
        "Acabados limpios",
        "Buena relación calidad-precio",
        "Una buena idea para regalar",
        "Larga duración",
        "Ocupa poco espacio",
    ],
    short: &[
        "{Kp}: calidad sencilla para cada día, con un diseño que combina con todo.",
        "Nuestra propuesta para tu día a día: {kp}, con buena calidad y un diseño sencillo.",
        "{Kp}, de nuestra gama de {category}: un diseño limpio y materiales que duran.",
        "Calidad, diseño y buen precio en un solo artículo: {kp}.",
        "{Kp}: una elección fácil que vas a disfrutar durante mucho tiempo.",
    ],
    meta: &[
        "Calidad y diseño sencillo.",
        "Materiales que duran.",
        "Cuidado fácil y buen precio.",
        "Una compra para cada día.",
        "Diseño práctico y bonito.",
    ],
    bullets: &[
        "Materiales de calidad para el uso diario",
        "Diseño sencillo que combina con todo",
        "Cuidado fácil y rápido",
        "Buena relación calidad-precio",
        "Acabados limpios en cada detalle",
        "Una buena idea para regalar",
        "Larga vida útil",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: la elección fácil y cotidiana de nuestra gama de {category}.",
        "¿Buscas algo para usar cada día? Nuestra respuesta: {kp}.",
        "Una de las estrellas de nuestra gama de {category}: {kp}.",
        "Hoy te presentamos una pieza de nuestra gama de {category}: {kp}.",
        "{Kp}: un favorito de nuestra gama de {category} al que vas a volver una y otra vez.",
        "Para tu día a día, de nuestra gama de {category}: {kp}.",
    ],
    closers: &[
        "Tu próxima compra favorita: {kp}. Haz tu pedido hoy.",
        "Añade este artículo a tu carrito y disfruta de la diferencia.",
        "Haz tu pedido hoy y descubre por qué nuestros clientes repiten.",
        "Haz tu pedido hoy y recibe tu compra en pocos días.",
        "Date un capricho hoy: te lo mereces.",
        "¿A qué esperas? Añade este artículo a tu carrito hoy mismo.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: una opción fiable de nuestra gama de {category}.",
        "Diseño práctico y calidad duradera: {kp}.",
        "Una elección sólida para el uso diario: {kp}, de nuestra gama de {category}.",
        "En nuestra gama de {category}, una referencia por su calidad: {kp}.",
        "{Kp}: calidad constante a un precio justo.",
        "Elegancia discreta para tu colección de {category}: {kp}.",
    ],
    closers: &[
        "Una elección fiable para muchos años.",
        "Calidad en la que se puede confiar.",
        "Envío rápido y atención cercana en cada pedido.",
        "Un valor seguro que dura.",
        "Una inversión sensata en calidad duradera.",
        "Haz tu pedido hoy y recibe tu compra en pocos días.",
    ],
};

/// proseo's Spanish phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::Es,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "ropa",
            title_noun: "Ropa cómoda",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "complementos",
            title_noun: "Complementos",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "calzado",
            title_noun: "Calzado",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "hogar",
            title_noun: "Hogar",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "electrónica",
            title_noun: "Electrónica",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "belleza",
            title_noun: "Belleza",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Un buen regalo para amigos y familia: {kp}. Además, preparamos cada pedido con cariño.",
        "Si tienes alguna pregunta, nuestro equipo te ayuda antes y después de la compra.",
        "Revisamos cada pedido antes del envío, así que llega listo para usar.",
        "¿Aún no te decides? Con nuestras devoluciones fáciles tienes tiempo para pensarlo en casa.",
        "Nuestro equipo responde rápido, así que nunca te quedas esperando.",
        "Enviamos rápido, así que tu pedido llega en pocos días.",
        "Muchos clientes vuelven a comprar, y eso dice mucho.",
        "Para ti o para regalar: {kp}, una elección que te hará feliz durante mucho tiempo.",
    ],
    why_headings: &[
        "{Kp}: nuestras razones",
        "{Kp} en pocas palabras",
        "{Kp}: las ventajas",
        "{Kp} de un vistazo",
        "{Kp}: lo esencial",
        "{Kp}: lo que debes saber",
    ],
    detail_headings: &[
        "Características y detalles",
        "Detalles del producto",
        "Datos clave",
        "Conviene saber",
        "Detalles que importan",
        "Especificaciones",
    ],
    use_headings: &[
        "Uso y cuidado",
        "Uso diario y cuidado",
        "Consejos de uso y cuidado",
        "Para que dure más",
        "En el día a día",
        "Cuidados sencillos",
    ],
    wrap_ups: &[
        "En resumen, una compra que vas a usar una y otra vez.",
        "Por eso, muchos clientes vuelven a por más.",
        "En definitiva, recibes más de lo que esperas.",
        "En otras palabras, una compra pequeña que marca una gran diferencia.",
        "Así, cada día resulta un poco más fácil.",
        "En pocas palabras: calidad sencilla y honesta.",
        "En conclusión, todo lo que necesitas y nada que sobre.",
    ],
    connectors: &[
        "Además, {s}",
        "Por otra parte, {s}",
        "Igualmente, {s}",
        "De hecho, {s}",
        "Asimismo, {s}",
        "Sin duda, {s}",
        "En general, {s}",
        "Sobre todo, {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &[],
    title_tails: &[
        "Comprar {C} online",
        "{C} online",
        "{C} en nuestra tienda",
        "Tienda de {C}",
    ],
    meta_openers: &[
        "{Kp}, de nuestra gama de {category}.",
        "Para tu día a día: {kp}.",
        "{Kp}: calidad para cada día.",
        "Nuestra propuesta de {category}: {kp}.",
        "{Kp}: diseño práctico para la vida diaria.",
        "En nuestra tienda: {kp}, de la gama de {category}.",
    ],
    meta_closers: &[
        "Comodidad para cada día.",
        "Una compra inteligente.",
        "Calidad que dura.",
        "Uso fácil y cuidado sencillo.",
        "Buen precio y muchos años de uso.",
        "Un favorito de nuestros clientes.",
    ],
    facts: Facts {
        colors: &[
            "Colores disponibles: {list}, para elegir el tono que más te guste.",
            "Puedes elegir entre {list}, así que hay un color para cada gusto.",
            "Elige entre {list} según tu estilo.",
            "Hay varios colores: {list}, así que encontrarás tu favorito fácilmente.",
        ],
        choose: &[
            "Además, antes de hacer tu pedido, elige en esta página: {list}.",
            "Antes de comprar, selecciona lo que prefieras: {list}.",
            "Al hacer tu pedido, solo tienes que elegir: {list}.",
            "Para acertar, elige primero en esta página: {list}.",
        ],
        sale: &[
            "Ahora con un {pct}\u{a0}% de descuento: un buen momento para comprar.",
            "En este momento ahorras un {pct}\u{a0}%, así que no dejes pasar la ocasión.",
            "Hoy pagas un {pct}\u{a0}% menos de lo habitual, así que no esperes demasiado.",
        ],
        attribute_choice: "{name}: a elegir entre {list}",
        attribute: "{name}: {list}",
        weight: "Peso: {value}",
        package: "Tamaño del paquete: {value}",
        package_bullet: "Medidas del paquete: {value}",
        meta_colors: "Elige entre {list}.",
        short_colors: "Colores: {list}.",
        meta_fill: &["Envío rápido y devoluciones fáciles.", "Haz tu pedido hoy."],
        alt_main: "{Kp}, vista frontal",
        alt_color: "{Kp} en color {color}",
        alt_detail: "{Kp}, detalle {n}",
        color_names: &["color", "colores"],
    },
    and: "y",
    article: "",
    pronoun: "este artículo",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: "",
};
