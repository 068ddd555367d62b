//! Every string the UI shows, in English, Czech and Ukrainian, in the
//! language [`crate::lang`] chooses. Fixed words and sentences are [`Text`]
//! constants in `crates/gazette-i18n`, which the server's prerendered pages
//! share; the sentences built from values or from the app's own types (fetch
//! errors, field errors, counts) are here.
//!
//! Long by design: each sentence keeps its three languages side by side, so
//! a translator reads and changes one place.

use gazette_api::validation::{Field, FieldCode};

use crate::{
    api::TIMEOUT_SECS,
    error::FetchError,
    lang::{pick, ui_lang},
    search::SearchError,
};
use gazette_i18n::UiLang;

pub use gazette_i18n::{text_in, Text};

/// The text of a [`Text`] in the UI language.
pub fn t(text: Text) -> &'static str {
    text_in(ui_lang(), text)
}

/// "3 min read".
pub fn minutes_to_read(minutes: u32) -> String {
    gazette_i18n::minutes_to_read_in(ui_lang(), minutes)
}

/// "12 posts".
pub fn posts_count(count: u32) -> String {
    gazette_i18n::posts_count_in(ui_lang(), count)
}

/// The message for one of a form field's error codes; a code this version
/// does not know asks the visitor to check the field.
pub fn field_error(field: Field, code: Option<FieldCode>) -> String {
    let fixed = |[en, cs, uk]: [&str; 3]| pick(en, cs, uk).to_owned();
    match (field, code) {
        (Field::Name, Some(FieldCode::Required)) => fixed([
            "Please enter your name.",
            "Vyplňte prosím své jméno.",
            "Будь ласка, введіть своє ім’я.",
        ]),
        (Field::Email, Some(FieldCode::Required)) => fixed([
            "Please enter your email address.",
            "Vyplňte prosím svou e-mailovou adresu.",
            "Будь ласка, введіть свою електронну адресу.",
        ]),
        (_, Some(FieldCode::InvalidEmail)) => fixed([
            "Please enter a valid email address, like name@example.com.",
            "Zadejte prosím platnou e-mailovou adresu, například jmeno@example.com.",
            "Будь ласка, введіть дійсну електронну адресу, наприклад name@example.com.",
        ]),
        (_, Some(FieldCode::ConsentRequired)) => fixed([
            "Please tick this box to agree.",
            "Pro souhlas prosím zaškrtněte toto políčko.",
            "Будь ласка, позначте це поле, щоб погодитися.",
        ]),
        (_, Some(FieldCode::TooLong)) if field.max_chars().is_some() => {
            let max = field.max_chars().unwrap_or_default();
            pick(
                format!(
                    "Please use at most {} characters.",
                    group_thousands(max, ",")
                ),
                format!(
                    "Použijte prosím nejvýše {} znaků.",
                    group_thousands(max, " ")
                ),
                format!("Будь ласка, використайте не більше {max} символів."),
            )
        }
        _ => fixed([
            "Please check this field.",
            "Zkontrolujte prosím toto pole.",
            "Будь ласка, перевірте це поле.",
        ]),
    }
}

/// `2000` as `2,000` (English) or `2 000` (Czech); numbers under 10,000 are
/// the only ones the UI shows.
fn group_thousands(number: usize, separator: &str) -> String {
    if number < 1000 {
        number.to_string()
    } else {
        format!("{}{separator}{:03}", number / 1000, number % 1000)
    }
}

/// "120 of 2000 characters".
pub fn characters_used(used: usize, max: usize) -> String {
    gazette_i18n::characters_used_in(ui_lang(), used, max)
}

/// "Image 3 of 7", then the caption: what the lightbox announces.
pub fn slide_status(number: usize, count: usize, caption: Option<&str>) -> String {
    let position = pick(
        format!("Image {number} of {count}"),
        format!("Obrázek {number} z {count}"),
        format!("Зображення {number} з {count}"),
    );
    match caption {
        Some(caption) => format!("{position}. {caption}"),
        None => position,
    }
}

/// The accessible name of a button that opens a photo.
pub fn open_photo(alt: &str) -> String {
    gazette_i18n::open_photo_in(ui_lang(), alt)
}

/// The thank-you message after a successful application.
pub fn thanks(name: &str) -> String {
    pick(
        format!("Thank you, {name}! We have received your application and will be in touch."),
        format!("Děkujeme, {name}! Vaši přihlášku jsme přijali a ozveme se vám."),
        format!("Дякуємо, {name}! Ми отримали вашу заявку і зв’яжемося з вами."),
    )
}

/// How long to wait before trying again.
pub fn wait_before_retry(seconds: u32) -> String {
    pick(
        format!("Too many attempts from your connection. You can send again in {seconds} seconds."),
        format!("Příliš mnoho pokusů z vašeho připojení. Znovu můžete odeslat za {seconds} s."),
        format!("Забагато спроб із вашого з’єднання. Надіслати знову можна через {seconds} с."),
    )
}

/// What a search found, said to screen readers too: "3 results for “vyzkum”".
pub fn search_status(total: usize, query: &str) -> String {
    let (last, last_two) = (total % 10, total % 100);
    let few = (2..=4).contains(&last) && !(12..=14).contains(&last_two);
    match (ui_lang(), total) {
        (UiLang::En, 0) => format!("No posts match “{query}”."),
        (UiLang::En, 1) => format!("1 result for “{query}”"),
        (UiLang::En, _) => format!("{total} results for “{query}”"),
        (UiLang::Cs, 0) => format!("Hledání „{query}“ nenašlo žádný příspěvek."),
        (UiLang::Cs, 1) => format!("1 výsledek pro „{query}“"),
        (UiLang::Cs, 2..=4) => format!("{total} výsledky pro „{query}“"),
        (UiLang::Cs, _) => format!("{total} výsledků pro „{query}“"),
        (UiLang::Uk, 0) => format!("За запитом «{query}» нічого не знайдено."),
        (UiLang::Uk, _) if last == 1 && last_two != 11 => {
            format!("{total} результат для «{query}»")
        }
        (UiLang::Uk, _) if few => format!("{total} результати для «{query}»"),
        (UiLang::Uk, _) => format!("{total} результатів для «{query}»"),
    }
}

/// Why a search could not run, and what to do.
pub fn search_failure(error: &SearchError) -> String {
    match error {
        SearchError::Unavailable(_) => pick(
            "The search index did not load. Check your connection, then retry.",
            "Vyhledávací rejstřík se nenačetl. Zkontrolujte připojení a zkuste to znovu.",
            "Пошуковий індекс не завантажився. Перевірте з’єднання і спробуйте ще раз.",
        ),
        SearchError::Garbled(_) => pick(
            "The search answered something we cannot read. Please retry.",
            "Vyhledávání vrátilo data, která nedokážeme přečíst. Zkuste to prosím znovu.",
            "Пошук повернув дані, які ми не можемо прочитати. Спробуйте ще раз.",
        ),
    }
    .to_owned()
}

/// A sentence that tells a visitor what went wrong with a request.
pub fn describe_fetch_error(error: &FetchError) -> String {
    match error {
        FetchError::Network(_) => pick(
            "We cannot reach the server. Check your connection, then retry.",
            "Server je nedostupný. Zkontrolujte připojení a zkuste to znovu.",
            "Не вдається з’єднатися з сервером. Перевірте з’єднання і спробуйте ще раз.",
        )
        .to_owned(),
        FetchError::Timeout => pick(
            format!("The server is taking too long to answer (over {TIMEOUT_SECS} seconds). Please retry."),
            format!("Server odpovídá příliš dlouho (déle než {TIMEOUT_SECS} sekund). Zkuste to prosím znovu."),
            format!("Сервер відповідає надто довго (понад {TIMEOUT_SECS} секунд). Спробуйте ще раз."),
        ),
        FetchError::NotFound => pick(
            "We could not find what you asked for.",
            "To, co hledáte, jsme nenašli.",
            "Не вдалося знайти те, що ви шукаєте.",
        )
        .to_owned(),
        FetchError::Gone => pick(
            "What you asked for is no longer available.",
            "To, co hledáte, už není k dispozici.",
            "Те, що ви шукаєте, більше не доступне.",
        )
        .to_owned(),
        FetchError::Http { status, .. } if *status >= 500 => pick(
            format!("The server had a problem (error {status}). Please retry in a moment."),
            format!("Na serveru nastala chyba ({status}). Zkuste to prosím za chvíli znovu."),
            format!("На сервері сталася помилка ({status}). Спробуйте ще раз за мить."),
        ),
        FetchError::Http { status, .. } => pick(
            format!("The server refused the request (error {status})."),
            format!("Server požadavek odmítl (chyba {status})."),
            format!("Сервер відхилив запит (помилка {status})."),
        ),
        FetchError::Decode(_) => pick(
            "The server sent something we cannot read. The details are in the browser console.",
            "Server poslal data, která nedokážeme přečíst. Podrobnosti jsou v konzoli prohlížeče.",
            "Сервер надіслав дані, які ми не можемо прочитати. Подробиці — у консолі браузера.",
        )
        .to_owned(),
        FetchError::Conflict { .. } => pick(
            "This application changed after it was first sent. Press Retry to send this version.",
            "Přihláška se od prvního odeslání změnila. Stiskněte Zkusit znovu a odešlete tuto verzi.",
            "Заявка змінилася після першого надсилання. Натисніть «Спробувати ще раз», щоб надіслати цю версію.",
        )
        .to_owned(),
        FetchError::Validation { .. } => pick(
            "Some fields need attention.",
            "Některá pole je třeba opravit.",
            "Деякі поля потребують уваги.",
        )
        .to_owned(),
        FetchError::RateLimited {
            retry_after_secs: Some(seconds),
        } => pick(
            format!("Too many attempts. Please wait {seconds} seconds and try again."),
            format!("Příliš mnoho pokusů. Počkejte prosím {seconds} s a zkuste to znovu."),
            format!("Забагато спроб. Зачекайте {seconds} с і спробуйте ще раз."),
        ),
        FetchError::RateLimited { .. } => pick(
            "Too many attempts. Please wait a little and try again.",
            "Příliš mnoho pokusů. Chvíli počkejte a zkuste to znovu.",
            "Забагато спроб. Трохи зачекайте і спробуйте ще раз.",
        )
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use leptos::prelude::{provide_context, Owner};

    use super::*;
    use crate::lang::UiLang;

    #[test]
    fn every_text_has_every_language() {
        assert_eq!(text_in(UiLang::Cs, Text::NAV_POSTS), "Příspěvky");
        assert_eq!(text_in(UiLang::Uk, Text::NAV_JOIN), "Приєднатися");
        // Outside a view the UI speaks English.
        assert_eq!(t(Text::RETRY), "Retry");
        assert_eq!(slide_status(3, 7, Some("Praha")), "Image 3 of 7. Praha");
    }

    #[test]
    fn limits_in_messages_come_from_the_rules() {
        let too_long = Some(FieldCode::TooLong);
        assert_eq!(
            field_error(Field::Message, too_long),
            "Please use at most 2,000 characters."
        );
        assert_eq!(
            field_error(Field::Email, too_long),
            "Please use at most 254 characters."
        );
        let owner = Owner::new();
        owner.with(|| {
            provide_context(UiLang::Cs);
            assert_eq!(
                field_error(Field::Message, too_long),
                "Použijte prosím nejvýše 2 000 znaků."
            );
            assert_eq!(
                describe_fetch_error(&FetchError::Timeout),
                "Server odpovídá příliš dlouho (déle než 10 sekund). Zkuste to prosím znovu."
            );
            provide_context(UiLang::Uk);
            assert_eq!(
                field_error(Field::Name, too_long),
                "Будь ласка, використайте не більше 100 символів."
            );
        });
        // A code this version does not know, or a limit on a checkbox.
        assert_eq!(field_error(Field::Name, None), "Please check this field.");
        assert_eq!(
            field_error(Field::Consent, too_long),
            "Please check this field."
        );
    }
}
