//! The offline writer's Portuguese (Brazilian usage, você).
//!
//! proseo's own copy. **Agreement**: the writer does not know the gender or number of a
//! product's noun (`Meias de lã merino` is feminine plural, `Cinto de couro` masculine
//! singular), so the keyphrase only stands where Portuguese needs no article and nothing
//! agrees with it: before or after a colon, as a title (`{Kp}: as vantagens`). No
//! `de {kp}`/`em {kp}` either (they contract with an article). Everything said *about* the
//! product is said about `este produto` (masculine singular), the materials, the details or the
//! customer. Past the density budget the keyphrase becomes `este produto`. Short, active
//! sentences (no `ser` + participle).

use super::{Facts, Family, FamilyPhrases, PhraseBook, TonePhrases};
use crate::lang::Language;

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "meias",
            "sapatos",
            "botas",
            "tênis",
            "sandálias",
            "chinelos",
            "calçados",
        ],
    ),
    (
        Family::Accessories,
        &[
            "acessórios",
            "bolsa",
            "bolsas",
            "mochila",
            "cinto",
            "cintos",
            "boné",
            "gorro",
            "cachecol",
            "óculos",
            "carteira",
            "luvas",
        ],
    ),
    (
        Family::Apparel,
        &[
            "roupa", "roupas", "moletom", "moletons", "camisa", "camiseta", "blusa", "jaqueta",
            "vestido", "calça", "casaco", "saia",
        ],
    ),
    (
        Family::Home,
        &[
            "casa",
            "cozinha",
            "caneca",
            "luminária",
            "almofada",
            "manta",
            "vaso",
            "vela",
            "têxteis",
        ],
    ),
    (
        Family::Electronics,
        &[
            "eletrônicos",
            "fones",
            "carregador",
            "cabo",
            "caixa de som",
            "teclado",
            "mouse",
            "áudio",
        ],
    ),
    (
        Family::Beauty,
        &[
            "beleza", "creme", "rosto", "sérum", "xampu", "sabonete", "perfume",
        ],
    ),
];

/// Pools that fit any product: the Portuguese book does not tailor benefits to a family yet
/// (only the nouns differ), so nothing it says is false of a lamp or a sock.
const GENERIC: FamilyPhrases = FamilyPhrases {
    noun: "produtos",
    title_noun: "Qualidade para o dia a dia",
    intro: &[
        "Este produto une um design simples e bons materiais.",
        "Conferimos cada peça antes que ela chegue à nossa loja.",
        "O design limpo combina com o seu estilo e com a sua rotina.",
        "Desde o primeiro dia, você nota a diferença nos detalhes.",
        "Os materiais aguentam bem o uso diário, semana após semana.",
        "Os detalhes práticos facilitam a sua rotina.",
        "Pensamos na sua rotina, por isso apostamos numa qualidade simples.",
        "Você vai usar este produto em casa, no trabalho e em viagens.",
        "O acabamento caprichado aparece à vista e ao toque.",
    ],
    benefits: &[
        "Os materiais são resistentes, por isso aguentam bem o dia a dia.",
        "Este produto pede pouco cuidado e mantém uma boa aparência.",
        "Uma compra que você sente todos os dias: {kp}.",
        "Qualidade e preço justo juntos: {kp}.",
        "Este produto também ocupa pouco espaço em casa.",
        "O uso é simples desde o primeiro dia, sem manual longo.",
        "Cada detalhe tem um motivo, porque gostamos do bonito e do prático.",
        "Uma escolha segura para todos os dias: {kp}.",
        "O preço é justo para a qualidade que você recebe.",
        "Se você procura algo bonito e resistente, aqui vai a nossa dica: {kp}.",
        "As linhas limpas vão direto ao essencial, sem nada a mais.",
    ],
    details: &[
        "Por exemplo, você pode usar este produto todos os dias sem medo do desgaste.",
        "Por exemplo, este produto também é um ótimo presente de aniversário.",
        "Por exemplo, em casa ou em viagens, este produto cumpre bem o seu papel.",
        "Por exemplo, este produto combina bem com outras peças da nossa loja.",
        "Por exemplo, se você gosta de ordem e qualidade, aqui encontra exatamente isso.",
        "Por exemplo, pense nas manhãs corridas: tudo fica mais fácil.",
    ],
    usage: &[
        "Para a casa, para o escritório ou para viajar: {kp}.",
        "Na sua rotina, este produto logo encontra o seu lugar.",
        "Para o dia a dia e também para ocasiões especiais: {kp}.",
        "Todos os dias você encontra um bom motivo para usar este produto.",
        "Em casa ou na rua, este produto deixa a vida mais fácil.",
        "Para dar de presente ou para ficar com você: {kp}.",
    ],
    care: &[
        "Para a limpeza, basta um pano macio e um pouco de água.",
        "Guarde este produto num lugar seco, e ele vai durar muitos anos.",
        "Siga as dicas da etiqueta, e este produto vai durar ainda mais.",
        "Um cuidado simples basta para manter a boa aparência.",
        "Com um pouco de atenção, tudo fica como no primeiro dia.",
    ],
    list_items: &[
        "Design simples e prático",
        "Materiais de qualidade",
        "Uso simples desde o primeiro dia",
        "Cuidado fácil",
        "Acabamento caprichado",
        "Boa relação custo-benefício",
        "Uma ótima ideia de presente",
        "Longa durabilidade",
        "Ocupa pouco espaço",
    ],
    short: &[
        "{Kp}: qualidade para o dia a dia, com um design que combina com tudo.",
        "A nossa dica para a sua rotina: {kp}, com boa qualidade e um design simples.",
        "{Kp}, da nossa linha {category}: um design limpo e materiais que duram.",
        "Qualidade, design e preço justo juntos: {kp}.",
        "{Kp}: uma escolha fácil que vai alegrar você por muito tempo.",
    ],
    meta: &[
        "Qualidade e design simples.",
        "Materiais que duram.",
        "Cuidado fácil e preço justo.",
        "Uma compra para todos os dias.",
        "Um design prático e bonito.",
    ],
    bullets: &[
        "Materiais de qualidade para o dia a dia",
        "Design simples que combina com tudo",
        "Cuidado fácil e rápido",
        "Boa relação custo-benefício",
        "Acabamento caprichado em cada detalhe",
        "Uma ótima ideia de presente",
        "Longa durabilidade",
    ],
};

const FRIENDLY: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: a escolha fácil do dia a dia, da nossa linha {category}.",
        "Procurando algo para usar todos os dias? A nossa resposta: {kp}.",
        "Uma das estrelas da nossa linha {category}: {kp}.",
        "Hoje apresentamos uma peça da nossa linha {category}: {kp}.",
        "{Kp}: um favorito da nossa linha {category}, para todos os dias.",
        "Para a sua rotina, da nossa linha {category}: {kp}.",
    ],
    closers: &[
        "A sua próxima compra favorita: {kp}. Faça o seu pedido hoje.",
        "Coloque este produto no carrinho e sinta a diferença.",
        "Faça o seu pedido hoje e descubra por que os nossos clientes voltam.",
        "Faça o seu pedido hoje, e a entrega chega em poucos dias.",
        "Que tal um presente para você hoje? Você merece.",
        "O que você está esperando? Coloque este produto no carrinho agora.",
    ],
};

/// Professional and luxury: sober, impersonal lines.
const FORMAL: TonePhrases = TonePhrases {
    openers: &[
        "{Kp}: uma escolha confiável da nossa linha {category}.",
        "Design prático e qualidade duradoura: {kp}.",
        "Uma escolha sólida para o uso diário: {kp}.",
        "Na nossa linha {category}, uma referência em qualidade: {kp}.",
        "{Kp}: qualidade constante por um preço justo.",
        "Elegância discreta para a sua coleção: {kp}.",
    ],
    closers: &[
        "Uma escolha confiável para muitos anos.",
        "Uma qualidade em que você pode confiar.",
        "Entrega rápida e atendimento atencioso em cada pedido.",
        "Um valor seguro que dura.",
        "Um investimento sensato em qualidade duradoura.",
        "Faça o seu pedido hoje, e a entrega chega em poucos dias.",
    ],
};

/// proseo's Portuguese phrase book.
pub static BOOK: PhraseBook = PhraseBook {
    language: Language::Pt,
    family_words: FAMILY_WORDS,
    families: [
        FamilyPhrases {
            noun: "roupas",
            title_noun: "Roupas confortáveis",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "acessórios",
            title_noun: "Acessórios",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "calçados",
            title_noun: "Calçados",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "casa",
            title_noun: "Casa",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "eletrônicos",
            title_noun: "Eletrônicos",
            ..GENERIC
        },
        FamilyPhrases {
            noun: "beleza",
            title_noun: "Beleza",
            ..GENERIC
        },
        GENERIC,
    ],
    tones: [FRIENDLY, FORMAL, FORMAL, FRIENDLY],
    good_to_know: &[
        "Um ótimo presente para amigos e família: {kp}. Além disso, preparamos cada pedido com carinho.",
        "Se você tiver alguma dúvida, a nossa equipe ajuda antes e depois da compra.",
        "Conferimos cada pedido antes do envio, assim tudo chega pronto para usar.",
        "Ainda na dúvida? Com as trocas fáceis, você tem tempo para decidir em casa.",
        "A nossa equipe responde rápido, então você nunca fica esperando.",
        "Enviamos rápido, por isso a entrega chega em poucos dias.",
        "Muitos clientes voltam a comprar, e isso diz muito.",
        "Para você ou para presentear: {kp}, uma escolha que vai alegrar você por muito tempo.",
    ],
    why_headings: &[
        "{Kp}: os nossos motivos",
        "{Kp} em poucas palavras",
        "{Kp}: as vantagens",
        "{Kp} num relance",
        "{Kp}: o essencial",
        "{Kp}: o que saber",
    ],
    detail_headings: &[
        "Características e detalhes",
        "Detalhes do produto",
        "Dados principais",
        "Vale a pena saber",
        "Detalhes que importam",
        "Ficha técnica",
    ],
    use_headings: &[
        "Uso e cuidados",
        "Uso diário e cuidados",
        "Dicas de uso e cuidados",
        "Para durar mais",
        "No dia a dia",
        "Cuidados simples",
    ],
    wrap_ups: &[
        "Em resumo, uma compra que você vai usar sempre.",
        "Por isso, muitos clientes voltam para comprar mais.",
        "Enfim, você recebe mais do que espera.",
        "Em outras palavras, uma compra pequena que faz uma grande diferença.",
        "Assim, cada dia fica um pouco mais fácil.",
        "Em suma: uma qualidade simples e honesta.",
        "Em conclusão, tudo o que você precisa e nada a mais.",
    ],
    connectors: &[
        "Além disso, {s}",
        "Na verdade, {s}",
        "Sobretudo, {s}",
        "Em geral, {s}",
        "De fato, {s}",
        "Principalmente, {s}",
        "Da mesma forma, {s}",
        "Inclusive, {s}",
    ],
    lowercase_after_connector: true,
    keep_capitalized: &[],
    title_tails: &[
        "{C} online",
        "Comprar {C} online",
        "{C} na nossa loja",
        "Loja de {C}",
    ],
    meta_openers: &[
        "{Kp}, da nossa linha {category}.",
        "Para a sua rotina: {kp}.",
        "{Kp}: qualidade para todos os dias.",
        "A nossa dica da linha {category}: {kp}.",
        "{Kp}: design prático para a vida diária.",
        "Novidade na loja: {kp}.",
    ],
    meta_closers: &[
        "Conforto para todos os dias.",
        "Uma compra inteligente.",
        "Qualidade que dura.",
        "Uso fácil e cuidado simples.",
        "Preço justo e muitos anos de uso.",
        "Um favorito dos nossos clientes.",
    ],
    facts: Facts {
        colors: &[
            "Cores disponíveis: {list}, para escolher o tom de que você mais gosta.",
            "Você pode escolher entre {list}, então há uma cor para cada gosto.",
            "Escolha de acordo com o seu estilo: {list}.",
            "Há várias cores: {list}, por isso você logo encontra a sua favorita.",
        ],
        choose: &[
            "Antes de fazer o pedido, escolha nesta página: {list}.",
            "Antes da compra, selecione o que você preferir: {list}.",
            "Na hora do pedido, basta escolher: {list}.",
            "Para acertar, escolha primeiro nesta página: {list}.",
        ],
        sale: &[
            "Agora com {pct}% de desconto: um bom momento para comprar.",
            "Neste momento você economiza {pct}%, então não perca a chance.",
            "Hoje você paga {pct}% a menos do que o normal, então não espere demais.",
        ],
        attribute_choice: "{name}: escolha entre {list}",
        attribute: "{name}: {list}",
        weight: "Peso: {value}",
        package: "Tamanho da embalagem: {value}",
        package_bullet: "Medidas da embalagem: {value}",
        meta_colors: "Cores: {list}.",
        short_colors: "Cores: {list}.",
        meta_fill: &["Entrega rápida e trocas fáceis.", "Faça o seu pedido hoje."],
        alt_main: "{Kp}, vista frontal",
        alt_color: "{Kp}, cor {color}",
        alt_detail: "{Kp}, detalhe {n}",
        color_names: &["cor", "cores"],
    },
    and: "e",
    article: "",
    pronoun: "este produto",
    pronoun_subject: false,
    lowercase_data: true,
    decimal: ',',
    space_before: "",
};
