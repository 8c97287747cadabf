//! Deserializing an argument with the JSON pointer of where it failed.
//!
//! The argument, as a `serde_json::Value`, is deserialized into the core type by
//! [`from_value`] through a small `Deserializer` that knows its own path. When deserialization
//! fails, the innermost value that failed records its path, so `{ attributes: [{ name: 1 }] }`
//! for a `Product` fails at `/attributes/0/name`, and a missing field at the object's path.
//!
//! This replaces `serde_path_to_error`, which wraps every visitor of every argument type; the
//! paths and messages are the ones it gave (serde's own `invalid type: …, expected …` texts).
//! Each `deserialize_*` accepts only its JSON type, so a visitor instantiates only what it
//! accepts.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Map, Value};

/// A deserialization error: serde's message.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    // serde's own texts, except that a float is written by `proseo_core::number::Decimal`
    // rather than `f64`'s `Display` (kept out of the scoring .wasm for size).
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid type: {}, expected {exp}",
            Unexpected(unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid value: {}, expected {exp}",
            Unexpected(unexp)
        ))
    }
}

/// `de::Unexpected`'s `Display`, word for word (tested), with floats written by
/// [`proseo_core::number::Decimal`]. Every variant is spelled out: deferring to serde's own
/// `Display` for the others would keep its float branch, and `f64`'s `Display`, in the .wasm.
struct Unexpected<'a>(de::Unexpected<'a>);

impl fmt::Display for Unexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use de::Unexpected as U;
        match self.0 {
            U::Bool(b) => write!(f, "boolean `{b}`"),
            U::Unsigned(i) => write!(f, "integer `{i}`"),
            U::Signed(i) => write!(f, "integer `{i}`"),
            U::Float(v) => {
                let text = proseo_core::number::Decimal(v).to_string();
                // serde's `WithDecimalPoint`: a finite float always shows a point.
                let point = if v.is_finite() && !text.contains('.') {
                    ".0"
                } else {
                    ""
                };
                write!(f, "floating point `{text}{point}`")
            }
            U::Char(c) => write!(f, "character `{c}`"),
            U::Str(s) => write!(f, "string {s:?}"),
            U::Bytes(_) => f.write_str("byte array"),
            U::Unit => f.write_str("unit value"),
            U::Option => f.write_str("Option value"),
            U::NewtypeStruct => f.write_str("newtype struct"),
            U::Seq => f.write_str("sequence"),
            U::Map => f.write_str("map"),
            U::Enum => f.write_str("enum"),
            U::UnitVariant => f.write_str("unit variant"),
            U::NewtypeVariant => f.write_str("newtype variant"),
            U::TupleVariant => f.write_str("tuple variant"),
            U::StructVariant => f.write_str("struct variant"),
            U::Other(other) => f.write_str(other),
        }
    }
}

/// Where a value sits in the argument.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Index(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    /// The JSON pointer (`/variants/0/regular_price`; `~` and `/` in keys escaped).
    fn pointer(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Index(parent, i) => {
                parent.pointer(out);
                out.push('/');
                out.push_str(&i.to_string());
            }
            Path::Key(parent, key) => {
                parent.pointer(out);
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
        }
    }
}

/// The path of the first (innermost) failure.
#[derive(Default)]
struct Track(RefCell<Option<String>>);

impl Track {
    fn note<T>(&self, result: Result<T, Error>, path: &Path<'_>) -> Result<T, Error> {
        if result.is_err() {
            let mut first = self.0.borrow_mut();
            if first.is_none() {
                let mut pointer = String::new();
                path.pointer(&mut pointer);
                *first = Some(pointer);
            }
        }
        result
    }
}

/// Deserializes `value` into `T`; on failure, the JSON pointer of the failing value (empty for
/// the argument itself) and serde's message.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, (String, String)> {
    let track = Track::default();
    T::deserialize(De {
        value,
        path: Path::Root,
        track: &track,
    })
    .map_err(|e| (track.0.take().unwrap_or_default(), e.0))
}

struct De<'a> {
    value: Value,
    path: Path<'a>,
    track: &'a Track,
}

impl<'de> Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let De { value, path, track } = self;
        let result = match value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.into_iter(),
                index: 0,
                path: &path,
                track,
            }),
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
                path: &path,
                track,
            }),
        };
        track.note(result, &path)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() {
            let (path, track) = (self.path, self.track);
            track.note(visitor.visit_none(), &path)
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let De { value, path, track } = self;
        let result = match value {
            // A unit variant: `"article"`.
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            // `{ "variant": value }`.
            Value::Object(map) if map.len() == 1 => match map.into_iter().next() {
                Some((variant, value)) => visitor.visit_enum(Variant {
                    variant: &variant,
                    value,
                    path: Path::Key(&path, &variant),
                    track,
                }),
                None => Err(de::Error::custom("empty enum object")),
            },
            other => Err(de::Error::invalid_type(unexpected(&other), &"an enum")),
        };
        track.note(result, &path)
    }

    // One `visit_*` per expected type, so each visitor only instantiates what it accepts (the
    // mismatch message is serde's own: `invalid type: integer `1`, expected a string`).
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.expect(visitor, |value, visitor| match value {
            Value::Bool(b) => Ok(visitor.visit_bool(b)),
            other => Err((other, visitor)),
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.expect(visitor, |value, visitor| match value {
            Value::String(s) => Ok(visitor.visit_string(s)),
            other => Err((other, visitor)),
        })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.expect(visitor, |value, visitor| match value {
            Value::Number(n) => Ok(if let Some(u) = n.as_u64() {
                visitor.visit_u64(u)
            } else if let Some(i) = n.as_i64() {
                visitor.visit_i64(i)
            } else {
                visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
            }),
            other => Err((other, visitor)),
        })
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.expect(visitor, |value, visitor| match value {
            Value::Null => Ok(visitor.visit_unit()),
            other => Err((other, visitor)),
        })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let De { value, path, track } = self;
        let result = match value {
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.into_iter(),
                index: 0,
                path: &path,
                track,
            }),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        };
        track.note(result, &path)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let De { value, path, track } = self;
        let result = match value {
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.into_iter(),
                value: None,
                path: &path,
                track,
            }),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        };
        track.note(result, &path)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit_struct tuple tuple_struct
    }
}

impl De<'_> {
    /// Runs `visit` on the value; a value of another type (`Err((value, visitor))`) is serde's
    /// "invalid type" error. Notes the path of a failure.
    fn expect<'de, V: Visitor<'de>>(
        self,
        visitor: V,
        visit: impl FnOnce(Value, V) -> Result<Result<V::Value, Error>, (Value, V)>,
    ) -> Result<V::Value, Error> {
        let De { value, path, track } = self;
        let result = match visit(value, visitor) {
            Ok(result) => result,
            Err((other, visitor)) => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        };
        track.note(result, &path)
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (_, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Seq<'a> {
    items: std::vec::IntoIter<Value>,
    index: usize,
    path: &'a Path<'a>,
    track: &'a Track,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        let result = seed.deserialize(De {
            value,
            path,
            track: self.track,
        });
        // Also a failure outside this deserializer (an untagged enum tries its variants on a
        // buffered copy) belongs to this element.
        self.track.note(result, &path).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a> {
    entries: <Map<String, Value> as IntoIterator>::IntoIter,
    /// The value of the key just read, and the key.
    value: Option<(String, Value)>,
    path: &'a Path<'a>,
    track: &'a Track,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let result = seed.deserialize(key.as_str().into_deserializer()).map(Some);
        let path = Path::Key(self.path, &key);
        let result = self.track.note(result, &path);
        self.value = Some((key, value));
        result
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("value without a key"));
        };
        let path = Path::Key(self.path, &key);
        let result = seed.deserialize(De {
            value,
            path,
            track: self.track,
        });
        self.track.note(result, &path)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant<'a> {
    variant: &'a str,
    value: Value,
    /// The variant's content sits under its name.
    path: Path<'a>,
    track: &'a Track,
}

impl<'de, 'a> EnumAccess<'de> for Variant<'a> {
    type Error = Error;
    type Variant = De<'a>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, De<'a>), Error> {
        let tag = seed.deserialize(self.variant.into_deserializer())?;
        Ok((
            tag,
            De {
                value: self.value,
                path: self.path,
                track: self.track,
            },
        ))
    }
}

impl<'de> VariantAccess<'de> for De<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if self.value.is_null() {
            Ok(())
        } else {
            Err(de::Error::invalid_type(
                unexpected(&self.value),
                &"unit variant",
            ))
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;

    #[test]
    fn float_messages_are_serdes() {
        for v in [
            1.0,
            0.5,
            -0.0,
            12.25,
            1e300,
            -2.5e-7,
            1e16,
            f64::NAN,
            f64::INFINITY,
        ] {
            for unexp in [
                de::Unexpected::Float(v),
                de::Unexpected::Bool(true),
                de::Unexpected::Unsigned(7),
                de::Unexpected::Signed(-3),
                de::Unexpected::Char('é'),
                de::Unexpected::Str("a \"quoted\"\n string"),
                de::Unexpected::Bytes(b"x"),
                de::Unexpected::Unit,
                de::Unexpected::Option,
                de::Unexpected::NewtypeStruct,
                de::Unexpected::Seq,
                de::Unexpected::Map,
                de::Unexpected::Enum,
                de::Unexpected::UnitVariant,
                de::Unexpected::NewtypeVariant,
                de::Unexpected::TupleVariant,
                de::Unexpected::StructVariant,
                de::Unexpected::Other("other"),
            ] {
                assert_eq!(
                    Error::invalid_type(unexp, &"a string").0,
                    format!("invalid type: {unexp}, expected a string")
                );
                assert_eq!(
                    Error::invalid_value(unexp, &"a price").0,
                    format!("invalid value: {unexp}, expected a price")
                );
            }
        }
    }

    #[test]
    fn a_float_where_a_string_belongs_is_reported_at_its_path() {
        let json = serde_json::json!({ "name": 1.5 });
        let err = from_value::<proseo_core::product::Product>(json).err();
        assert_eq!(
            err,
            Some((
                "/name".to_owned(),
                "invalid type: floating point `1.5`, expected a string".to_owned()
            ))
        );
    }
}
