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
        Unexpected::Float(value) => format!("floating point `{}`", written(value)),
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

/// A number that JSON's integers can be: whole, and exact in a double.
fn integer(number: f64) -> Option<f64> {
    (number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_991.0).then_some(number)
}

/// A number as the browser writes it, which Rust's float formatting (and its
/// tables) would otherwise do in the wasm.
fn written(number: f64) -> String {
    Number::from(number)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
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

    fn is_null(&self) -> bool {
        self.value.is_null() || self.value.is_undefined()
    }

    /// An object's `[key, value]` pairs, when the value is a plain object.
    fn entries(&self) -> Option<Array> {
        let plain = self.value.is_object() && !Array::is_array(&self.value);
        plain.then(|| Object::entries(self.value.unchecked_ref()))
    }

    /// The array's items, unless they would nest too deep.
    fn items(&self) -> Result<Items<'_>, Error> {
        self.within_depth()?;
        Ok(Items {
            array: self.value.clone().unchecked_into(),
            next: 0,
            of: self,
        })
    }

    /// An object's entries, unless they would nest too deep.
    fn object(&self, entries: Array) -> Result<Entries<'_>, Error> {
        self.within_depth()?;
        Ok(Entries {
            entries,
            next: 0,
            value: None,
            of: self,
        })
    }

    fn within_depth(&self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error(format!("values nest more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    /// The error for a value that is not what `expected` takes: one function
    /// for every type, not generic, which keeps each type's decoder small.
    /// It says what it found in [`described`]'s words, written out here: going
    /// through `Unexpected` and `described` measured 0.3 kB more (brotli) in
    /// the join form's widget.
    fn wrong_type(&self, expected: &dyn Expected) -> Error {
        let found = if self.is_null() {
            "null".to_owned()
        } else if let Some(flag) = self.value.as_bool() {
            format!("boolean `{flag}`")
        } else if let Some(number) = self.value.as_f64() {
            match integer(number) {
                Some(_) => format!("integer `{}`", written(number)),
                None => format!("floating point `{}`", written(number)),
            }
        } else if let Some(text) = self.value.as_string() {
            format!("string \"{text}\"")
        } else if Array::is_array(&self.value) {
            "sequence".to_owned()
        } else {
            "map".to_owned()
        };
        Error(format!("invalid type: {found}, expected {expected}"))
    }
}

impl<'de> de::Deserializer<'de> for FromJs {
    type Error = Error;

    /// Whatever the value is: for serde's own buffering (`Block`'s tag).
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else if let Some(flag) = self.value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = self.value.as_f64() {
            // Integers as integers, as serde_json reads them.
            match integer(number) {
                Some(whole) if whole >= 0.0 => visitor.visit_u64(whole as u64),
                Some(whole) => visitor.visit_i64(whole as i64),
                None => visitor.visit_f64(number),
            }
        } else if let Some(text) = self.value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&self.value) {
            visitor.visit_seq(self.items()?)
        } else if let Some(entries) = self.entries() {
            visitor.visit_map(self.object(entries)?)
        } else {
            Err(self.wrong_type(&visitor))
        }
    }

    // The others read only the kind of value their type takes, and any other
    // is the one error: a type's decoder does not carry every kind's visit.

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value.as_bool() {
            Some(flag) => visitor.visit_bool(flag),
            None => Err(self.wrong_type(&visitor)),
        }
    }

    /// Every integer type: serde's visitors check the range.
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value.as_f64().and_then(integer) {
            Some(whole) if whole >= 0.0 => visitor.visit_u64(whole as u64),
            Some(whole) => visitor.visit_i64(whole as i64),
            None => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value.as_f64() {
            Some(number) => visitor.visit_f64(number),
            None => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value.as_string() {
            Some(text) => visitor.visit_string(text),
            None => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.wrong_type(&visitor))
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if Array::is_array(&self.value) {
            visitor.visit_seq(self.items()?)
        } else {
            Err(self.wrong_type(&visitor))
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.entries() {
            Some(entries) => visitor.visit_map(self.object(entries)?),
            None => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
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
                self.within_depth()?;
                visitor.visit_enum(Variant {
                    name: pair
                        .get(0)
                        .as_string()
                        .unwrap_or_default()
                        .into_deserializer(),
                    value: self.inner(pair.get(1)),
                })
            }
            None => Err(self.wrong_type(&visitor)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
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

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! { i128 u128 bytes byte_buf }
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
