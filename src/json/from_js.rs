//! A serde `Deserializer` over what `JSON.parse` returns, in place of
//! serde-wasm-bindgen's. Two reasons:
//!
//! - its error type is ours, so the messages of a malformed answer do not
//!   go through serde's `Unexpected` (whose `Display` brings Rust's float
//!   formatting and its tables, and `&str`'s `Debug`, into every wasm: about
//!   10 kB, raw, of the join form's widget). A number is written by the
//!   browser instead.
//! - values nest at most [`MAX_DEPTH`] deep, as serde_json allows, so that a
//!   hostile answer is an error rather than a stack overflow, which would
//!   kill the page.
//!
//! What `JSON.parse` can return is null, a boolean, a number, a string, an
//! array or a plain object; an object's keys are read in its own order, and
//! a field a type does not know is skipped without being read.

use std::fmt::{self, Display};

use js_sys::{Array, Number, Object};
use serde::de::{
    self, value::StringDeserializer, DeserializeSeed, EnumAccess, Expected, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

/// How deep arrays and objects may nest: serde_json's limit.
pub const MAX_DEPTH: u32 = 128;

/// Why a value is not the shape a type needs.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Error {
        Error(message.to_string())
    }

    // serde's own two say what they found through `Unexpected`'s `Display`.
    fn invalid_type(found: Unexpected, expected: &dyn Expected) -> Error {
        Error(format!(
            "invalid type: {}, expected {expected}",
            described(found)
        ))
    }

    fn invalid_value(found: Unexpected, expected: &dyn Expected) -> Error {
        Error(format!(
            "invalid value: {}, expected {expected}",
            described(found)
        ))
    }
}

/// What was found, in serde's words, a number as the browser writes it.
fn described(found: Unexpected) -> String {
    match found {
        Unexpected::Bool(value) => format!("boolean `{value}`"),
        Unexpected::Unsigned(value) => format!("integer `{value}`"),
        Unexpected::Signed(value) => format!("integer `{value}`"),
        Unexpected::Float(value) => {
            let written = Number::from(value)
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default();
            format!("floating point `{written}`")
        }
        Unexpected::Char(value) => format!("character `{value}`"),
        Unexpected::Str(value) => format!("string \"{value}\""),
        Unexpected::Bytes(_) => "byte array".to_owned(),
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Option => "Option value".to_owned(),
        Unexpected::NewtypeStruct => "newtype struct".to_owned(),
        Unexpected::Seq => "sequence".to_owned(),
        Unexpected::Map => "map".to_owned(),
        Unexpected::Enum => "enum".to_owned(),
        Unexpected::UnitVariant => "unit variant".to_owned(),
        Unexpected::NewtypeVariant => "newtype variant".to_owned(),
        Unexpected::TupleVariant => "tuple variant".to_owned(),
        Unexpected::StructVariant => "struct variant".to_owned(),
        Unexpected::Other(other) => other.to_owned(),
    }
}

/// A value from `JSON.parse`, at a depth.
pub struct FromJs {
    value: JsValue,
    depth: u32,
}

impl FromJs {
    /// The whole value `JSON.parse` returned.
    pub fn new(value: JsValue) -> FromJs {
        FromJs { value, depth: 0 }
    }

    /// A value inside this one's array or object.
    fn inner(&self, value: JsValue) -> FromJs {
        FromJs {
            value,
            depth: self.depth + 1,
        }
    }

    fn too_deep(&self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error(format!("values nest more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    /// An object's `[key, value]` pairs, when the value is a plain object.
    fn entries(&self) -> Option<Array> {
        let plain = self.value.is_object() && !Array::is_array(&self.value);
        plain.then(|| Object::entries(self.value.unchecked_ref()))
    }
}

impl<'de> de::Deserializer<'de> for FromJs {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() || self.value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(flag) = self.value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = self.value.as_f64() {
            // Integers as integers, as serde_json reads them.
            if number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_991.0 {
                if number >= 0.0 {
                    visitor.visit_u64(number as u64)
                } else {
                    visitor.visit_i64(number as i64)
                }
            } else {
                visitor.visit_f64(number)
            }
        } else if let Some(text) = self.value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&self.value) {
            self.too_deep()?;
            let items = Items {
                array: self.value.clone().unchecked_into(),
                next: 0,
                of: &self,
            };
            visitor.visit_seq(items)
        } else if let Some(entries) = self.entries() {
            self.too_deep()?;
            let entries = Entries {
                entries,
                next: 0,
                value: None,
                of: &self,
            };
            visitor.visit_map(entries)
        } else {
            Err(de::Error::invalid_type(
                Unexpected::Other("a value JSON does not have"),
                &visitor,
            ))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() || self.value.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// A field the type does not know: skipped, not read.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant as its name, or a variant with data as an object of
    /// one key, as serde_json reads them.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(name) = self.value.as_string() {
            return visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(name));
        }
        let pair = self
            .entries()
            .filter(|entries| entries.length() == 1)
            .map(|entries| Array::from(&entries.get(0)));
        match pair {
            Some(pair) => {
                self.too_deep()?;
                visitor.visit_enum(Variant {
                    name: pair
                        .get(0)
                        .as_string()
                        .unwrap_or_default()
                        .into_deserializer(),
                    value: self.inner(pair.get(1)),
                })
            }
            None => Err(de::Error::invalid_type(
                Unexpected::Other("neither a string nor an object of one key"),
                &visitor,
            )),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items, in order.
struct Items<'a> {
    array: Array,
    next: u32,
    of: &'a FromJs,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let item = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(self.of.inner(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.array.length() - self.next) as usize)
    }
}

/// An object's keys and values, in its order.
struct Entries<'a> {
    entries: Array,
    next: u32,
    value: Option<JsValue>,
    of: &'a FromJs,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let pair = Array::from(&self.entries.get(self.next));
        self.next += 1;
        self.value = Some(pair.get(1));
        seed.deserialize(self.of.inner(pair.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(self.of.inner(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.entries.length() - self.next) as usize)
    }
}

/// A variant with data: its name and its value.
struct Variant {
    name: StringDeserializer<Error>,
    value: FromJs,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = FromJs;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, FromJs), Error> {
        Ok((seed.deserialize(self.name)?, self.value))
    }
}

impl<'de> VariantAccess<'de> for FromJs {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
