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
/// ("expected at most N elements").
pub fn vec<'de, D, T, const N: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(AtMost::<T, N>(PhantomData))
}

struct AtMost<T, const N: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for AtMost<T, N> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {N} elements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The size hint is the input's claim: trust it only up to a small capacity.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(N).min(64));
        while let Some(item) = seq.next_element()? {
            if out.len() == N {
                return Err(serde::de::Error::invalid_length(N + 1, &self));
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
