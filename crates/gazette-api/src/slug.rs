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
    for c in text.chars().map(lowercase) {
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

/// The lowercase of the letters the table knows (ASCII, Latin-1, Latin
/// Extended-A, Cyrillic); any other character as it is. `char::to_lowercase`
/// would link Unicode's whole case table into the app: 8 kB, for letters no
/// slug can hold.
fn lowercase(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x410..=0x42F => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0x178 => 0xFF,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x490..=0x4BF if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
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
        // Every capital the table knows lowers as Unicode lowers it.
        let capitals = "ABZÁÉÍÓÚÝČĎĚŇŘŠŤŮŽĹĽŁŃŚŹŻĄĘÖÜÄÕØÅÑÇŸАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЫЭЁЪ";
        for capital in capitals.chars() {
            let expected = capital.to_lowercase().next().unwrap();
            assert_eq!(lowercase(capital), expected, "{capital}");
        }
        assert_eq!(slug_of("ŽLUŤOUČKÝ KŮŇ").as_deref(), Some("zlutoucky-kun"));
        assert_eq!(slug_of("ЗУСТРІЧ ҐАНОК").as_deref(), Some("zustrich-ganok"));
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
