//! Near-duplicate content across a catalog: MinHash signatures over word shingles.
//!
//! Search engines fold near-identical product pages together and show one of them; a catalog
//! whose descriptions repeat the same paragraphs loses the others. This module measures how
//! much two descriptions overlap, compactly enough that a caller can keep one small signature
//! per product (the edge API stores it in a D1 column) and compare a product with the whole
//! catalog without its texts.
//!
//! **Measure.** A text's visible words (HTML parsed by [`crate::text::Document`], lowercase,
//! UAX #29 word boundaries) are cut into overlapping runs of [`SHINGLE_WORDS`] words
//! (*w-shingling*, Broder 1997). Two texts' resemblance is the Jaccard index of their shingle
//! sets: shared shingles over all shingles. Three-word shingles make shared phrasing count
//! (the same sentence in two descriptions shares all its shingles) while a shared word alone
//! does not.
//!
//! **Signature.** The Jaccard index is estimated by MinHash (Broder 1997): for each of
//! [`SIGNATURE_HASHES`] hash functions, the smallest hash over the text's shingles; two texts'
//! minima agree with probability equal to their Jaccard index, so the share of agreeing
//! positions estimates it (standard error `√(J(1−J)/128)`, 0.044 at J = 0.5). Each minimum is
//! kept to its low 16 bits (b-bit MinHash, Li & König 2010): two different minima then agree
//! by chance with probability 2⁻¹⁶, which shifts the estimate by at most 0.00002, and a
//! signature is 256 bytes, [`Signature::encode`]d as 348 ASCII characters.
//!
//! **Threshold.** A pair is a near-duplicate when its estimated Jaccard index is at least
//! [`NEAR_DUPLICATE_THRESHOLD`] (0.5): at that point at least half of the two texts' distinct
//! three-word phrases are shared, i.e. about two thirds of each text repeats the other. (The
//! old offline writer reached 0.53 between two of the sample catalog's products; products
//! with merely similar vocabulary stay far below, around 0.1–0.2.)
//!
//! **Finding pairs.** [`near_duplicates`] does not compare every pair: signatures are cut into
//! [`BANDS`] bands of [`BAND_ROWS`] values, and only products sharing a band are compared
//! (locality-sensitive hashing). A pair at J = 0.5 shares a band with probability 99.6 %, at
//! J = 0.6 with 99.99 %; a pair at J = 0.1 becomes a candidate with probability 4 %. The work
//! is bounded ([`MAX_COMPARISONS`]) and the listed pairs too ([`MAX_PAIRS`]); counts stay exact
//! for identical signatures and are marked incomplete when a bound was hit.
//!
//! Pure and deterministic: the hash functions are fixed, so the CLI, the edge API and the npm
//! package compute the same signature for the same text.

use std::collections::HashMap;
use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::text::Document;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// Hash functions (positions) in a signature.
pub const SIGNATURE_HASHES: usize = 128;
/// Estimated Jaccard index from which two texts are near-duplicates.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;
/// Bands of the locality-sensitive index ([`near_duplicates`]).
pub const BANDS: usize = 42;
/// Signature positions per band.
pub const BAND_ROWS: usize = 3;
/// Most pairs [`near_duplicates`] lists (the rest are counted).
pub const MAX_PAIRS: usize = 1_000;
/// Most signature comparisons one [`near_duplicates`] call makes; past it the result is marked
/// incomplete. 128 positions each: about 0.1 s of native work.
pub const MAX_COMPARISONS: usize = 2_000_000;
/// Most products a per-product check lists as similar.
pub const MAX_SIMILAR_LISTED: usize = 5;

/// The prefix of an encoded signature: the format's version.
const PREFIX: &str = "mh1.";
/// Bytes of a signature.
const SIGNATURE_BYTES: usize = SIGNATURE_HASHES * 2;

/// A text's MinHash signature. `Default` is the signature of a text without words.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    /// The low 16 bits of each position's minimum; all `u16::MAX` with `empty`.
    mins: [u16; SIGNATURE_HASHES],
    /// The text had no words: similar to nothing, not even another empty text.
    empty: bool,
}

impl Default for Signature {
    fn default() -> Self {
        Signature {
            mins: [u16::MAX; SIGNATURE_HASHES],
            empty: true,
        }
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Why an encoded signature could not be read.
///
/// Serialized as `{"code": …, …fields}` with the same code as [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum SignatureError {
    /// Not a signature of this format (`mh1.` followed by 344 base64url characters).
    #[serde(rename = "signature_invalid")]
    Invalid {
        /// What is wrong.
        message: String,
    },
}

impl ErrorCode for SignatureError {
    fn code(&self) -> &'static str {
        match self {
            SignatureError::Invalid { .. } => "signature_invalid",
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Invalid { message } => write!(f, "invalid signature: {message}"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// SplitMix64's finalizer: a bijective 64-bit mixer with full avalanche.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seed of hash function `i`: fixed forever (changing it changes every stored signature;
/// that would be a new format, `mh2.`).
fn seed(i: usize) -> u64 {
    mix64(0x7072_6f73_656f_0001 ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// FNV-1a of a shingle: its words with a unit separator between them.
fn shingle_hash(words: &[&str]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
        }
        for &b in w.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Signature {
    /// The signature of a description (HTML or plain text with blank-line paragraphs, as
    /// [`Document::parse`] reads it: markup, scripts and shortcodes are not words). A document
    /// keeps its first [`crate::text::MAX_TEXT_BYTES`] of text, so that is what is signed.
    pub fn of_html(html: &str) -> Signature {
        let doc = Document::parse(html);
        let words: Vec<&str> = doc
            .blocks
            .iter()
            .flat_map(|b| b.words().iter().map(move |&r| b.lower_slice(r)))
            .collect();
        Signature::of_words(&words)
    }

    /// The signature of plain text (`<` and `&` are text, not markup).
    pub fn of_text(text: &str) -> Signature {
        let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
        Signature::of_html(&escaped)
    }

    /// The signature of a word sequence (already lowercased by the caller): its
    /// [`SHINGLE_WORDS`]-word shingles, or the whole sequence as one shingle when it is shorter.
    pub fn of_words(words: &[&str]) -> Signature {
        if words.is_empty() {
            return Signature::default();
        }
        let mut full = [u64::MAX; SIGNATURE_HASHES];
        let seeds: Vec<u64> = (0..SIGNATURE_HASHES).map(seed).collect();
        let width = SHINGLE_WORDS.min(words.len());
        for shingle in words.windows(width) {
            let h = shingle_hash(shingle);
            for (m, s) in full.iter_mut().zip(&seeds) {
                let v = mix64(h ^ s);
                if v < *m {
                    *m = v;
                }
            }
        }
        let mut mins = [0u16; SIGNATURE_HASHES];
        for (out, m) in mins.iter_mut().zip(full) {
            // b-bit MinHash: the low 16 bits of each minimum.
            *out = (m & 0xffff) as u16;
        }
        Signature { mins, empty: false }
    }

    /// True for the signature of a text without words.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The estimated Jaccard index of the two texts' shingle sets, 0–1: the share of
    /// positions that agree (a multiple of 1/128). 0 when either text had no words.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.empty || other.empty {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / SIGNATURE_HASHES as f64
    }

    /// The compact text form, stable across versions: `mh1.` and the 256 signature bytes in
    /// unpadded base64url (348 ASCII characters). A text without words is `mh1.` alone.
    pub fn encode(&self) -> String {
        if self.empty {
            return PREFIX.to_owned();
        }
        let mut bytes = Vec::with_capacity(SIGNATURE_BYTES);
        for m in self.mins {
            bytes.extend_from_slice(&m.to_le_bytes());
        }
        let mut out = String::with_capacity(PREFIX.len() + 344);
        out.push_str(PREFIX);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(&bytes, &mut out);
        out
    }

    /// Reads [`Signature::encode`]'s form back.
    pub fn decode(s: &str) -> Result<Signature, SignatureError> {
        let invalid = |message: &str| SignatureError::Invalid {
            message: message.to_owned(),
        };
        let body = s
            .strip_prefix(PREFIX)
            .ok_or_else(|| invalid("it does not start with `mh1.`"))?;
        if body.is_empty() {
            return Ok(Signature::default());
        }
        if body.len() != 342 {
            return Err(invalid("expected 342 base64url characters after `mh1.`"));
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| invalid("not base64url"))?;
        let mut mins = [0u16; SIGNATURE_HASHES];
        for (m, pair) in mins.iter_mut().zip(bytes.chunks_exact(2)) {
            *m = u16::from_le_bytes([pair[0], pair[1]]);
        }
        Ok(Signature { mins, empty: false })
    }

    /// The [`BANDS`] keys of the locality-sensitive index: two signatures that share a key are
    /// candidates for comparison. A caller with its own store (a D1 table of `(key, product)`
    /// rows) can find a product's candidates with these, instead of reading every signature.
    /// Empty for a text without words.
    pub fn band_keys(&self) -> Vec<u64> {
        if self.empty {
            return Vec::new();
        }
        (0..BANDS)
            .map(|band| {
                let rows = &self.mins[band * BAND_ROWS..(band + 1) * BAND_ROWS];
                let mut h = mix64(band as u64 + 1);
                for &r in rows {
                    h = mix64(h ^ u64::from(r));
                }
                h
            })
            .collect()
    }
}

impl Serialize for Signature {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Signature {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Signature::decode(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Signature {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Signature".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A MinHash signature (`contentSignature`): `mh1.` then 342 base64url characters, or `mh1.` alone for a text without words.",
            "pattern": "^mh1\\.([A-Za-z0-9_-]{342})?$"
        })
    }
}

/// One product of a catalog, by its id, with its description's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogEntry {
    /// The caller's product id.
    pub id: String,
    /// [`Signature::of_html`] of its description.
    pub signature: Signature,
}

/// Two products whose descriptions are near-duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DuplicatePair {
    /// One product's id (the one listed first in the catalog).
    pub a: String,
    /// The other's.
    pub b: String,
    /// Estimated Jaccard index of their descriptions' shingles (0–1).
    pub similarity: f64,
}

/// The near-duplicate pairs of a catalog ([`near_duplicates`]) and its summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogDuplicates {
    /// The threshold applied.
    pub threshold: f64,
    /// Products examined (entries with words).
    pub products: u32,
    /// Products in at least one listed or counted pair.
    pub products_with_duplicates: u32,
    /// Pairs at or above the threshold (exact unless `complete` is false).
    pub pairs_total: u64,
    /// The highest similarity found between two products (0 without pairs examined).
    pub max_similarity: f64,
    /// The pairs, most similar first (then by ids), at most [`MAX_PAIRS`].
    pub pairs: Vec<DuplicatePair>,
    /// False when [`MAX_COMPARISONS`] stopped the search: counts are lower bounds then.
    pub complete: bool,
}

/// One product's near-duplicate check against the rest of its catalog ([`check_product`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DuplicateCheck {
    /// `near_duplicate_content`.
    pub code: String,
    /// True when some product is at or above the threshold.
    pub duplicate: bool,
    /// The threshold applied.
    pub threshold: f64,
    /// The highest similarity with another product (0 without others).
    pub max_similarity: f64,
    /// Products at or above the threshold, most similar first, at most
    /// [`MAX_SIMILAR_LISTED`].
    pub similar: Vec<SimilarProduct>,
    /// How many products are at or above the threshold in all.
    pub similar_total: u32,
    /// A sentence for people.
    pub message: String,
}

/// Another product and its similarity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SimilarProduct {
    /// Its id.
    pub id: String,
    /// Estimated Jaccard index (0–1).
    pub similarity: f64,
}

/// The code of the per-product check.
pub const CHECK_CODE: &str = "near_duplicate_content";

/// Checks one product's signature against the other products of its catalog (entries with
/// the product's own id are skipped). Linear in the catalog: 128 comparisons per entry.
pub fn check_product(id: &str, signature: &Signature, catalog: &[CatalogEntry]) -> DuplicateCheck {
    check_with(id, signature, catalog, NEAR_DUPLICATE_THRESHOLD)
}

/// [`check_product`] with another threshold (0–1).
pub fn check_with(
    id: &str,
    signature: &Signature,
    catalog: &[CatalogEntry],
    threshold: f64,
) -> DuplicateCheck {
    let mut max = 0.0f64;
    let mut similar: Vec<SimilarProduct> = Vec::new();
    let mut total = 0u32;
    for e in catalog.iter().filter(|e| e.id != id) {
        let s = signature.similarity(&e.signature);
        max = max.max(s);
        if s >= threshold && !signature.is_empty() {
            total = total.saturating_add(1);
            similar.push(SimilarProduct {
                id: e.id.clone(),
                similarity: s,
            });
            // Keep the best few only: memory stays bounded on any catalog.
            if similar.len() > MAX_SIMILAR_LISTED * 4 {
                sort_similar(&mut similar);
                similar.truncate(MAX_SIMILAR_LISTED);
            }
        }
    }
    sort_similar(&mut similar);
    similar.truncate(MAX_SIMILAR_LISTED);
    let message = match similar.first() {
        Some(top) => format!(
            "the description is a near-duplicate of {total} other product(s) (most similar: `{}`, {:.0}% of three-word phrases shared; threshold {:.0}%)",
            top.id,
            top.similarity * 100.0,
            threshold * 100.0
        ),
        None if signature.is_empty() => "the description has no words to compare".to_owned(),
        None => format!(
            "no other product's description is a near-duplicate (highest similarity {:.0}%, threshold {:.0}%)",
            max * 100.0,
            threshold * 100.0
        ),
    };
    DuplicateCheck {
        code: CHECK_CODE.to_owned(),
        duplicate: total > 0,
        threshold,
        max_similarity: max,
        similar,
        similar_total: total,
        message,
    }
}

fn sort_similar(v: &mut [SimilarProduct]) {
    v.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Every near-duplicate pair of a catalog at [`NEAR_DUPLICATE_THRESHOLD`], and its summary.
pub fn near_duplicates(catalog: &[CatalogEntry]) -> CatalogDuplicates {
    near_duplicates_with(catalog, NEAR_DUPLICATE_THRESHOLD)
}

/// [`near_duplicates`] with another threshold (0–1). Pairs below about 0.3 are found only
/// partly (the index is tuned for the default threshold).
pub fn near_duplicates_with(catalog: &[CatalogEntry], threshold: f64) -> CatalogDuplicates {
    let mut found = Found {
        catalog,
        pairs: Vec::new(),
        pairs_total: 0,
        involved: vec![false; catalog.len()],
    };
    // Identical signatures first: a group of n identical texts is n(n−1)/2 pairs at 1.0,
    // counted without comparing them, and one representative goes to the index.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<&Signature, usize> = HashMap::new();
    for (i, e) in catalog.iter().enumerate() {
        if e.signature.is_empty() {
            continue;
        }
        match group_of.get(&e.signature).and_then(|&g| groups.get_mut(g)) {
            Some(members) => members.push(i),
            None => {
                group_of.insert(&e.signature, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    drop(group_of);
    let products: usize = groups.iter().map(Vec::len).sum();
    let mut max_similarity = 0.0f64;
    for members in groups.iter().filter(|m| m.len() > 1) {
        max_similarity = 1.0;
        found.add(members, members, 1.0, threshold);
    }
    // Distinct signatures: the banded index, one band at a time (memory: one bucket map).
    // A pair is compared in the first band it shares, so never twice.
    let keys: Vec<Vec<u64>> = groups
        .iter()
        .map(|m| {
            m.first()
                .and_then(|&i| catalog.get(i))
                .map(|e| e.signature.band_keys())
                .unwrap_or_default()
        })
        .collect();
    let mut comparisons = 0usize;
    let mut complete = true;
    'search: for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (g, k) in keys.iter().enumerate() {
            if let Some(&key) = k.get(band) {
                buckets.entry(key).or_default().push(g);
            }
        }
        let mut bucket_keys: Vec<u64> = buckets.keys().copied().collect();
        bucket_keys.sort_unstable();
        for key in bucket_keys {
            let Some(bucket) = buckets.get(&key) else {
                continue;
            };
            for (k, &ga) in bucket.iter().enumerate() {
                for &gb in bucket.get(k + 1..).unwrap_or(&[]) {
                    let (Some(ka), Some(kb)) = (keys.get(ga), keys.get(gb)) else {
                        continue;
                    };
                    if ka.iter().zip(kb).take(band).any(|(x, y)| x == y) {
                        continue; // compared in an earlier band
                    }
                    if comparisons >= MAX_COMPARISONS {
                        complete = false;
                        break 'search;
                    }
                    comparisons += 1;
                    let (Some(a), Some(b)) = (groups.get(ga), groups.get(gb)) else {
                        continue;
                    };
                    let sig = |m: &Vec<usize>| {
                        m.first()
                            .and_then(|&i| catalog.get(i))
                            .map(|e| &e.signature)
                    };
                    let (Some(sa), Some(sb)) = (sig(a), sig(b)) else {
                        continue;
                    };
                    let s = sa.similarity(sb);
                    max_similarity = max_similarity.max(s);
                    found.add(a, b, s, threshold);
                }
            }
        }
    }
    let Found {
        mut pairs,
        pairs_total,
        involved,
        ..
    } = found;
    sort_pairs(&mut pairs);
    pairs.truncate(MAX_PAIRS);
    CatalogDuplicates {
        threshold,
        products: products as u32,
        products_with_duplicates: involved.iter().filter(|&&x| x).count() as u32,
        pairs_total,
        max_similarity,
        pairs,
        complete,
    }
}

/// The pairs found so far: at most `2 × MAX_PAIRS` kept between sorts, all counted.
struct Found<'a> {
    catalog: &'a [CatalogEntry],
    pairs: Vec<DuplicatePair>,
    pairs_total: u64,
    involved: Vec<bool>,
}

impl Found<'_> {
    /// Records the pairs between two groups of identical signatures at similarity `s` (the
    /// pairs within one group when `a` and `b` are the same group).
    fn add(&mut self, a: &[usize], b: &[usize], s: f64, threshold: f64) {
        if s < threshold {
            return;
        }
        let same = std::ptr::eq(a, b);
        let n = if same {
            let n = a.len() as u64;
            n * n.saturating_sub(1) / 2
        } else {
            a.len() as u64 * b.len() as u64
        };
        self.pairs_total = self.pairs_total.saturating_add(n);
        for &m in a.iter().chain(b) {
            if let Some(x) = self.involved.get_mut(m) {
                *x = true;
            }
        }
        // List at most MAX_PAIRS of them: all have the same similarity.
        let mut listed = 0usize;
        'outer: for (k, &x) in a.iter().enumerate() {
            let others = if same {
                a.get(k + 1..).unwrap_or(&[])
            } else {
                b
            };
            for &y in others {
                if listed == MAX_PAIRS {
                    break 'outer;
                }
                listed += 1;
                let (i, j) = (x.min(y), x.max(y));
                if let (Some(ei), Some(ej)) = (self.catalog.get(i), self.catalog.get(j)) {
                    self.pairs.push(DuplicatePair {
                        a: ei.id.clone(),
                        b: ej.id.clone(),
                        similarity: s,
                    });
                }
            }
        }
        if self.pairs.len() > MAX_PAIRS * 2 {
            sort_pairs(&mut self.pairs);
            self.pairs.truncate(MAX_PAIRS);
        }
    }
}

fn sort_pairs(v: &mut [DuplicatePair]) {
    v.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
}

#[cfg(test)]
mod tests;
