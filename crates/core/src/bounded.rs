//! Bounded lists in the wire types: a list longer than its limit is a decoding error, raised
//! as soon as the limit is passed, so a hostile body never makes the decoder allocate past it.
//!
//! serde alone decodes every element first: 5 MB of `[{}, {}, …]` as a product's variants is
//! 1.7 M structs, 200 MB. The limits are generous for real catalogs and are listed with the
//! types that use them ([`crate::product`], [`crate::content`]).
//!
//! Use with `#[serde(deserialize_with = "crate::bounded::vec::<_, _, 1000>")]`; outside the
//! core, `proseo_core::bounded::vec::<_, _, N>` bounds a list of a caller's own wire type the
//! same way (the edge API's job products, for instance).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

/// Decodes a list of at most `N` elements; a longer one is an `invalid length` error
/// ("expected a list of at most N elements").
pub fn vec<'de, D, T, const N: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    // The limit travels as a value, so each element type has one visitor whatever its limit
    // (this code is in the npm package's size-budgeted .wasm).
    d.deserialize_seq(AtMost::<T>(N, PhantomData))
}

struct AtMost<T>(usize, PhantomData<T>);

/// Shared by every `AtMost`: what a list past its limit is.
fn too_long<E: serde::de::Error>(max: usize) -> E {
    E::invalid_length(max.saturating_add(1), &Expecting(max))
}

struct Expecting(usize);

impl serde::de::Expected for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} elements", self.0)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for AtMost<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        serde::de::Expected::fmt(&Expecting(self.0), f)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let max = self.0;
        let mut out = Vec::new();
        while let Some(item) = seq.next_element()? {
            if out.len() == max {
                return Err(too_long(max));
            }
            out.push(item);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Three {
        #[serde(default, deserialize_with = "vec::<_, _, 3>")]
        items: Vec<u8>,
    }

    #[test]
    fn lists_up_to_the_limit_decode() {
        let t: Three = serde_json::from_str(r#"{"items": [1, 2, 3]}"#).unwrap();
        assert_eq!(t.items, [1, 2, 3]);
        let t: Three = serde_json::from_str("{}").unwrap();
        assert!(t.items.is_empty());
    }

    #[test]
    fn longer_lists_are_an_error() {
        let e = serde_json::from_str::<Three>(r#"{"items": [1, 2, 3, 4]}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid length 4, expected a list of at most 3 elements"),
            "{e}"
        );
        // Wrong types stay errors.
        assert!(serde_json::from_str::<Three>(r#"{"items": "x"}"#).is_err());
        assert!(serde_json::from_str::<Three>(r#"{"items": null}"#).is_err());
    }
}
