//! The offline writer's phrase bank: product families and tones, as data.
//!
//! Placeholders: `{kp}` keyphrase, `{Kp}` keyphrase capitalized, `{name}` product name,
//! `{category}` innermost category (lowercase). Sentences are kept short, active and plain so
//! the output reads well (Flesch ≥ 60) and passes proseo's own checks.

use crate::product::Product;

/// A product family decides the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Shirts, hoodies, sweaters, jackets…
    Apparel,
    /// Hats, belts, bags, sunglasses…
    Accessories,
    /// Shoes, boots, socks.
    Footwear,
    /// Kitchen, furniture, decor.
    Home,
    /// Gadgets and electronics.
    Electronics,
    /// Cosmetics and care.
    Beauty,
    /// Anything else.
    Generic,
}

const FAMILY_WORDS: &[(Family, &[&str])] = &[
    (
        Family::Footwear,
        &[
            "shoe", "shoes", "boot", "boots", "sneaker", "sneakers", "sock", "socks", "sandal",
            "sandals", "footwear",
        ],
    ),
    (
        Family::Accessories,
        &[
            "accessories",
            "accessory",
            "beanie",
            "belt",
            "cap",
            "hat",
            "sunglasses",
            "bag",
            "scarf",
            "wallet",
            "jewelry",
            "watch",
        ],
    ),
    (
        Family::Apparel,
        &[
            "clothing", "tshirts", "t-shirt", "shirt", "shirts", "hoodie", "hoodies", "sweater",
            "jacket", "jackets", "dress", "polo", "blouse", "pants", "jeans", "apparel",
        ],
    ),
    (
        Family::Home,
        &[
            "home",
            "kitchen",
            "furniture",
            "decor",
            "mug",
            "chair",
            "table",
            "lamp",
            "bedding",
            "garden",
        ],
    ),
    (
        Family::Electronics,
        &[
            "electronics",
            "phone",
            "laptop",
            "headphones",
            "speaker",
            "camera",
            "charger",
            "cable",
            "gadget",
        ],
    ),
    (
        Family::Beauty,
        &[
            "beauty",
            "cosmetics",
            "skincare",
            "makeup",
            "cream",
            "serum",
            "shampoo",
            "soap",
            "perfume",
        ],
    ),
];

impl Family {
    /// The family of a product, from its name, then its innermost category, then all its
    /// categories.
    pub fn of(p: &Product) -> Family {
        let words_of = |s: &str| -> Vec<String> {
            s.to_lowercase()
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut sources: Vec<Vec<String>> = vec![words_of(&p.name)];
        if let Some(c) = p.primary_category() {
            sources.push(words_of(c));
        }
        sources.push(p.categories.iter().flat_map(|c| words_of(c)).collect());
        for words in &sources {
            for (family, keys) in FAMILY_WORDS {
                if words.iter().any(|w| keys.contains(&w.as_str())) {
                    return *family;
                }
            }
        }
        Family::Generic
    }

    /// A noun for the family, when the product has no category.
    pub fn noun(self) -> &'static str {
        match self {
            Family::Apparel => "clothing",
            Family::Accessories => "accessories",
            Family::Footwear => "footwear",
            Family::Home => "home goods",
            Family::Electronics => "electronics",
            Family::Beauty => "beauty",
            Family::Generic => "products",
        }
    }

    /// A title-case noun for SEO titles.
    pub fn title_noun(self) -> &'static str {
        match self {
            Family::Apparel => "Comfortable Clothing",
            Family::Accessories => "Everyday Accessories",
            Family::Footwear => "Comfortable Footwear",
            Family::Home => "For Your Home",
            Family::Electronics => "Reliable Electronics",
            Family::Beauty => "Beauty and Care",
            Family::Generic => "Quality You Can Trust",
        }
    }

    pub fn intro(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "Soft fabric and a clean cut make it easy to wear from morning to night.",
                "It feels soft on the skin and keeps its shape wash after wash.",
                "Thanks to the relaxed fit and soft fabric, it quickly becomes a go-to piece for every day.",
            ],
            Family::Accessories => &[
                "This piece adds a finishing touch to any outfit, day after day.",
                "Small details make a big difference, and this piece proves it.",
                "Simple, useful and easy to pair, it works with what you already own.",
            ],
            Family::Footwear => &[
                "Your feet stay comfortable from the first step to the last.",
                "A soft feel and a secure fit keep you going all day.",
                "Good support means happy feet, even on long days.",
            ],
            Family::Home => &[
                "It brings comfort and style to the rooms you use every day.",
                "It handles daily use and looks good doing it.",
                "Simple lines let it fit in with the things you already love.",
            ],
            Family::Electronics => &[
                "Right out of the box, it keeps up with your day.",
                "It is simple to set up and reliable when you need it.",
                "Clear controls mean you spend less time with the manual.",
            ],
            Family::Beauty => &[
                "Your daily routine gets easier in seconds.",
                "Gentle care for every day starts here.",
                "Your skin will thank you for it.",
            ],
            Family::Generic => &[
                "We designed it to be useful every day and to last.",
                "It does its job well, day after day.",
                "Simple design keeps it easy to use for everyone.",
            ],
        }
    }

    pub fn benefits(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "The {kp} is soft, light and easy to care for.",
                "Because the fabric breathes, you stay cool when it is warm and cozy when it is cold.",
                "Plus, the fit is relaxed but neat, so it works at home, at work and on the weekend.",
                "Also, each seam sits flat, so nothing rubs or pinches while you move.",
            ],
            Family::Accessories => &[
                "The {kp} is light, sturdy and easy to carry.",
                "Because it is so simple, it goes with jeans, a suit or your weekend clothes.",
                "Plus, good materials help it keep its look for years.",
                "It makes a great gift, too, because it suits almost everyone.",
            ],
            Family::Footwear => &[
                "The {kp} gives your feet soft support with every step.",
                "Also, breathable materials keep your feet fresh all day.",
                "A secure fit means fewer blisters and more miles.",
                "Because the materials are tough, they hold up to daily wear.",
            ],
            Family::Home => &[
                "The {kp} blends into any room and is easy to keep clean.",
                "Solid materials make it last through years of daily use.",
                "It saves you time, so you can enjoy your home more.",
                "Plus, the simple design suits both modern and classic rooms.",
            ],
            Family::Electronics => &[
                "The {kp} is quick to set up and simple to use.",
                "Solid parts and careful design keep it running for years.",
                "It saves you time every single day.",
                "Plus, the compact size means it fits anywhere.",
            ],
            Family::Beauty => &[
                "The {kp} feels light and leaves no sticky film.",
                "Gentle ingredients suit everyday use.",
                "A little goes a long way, so one pack lasts.",
                "Also, the fresh scent lifts your mood every morning.",
            ],
            Family::Generic => &[
                "The {kp} is simple to use and built to last.",
                "Good materials and a careful design make it a smart buy.",
                "It does what you need, with no fuss.",
                "Plus, it is easy to clean and easy to store.",
            ],
        }
    }

    pub fn details(self) -> &'static [&'static str] {
        match self {
            Family::Apparel | Family::Footwear => &[
                "For example, pair it with your favorite jeans for an easy casual look.",
                "For example, wear it on its own in summer or layer it up when the days get cooler.",
            ],
            Family::Accessories => &[
                "For example, wear it on a city walk, at the beach or on a trip.",
                "For example, pair it with a plain shirt to give the whole look a lift.",
            ],
            _ => &[
                "For example, use it every day and it will still look good years from now.",
                "For example, keep it within reach and you will wonder how you did without it.",
            ],
        }
    }

    pub fn usage(self) -> &'static [&'static str] {
        match self {
            Family::Apparel | Family::Footwear => &[
                "The {kp} works for a busy day in town, a quiet day at home or a trip away.",
                "Wear the {kp} to work, to the gym or out with friends.",
            ],
            Family::Accessories => &[
                "Take the {kp} with you to work, on holiday or out on the town.",
                "The {kp} suits daily life, travel and special days alike.",
            ],
            _ => &[
                "Use the {kp} every day, at home or on the go.",
                "The {kp} fits easily into your daily routine.",
            ],
        }
    }

    pub fn care(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "To keep it looking new, wash it cold with similar colors and let it dry flat.",
                "After washing, simply hang it to dry; it needs little or no ironing.",
            ],
            Family::Footwear => &["To clean it, wipe it with a damp cloth and let it air dry."],
            Family::Accessories => &[
                "To keep it in good shape, store it in a dry place and wipe it with a soft cloth.",
            ],
            Family::Beauty => &["Store it in a cool, dry place and close the cap after use."],
            _ => &["To clean it, wipe it with a soft, damp cloth."],
        }
    }

    pub fn list_items(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "Soft, breathable fabric",
                "Easy to wash and dry",
                "Relaxed, flattering fit",
            ],
            Family::Accessories => &[
                "Light and easy to carry",
                "Goes with any outfit",
                "Lasting materials",
            ],
            Family::Footwear => &[
                "Soft support for every step",
                "Breathable materials",
                "Secure fit",
            ],
            Family::Home => &["Easy to clean", "Built for daily use", "Fits any room"],
            Family::Electronics => &["Quick setup", "Simple to use", "Reliable design"],
            Family::Beauty => &["Light texture", "Gentle for daily use", "Lasts a long time"],
            Family::Generic => &["Simple to use", "Built to last", "Great value"],
        }
    }

    pub fn short(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "The {kp} is soft, easy to wear and easy to care for: a wardrobe staple for every day.",
                "Meet the {kp}: soft fabric, a relaxed fit and a look that goes with everything.",
            ],
            Family::Accessories => &[
                "The {kp} is the finishing touch your outfit needs: light, sturdy and easy to style.",
                "Add the {kp} to your look: simple, useful and made to last.",
            ],
            _ => &[
                "The {kp} is simple, useful and built to last.",
                "Meet the {kp}: easy to use and made for every day.",
            ],
        }
    }

    pub fn meta(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "Soft fabric, relaxed fit, easy care.",
                "Soft, breathable and easy to wash.",
            ],
            Family::Accessories => &[
                "Light, sturdy and easy to style.",
                "Made to last and easy to pair.",
            ],
            _ => &[
                "Simple to use and built to last.",
                "Quality you can feel every day.",
            ],
        }
    }

    pub fn bullets(self) -> &'static [&'static str] {
        match self {
            Family::Apparel => &[
                "Soft, breathable fabric that feels good all day",
                "Relaxed fit that keeps its shape after washing",
                "Easy care: machine wash cold, hang to dry",
            ],
            Family::Accessories => &[
                "Light and sturdy for everyday use",
                "Goes with casual and smart outfits alike",
                "Lasting materials that keep their look",
            ],
            _ => &[
                "Simple to use from day one",
                "Built from lasting materials",
                "Great value for everyday use",
            ],
        }
    }
}

/// Brand tone: decides the opening and closing lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Friendly,
    Professional,
    Luxury,
    Playful,
}

impl Tone {
    pub fn parse(s: &str) -> Tone {
        match s.trim().to_ascii_lowercase().as_str() {
            "professional" | "formal" | "expert" => Tone::Professional,
            "luxury" | "premium" | "elegant" => Tone::Luxury,
            "playful" | "fun" | "casual" => Tone::Playful,
            _ => Tone::Friendly,
        }
    }

    pub fn openers(self) -> &'static [&'static str] {
        match self {
            Tone::Friendly => &[
                "Say hello to the {kp}, a favorite from our {category} range that you will reach for again and again.",
                "The {kp} is the easy, everyday choice from our {category} range.",
            ],
            Tone::Professional => &[
                "The {kp} is a reliable choice from our {category} range.",
                "The {kp} combines practical design with lasting quality.",
            ],
            Tone::Luxury => &[
                "The {kp} brings quiet luxury to your {category} collection.",
                "Discover the {kp}, refined in every detail.",
            ],
            Tone::Playful => &[
                "Meet the {kp}: the new best friend of your {category} drawer.",
                "Ready for an upgrade? The {kp} has you covered.",
            ],
        }
    }

    pub fn closers(self) -> &'static [&'static str] {
        match self {
            Tone::Friendly => &[
                "Add the {kp} to your cart today and enjoy it for years to come.",
                "Order the {kp} today and see why our customers love it.",
            ],
            Tone::Professional => &[
                "Order the {kp} today for a dependable choice that lasts.",
                "Choose the {kp} for quality you can count on.",
            ],
            Tone::Luxury => &[
                "Treat yourself to the {kp} today.",
                "Make the {kp} part of your collection today.",
            ],
            Tone::Playful => &[
                "Grab the {kp} now and thank us later.",
                "Go on, add the {kp} to your cart. You deserve it.",
            ],
        }
    }
}

/// Closing remarks that fit any product.
pub const GOOD_TO_KNOW: &[&str] = &[
    "The {kp} also makes a thoughtful gift for friends and family, and we pack every order with care.",
    "Whether you buy it for yourself or as a gift, the {kp} is a choice you will be happy with for a long time.",
    "If you have a question about the {kp}, our team is happy to help before and after you buy.",
];

pub const WHY_HEADINGS: &[&str] = &["Why you will love the {kp}", "Why choose the {kp}"];
pub const DETAIL_HEADINGS: &[&str] = &["Features and details", "Product details"];
pub const USE_HEADINGS: &[&str] = &["How to wear and care for it", "Everyday use and care"];
pub const TRANSITIONS: &[&str] = &[
    "In short, it is a piece you will use again and again.",
    "As a result, it quickly becomes one of your favorites.",
    "That is why so many customers come back for more.",
];
pub const TITLE_TAILS: &[&str] = &["Shop {C} Online", "Buy {C} Online"];
pub const META_OPENERS: &[&str] = &[
    "Shop the {kp} from our {category} range.",
    "Discover the {kp}, an everyday favorite.",
];
pub const META_CLOSERS: &[&str] = &["Made for everyday comfort.", "A smart pick for every day."];
