//! eBay File Exchange style CSV: one `Add` row per listing (fixed price, good 'til cancelled).
//!
//! The first column's header carries the file's settings, as File Exchange templates do:
//! `*Action(SiteID=Germany|Country=DE|Currency=EUR|Version=1193|CC=UTF-8)`: the eBay site
//! comes from [`super::ExportOptions::locale`] (default `en-US`: the US site), and `CC=UTF-8`
//! declares the encoding. Columns with `*` are required by File Exchange. `C:` columns are
//! item specifics, `Product:` columns product identifiers. Several picture URLs share the
//! `PicURL` cell, separated by `|`.
//!
//! Rules: category (from the mapping), title (the generated marketplace title, at most 80
//! characters), description (HTML; eBay removes active content, which proseo never writes),
//! price in the site's currency, quantity and at least one picture are required; the SKU goes
//! to `CustomLabel` (recommended, at most 50 characters). Condition is `1000` (new).
//! Shipping, returns and payment are the seller's business policies: pass their names, the
//! item location and the handling time as [`super::ExportOptions::constants`]
//! (`ShippingProfileName`, `ReturnProfileName`, `PaymentProfileName`, `*Location`,
//! `*DispatchTimeMax`).

use super::cells::price;
use super::code;
use super::row::{Need, RowCtx};
use super::ExportOptions;

/// An eBay site: File Exchange's `SiteID`, its country, its currency, and the locales that
/// choose it.
struct Site {
    id: &'static str,
    country: &'static str,
    currency: &'static str,
    locales: &'static [&'static str],
}

const SITES: &[Site] = &[
    Site {
        id: "US",
        country: "US",
        currency: "USD",
        locales: &["en-us", "en"],
    },
    Site {
        id: "UK",
        country: "GB",
        currency: "GBP",
        locales: &["en-gb"],
    },
    Site {
        id: "Germany",
        country: "DE",
        currency: "EUR",
        locales: &["de-de", "de"],
    },
    Site {
        id: "Austria",
        country: "AT",
        currency: "EUR",
        locales: &["de-at"],
    },
    Site {
        id: "France",
        country: "FR",
        currency: "EUR",
        locales: &["fr-fr", "fr"],
    },
    Site {
        id: "Italy",
        country: "IT",
        currency: "EUR",
        locales: &["it-it", "it"],
    },
    Site {
        id: "Spain",
        country: "ES",
        currency: "EUR",
        locales: &["es-es", "es"],
    },
    Site {
        id: "Australia",
        country: "AU",
        currency: "AUD",
        locales: &["en-au"],
    },
    Site {
        id: "Canada",
        country: "CA",
        currency: "CAD",
        locales: &["en-ca"],
    },
];

/// Most pictures of one eBay listing.
const PICTURES: usize = 24;
/// `CustomLabel`: 50 characters.
const SKU_MAX: usize = 50;
/// eBay's item condition "New".
const CONDITION_NEW: &str = "1000";

/// The site of the options' locale (its language alone if the region has no site); the US
/// site by default.
fn site(options: &ExportOptions) -> &'static Site {
    let locale = options
        .locale
        .as_deref()
        .unwrap_or("en-US")
        .trim()
        .replace('_', "-")
        .to_ascii_lowercase();
    let language = locale.split('-').next().unwrap_or("").to_owned();
    SITES
        .iter()
        .find(|s| s.locales.contains(&locale.as_str()))
        .or_else(|| {
            SITES
                .iter()
                .find(|s| s.locales.contains(&language.as_str()))
        })
        .unwrap_or(&SITES[0])
}

pub(super) fn columns(options: &ExportOptions) -> Vec<String> {
    let s = site(options);
    let mut c = vec![format!(
        "*Action(SiteID={}|Country={}|Currency={}|Version=1193|CC=UTF-8)",
        s.id, s.country, s.currency
    )];
    c.extend(
        [
            "CustomLabel",
            "*Category",
            "*Title",
            "*Description",
            "*ConditionID",
            "PicURL",
            "*Quantity",
            "*Format",
            "*StartPrice",
            "*Duration",
            "Product:EAN",
            "Product:UPC",
            "C:Brand",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    c
}

pub(super) fn row(r: &mut RowCtx<'_>) -> Vec<String> {
    let site = site(r.options);
    let sku = r.sku(Need::Recommended, SKU_MAX).unwrap_or_default();
    let category = r.category(Need::Required).unwrap_or_default();
    let amount = r.price(Need::Required).map(price).unwrap_or_default();
    if let Some(currency) = r.currency(Need::Required) {
        if currency != site.currency {
            r.report.error(
                "/product/currency",
                code::CURRENCY_INVALID,
                format!(
                    "the eBay {} file is in {}; the product is priced in {currency}",
                    site.id, site.currency
                ),
            );
        }
    }
    let quantity = r
        .quantity(Need::Required)
        .map(|q| q.to_string())
        .unwrap_or_default();
    let pictures = r.images(Need::Required, PICTURES);
    let gtin = r.gtin(Need::Recommended).unwrap_or_default();
    let brand = r.brand(Need::Recommended).unwrap_or_default();
    let (ean, upc) = if gtin.len() == 12 {
        (String::new(), gtin)
    } else {
        (gtin, String::new())
    };
    let description = std::mem::take(&mut r.content.description);
    let c = &r.content;
    vec![
        "Add".to_owned(),
        sku,
        category,
        c.title.trim().to_owned(),
        description,
        CONDITION_NEW.to_owned(),
        pictures.join("|"),
        quantity,
        "FixedPrice".to_owned(),
        amount,
        "GTC".to_owned(),
        ean,
        upc,
        brand,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_follows_the_locale() {
        let with = |l: &str| ExportOptions {
            locale: Some(l.into()),
            ..ExportOptions::default()
        };
        assert_eq!(site(&ExportOptions::default()).id, "US");
        assert_eq!(site(&with("de-DE")).id, "Germany");
        assert_eq!(site(&with("de_AT")).id, "Austria");
        assert_eq!(site(&with("fr-BE")).id, "France");
        assert_eq!(site(&with("en-GB")).currency, "GBP");
        assert_eq!(site(&with("pl-PL")).id, "US");
        assert_eq!(
            columns(&with("de-DE"))[0],
            "*Action(SiteID=Germany|Country=DE|Currency=EUR|Version=1193|CC=UTF-8)"
        );
    }
}
