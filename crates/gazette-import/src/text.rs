//! The small text conversions the CMS sources need: a slug the contract
//! accepts from any title or CMS slug (Czech, Ukrainian, percent-encoded),
//! and a timestamp with an offset turned into UTC.
//!

use gazette_api::{
    content::{days_from_civil, is_rfc3339_utc, utc_timestamp},
    slug::slug_of,
};

/// A valid slug for `raw` (a CMS slug, perhaps percent-encoded, or a title):
/// decoded, then made as every slug is (`gazette_api::slug::slug_of`);
/// `post` when nothing of it is left.
pub fn slug(raw: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    slug_of(&decoded).unwrap_or_else(|| "post".to_owned())
}

/// A timestamp as the contract has it (RFC 3339 in UTC, `Z`), from one with
/// an offset (`2024-05-22T14:00:00.000+02:00`) or none (WordPress's
/// `date_gmt`, `2024-05-22T12:00:00`, which is UTC).
pub fn utc(timestamp: &str) -> Option<String> {
    let timestamp = timestamp.trim();
    let (date_time, offset_minutes) = if let Some(rest) = timestamp.strip_suffix(['Z', 'z']) {
        (rest, 0)
    } else if timestamp.len() > 19
        && matches!(timestamp.as_bytes()[timestamp.len() - 6], b'+' | b'-')
    {
        let (rest, offset) = timestamp.split_at(timestamp.len() - 6);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let hours: i64 = offset.get(1..3)?.parse().ok()?;
        let minutes: i64 = offset.get(4..6)?.parse().ok()?;
        (rest, sign * (hours * 60 + minutes))
    } else {
        (timestamp, 0)
    };
    let date_time = date_time.split('.').next()?;
    let number = |range: std::ops::Range<usize>| date_time.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    let text = utc_timestamp(seconds);
    is_rfc3339_utc(&text).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_slug_becomes_a_valid_one() {
        assert_eq!(
            slug(
                "%d0%b7%d1%83%d1%81%d1%82%d1%80%d1%96%d1%87-%d1%83-%d0%bf%d1%80%d0%b0%d0%b7%d1%96"
            ),
            "zustrich-u-prazi"
        );
        assert_eq!(slug("Зустріч у Празі"), "zustrich-u-prazi");
        assert_eq!(
            slug("Příliš žluťoučký kůň úpěl ďábelské ódy"),
            "prilis-zlutoucky-kun-upel-dabelske-ody"
        );
        assert_eq!(
            slug("Ukraine & the Czech Republic!"),
            "ukraine-the-czech-republic"
        );
        assert_eq!(slug("Зв'язок"), "zviazok");
        assert_eq!(slug("🎉"), "post");
        for raw in ["Hello World", "%F0%9F%8E%89-party", "a--b", "-x-"] {
            assert!(
                gazette_api::content::is_valid_slug(&slug(raw)),
                "{raw} → {}",
                slug(raw)
            );
        }
    }

    #[test]
    fn timestamps_with_offsets_become_utc() {
        assert_eq!(
            utc("2024-05-22T14:00:00.000+02:00").as_deref(),
            Some("2024-05-22T12:00:00Z")
        );
        assert_eq!(
            utc("2024-01-01T00:30:00+01:00").as_deref(),
            Some("2023-12-31T23:30:00Z")
        );
        assert_eq!(
            utc("2024-02-28T23:00:00-02:00").as_deref(),
            Some("2024-02-29T01:00:00Z")
        );
        assert_eq!(
            utc("2024-05-22T12:00:00").as_deref(),
            Some("2024-05-22T12:00:00Z")
        );
        assert_eq!(
            utc("2024-05-22T12:00:00Z").as_deref(),
            Some("2024-05-22T12:00:00Z")
        );
        assert_eq!(utc("yesterday"), None);
    }
}
