//! [`FieldErrors`]: error codes per field name, a JSON object on the wire.
//!
//! A form has a handful of fields, so the codes are kept in a vector sorted
//! by field name rather than in a `BTreeMap`: the same order and the same
//! JSON, for a fraction of the code in the join form's wasm (the map's
//! insertion, rebalancing and iteration were about 13 kB of it, raw).

use std::{fmt, ops::Index};

use serde::{
    de::{MapAccess, Visitor},
    ser::SerializeMap,
    Deserialize, Deserializer, Serialize, Serializer,
};

/// Error codes per field name, e.g. `{"email": ["invalid_email"]}`, sorted by
/// field name. A name given twice in a decoded object keeps its last codes,
/// as a map would.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> FieldErrors {
        FieldErrors(Vec::new())
    }

    /// Whether no field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.as_str().cmp(name))
    }

    /// The codes of the field `name`, if it has any entry.
    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.position(name).ok().map(|at| self.0[at].1.as_slice())
    }

    /// Adds `code` to the codes of the field `name`.
    pub fn add(&mut self, name: &str, code: &str) {
        match self.position(name) {
            Ok(at) => self.0[at].1.push(code.to_owned()),
            Err(at) => self.0.insert(at, (name.to_owned(), vec![code.to_owned()])),
        }
    }

    /// Sets the codes of the field `name`, replacing any it had.
    pub fn insert(&mut self, name: String, codes: Vec<String>) {
        match self.position(&name) {
            Ok(at) => self.0[at].1 = codes,
            Err(at) => self.0.insert(at, (name, codes)),
        }
    }

    /// Removes the field `name`'s codes.
    pub fn remove(&mut self, name: &str) {
        if let Ok(at) = self.position(name) {
            self.0.remove(at);
        }
    }

    /// The field names with codes, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }
}

/// `errors["email"]`, for tests; panics when the field has no entry, as a
/// map's index does.
impl Index<&str> for FieldErrors {
    type Output = [String];

    fn index(&self, name: &str) -> &[String] {
        match self.get(name) {
            Some(codes) => codes,
            None => panic!("no errors for the field {name:?}"),
        }
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, codes) in &self.0 {
            map.serialize_entry(name, codes)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldErrors, D::Error> {
        struct Entries;

        impl<'de> Visitor<'de> for Entries {
            type Value = FieldErrors;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an object of error codes per field")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<FieldErrors, A::Error> {
                let mut errors = FieldErrors::new();
                while let Some((name, codes)) = entries.next_entry::<String, Vec<String>>()? {
                    errors.insert(name, codes);
                }
                Ok(errors)
            }
        }

        deserializer.deserialize_map(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_sorted_by_name_whatever_the_order_added() {
        let mut errors = FieldErrors::new();
        errors.add("name", "required");
        errors.add("consent", "consent_required");
        errors.add("email", "required");
        errors.add("email", "invalid_email");
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["consent", "email", "name"]
        );
        assert_eq!(&errors["email"], ["required", "invalid_email"]);
        errors.remove("email");
        errors.remove("message");
        assert_eq!(errors.get("email"), None);
        assert_eq!(errors.keys().count(), 2);
    }

    #[test]
    fn travels_as_a_json_object_in_name_order() {
        let mut errors = FieldErrors::new();
        errors.add("name", "required");
        errors.add("email", "invalid_email");
        let json = serde_json::to_string(&errors).unwrap();
        assert_eq!(json, r#"{"email":["invalid_email"],"name":["required"]}"#);
        assert_eq!(serde_json::from_str::<FieldErrors>(&json).unwrap(), errors);
    }

    #[test]
    fn a_name_given_twice_keeps_its_last_codes() {
        let errors: FieldErrors =
            serde_json::from_str(r#"{"email":["required"],"email":["invalid_email"]}"#).unwrap();
        assert_eq!(&errors["email"], ["invalid_email"]);
        assert_eq!(errors.keys().count(), 1);
    }

    #[test]
    fn anything_but_an_object_of_lists_of_strings_is_refused() {
        for json in [
            r#"["email"]"#,
            r#"{"email":"required"}"#,
            r#"{"email":[1]}"#,
            "null",
        ] {
            assert!(serde_json::from_str::<FieldErrors>(json).is_err(), "{json}");
        }
    }
}
