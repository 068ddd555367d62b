//! Dates as readers see them: one function for the app and for the pages
//! the server prerenders, so that the app taking a page over never changes
//! a date (the browser's `Intl` would, for a reader whose locale is a
//! variant such as `en-GB`, and for one west of Greenwich).

use gazette_api::content::date_part;

use crate::UiLang;

/// A timestamp's day (its UTC day: the contract's timestamps are UTC) as
/// the long date style of `Intl.DateTimeFormat` writes it in the UI language
/// ("November 2, 2022", "2. listopadu 2022", "2 листопада 2022 р."); the
/// text's date part when it has no date.
pub fn long_date(timestamp: &str, ui: UiLang) -> String {
    let number = |range: std::ops::Range<usize>| timestamp.get(range)?.parse::<usize>().ok();
    let date = (|| {
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        (timestamp.as_bytes().get(4) == Some(&b'-')
            && (1..=12).contains(&month)
            && (1..=31).contains(&day))
        .then_some((year, month - 1, day))
    })();
    let Some((year, month, day)) = date else {
        return date_part(timestamp).to_owned();
    };
    match ui {
        UiLang::En => format!("{} {day}, {year}", EN_MONTHS[month]),
        UiLang::Cs => format!("{day}. {} {year}", CS_MONTHS[month]),
        UiLang::Uk => format!("{day} {} {year} р.", UK_MONTHS[month]),
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// The genitive, as a date takes it.
const CS_MONTHS: [&str; 12] = [
    "ledna",
    "února",
    "března",
    "dubna",
    "května",
    "června",
    "července",
    "srpna",
    "září",
    "října",
    "listopadu",
    "prosince",
];
const UK_MONTHS: [&str; 12] = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_intl_writes_them_in_utc() {
        let at = "2024-05-02T23:30:00Z";
        assert_eq!(long_date(at, UiLang::En), "May 2, 2024");
        assert_eq!(long_date(at, UiLang::Cs), "2. května 2024");
        assert_eq!(long_date(at, UiLang::Uk), "2 травня 2024 р.");
        assert_eq!(long_date("2024-13-02T00:00:00Z", UiLang::En), "2024-13-02");
        assert_eq!(long_date("soon", UiLang::En), "soon");
    }
}
