//! Slugs made from names and titles, one rule for every source and for the
//! app: a tag's or an author's page (`/tag/velvyslanectvi`) is where the
//! app links it, and where the server serves it.
//!
//! Long only by the transliteration table.

/// The slug of a name or title: lowercased, Cyrillic transliterated
/// (Ukrainian national system), Latin accents removed, anything else one
/// hyphen, at most 100 characters; `None` when nothing is left (`🎉`).
pub fn slug_of(text: &str) -> Option<String> {
    let mut slug = String::new();
    for c in text.to_lowercase().chars() {
        match transliterate(c) {
            Some(latin) => slug.push_str(latin),
            None if !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(100).collect();
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_owned())
}

/// One lowercase character in ASCII letters and digits (nothing for the
/// soft sign and apostrophes, which join letters); `None` for a separator.
fn transliterate(c: char) -> Option<&'static str> {
    const LATIN: &[(&str, &str)] = &[
        ("áàâäãå", "a"),
        ("č", "c"),
        ("ćç", "c"),
        ("ď", "d"),
        ("éèêëě", "e"),
        ("íìîï", "i"),
        ("ľĺł", "l"),
        ("ňńñ", "n"),
        ("óòôöõø", "o"),
        ("ř", "r"),
        ("šśß", "s"),
        ("ť", "t"),
        ("úùûüů", "u"),
        ("ýÿ", "y"),
        ("žźż", "z"),
        ("ą", "a"),
        ("ę", "e"),
    ];
    const CYRILLIC: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "h"),
        ('ґ', "g"),
        ('д', "d"),
        ('е', "e"),
        ('є', "ie"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "y"),
        ('і', "i"),
        ('ї', "i"),
        ('й', "i"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ь', ""),
        ('ю', "iu"),
        ('я', "ia"),
        ('ы', "y"),
        ('э', "e"),
        ('ё', "e"),
        ('ъ', ""),
        ('\'', ""),
        ('’', ""),
    ];
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if let Some(at) = ASCII.find(c) {
        return Some(&ASCII[at..at + 1]);
    }
    LATIN
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, latin)| *latin)
        .or_else(|| {
            CYRILLIC
                .iter()
                .find(|(from, _)| *from == c)
                .map(|(_, latin)| *latin)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(slug_of("Velvyslanectví").as_deref(), Some("velvyslanectvi"));
        assert_eq!(
            slug_of("Зустріч у Празі").as_deref(),
            Some("zustrich-u-prazi")
        );
        assert_eq!(slug_of("Hans Weber").as_deref(), Some("hans-weber"));
        assert_eq!(slug_of("Зв'язок").as_deref(), Some("zviazok"));
        assert_eq!(slug_of(" -- "), None);
        assert_eq!(slug_of("🎉"), None);
        for name in [
            "Ukraine & the Czech Republic!",
            "Příliš žluťoučký kůň",
            "Ёлка Ъ",
        ] {
            let slug = slug_of(name).unwrap();
            assert!(crate::content::is_valid_slug(&slug), "{name}: {slug}");
        }
    }
}
