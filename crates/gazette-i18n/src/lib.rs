//! The UI's own words in English, Czech and Ukrainian, for the app and for
//! the pages the server prerenders: one table, so that a prerendered page
//! and the app that takes it over say the same thing.
//!
//! Long by design: the translation table keeps each sentence's three
//! languages side by side, so a translator reads and changes one place. The
//! sentences that need the app's own types (fetch errors, field errors) are
//! in the app's `i18n` module.

mod dates;

pub use dates::long_date;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UiLang {
    /// English.
    #[default]
    En,
    /// Czech.
    Cs,
    /// Ukrainian.
    Uk,
}

impl UiLang {
    /// Every language the UI speaks.
    pub const ALL: [UiLang; 3] = [UiLang::En, UiLang::Cs, UiLang::Uk];

    /// The UI language for a BCP 47 tag (`cs`, `cs-CZ`, `UK`), if the UI speaks it.
    pub fn from_tag(tag: &str) -> Option<UiLang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        UiLang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The language's tag, for `lang` attributes and `Intl`.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Cs => "cs",
            UiLang::Uk => "uk",
        }
    }
}

/// A piece of UI text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The skip link's label.
    SkipToContent,
    /// The main navigation's label.
    MainNavigation,
    /// Navigation: the front page.
    NavHome,
    /// Navigation: all posts.
    NavPosts,
    /// Navigation: the join form.
    NavJoin,
    /// Said while something loads.
    Loading,
    Retry,
    /// The not-found page's heading.
    NotFoundTitle,
    /// The not-found page's explanation.
    NotFoundBody,
    /// A link to the list of all posts.
    SeeAllPosts,
    /// A link to the front page.
    BackHome,
    /// Heading of the error shown when the site cannot start.
    BootFailedTitle,
    /// The footer's credit line.
    PoweredBy,
    /// The label before a photo credit.
    PhotoCredit,
    /// Said while an article loads.
    LoadingArticle,
    /// Heading of the panel shown when an article cannot load.
    ArticleFailed,
    /// The recent-posts widget's heading.
    RecentPosts,
    /// The recent-posts widget's link to every post.
    SeeAll,
    /// Said when the recent-posts widget cannot load.
    RecentPostsFailed,
    /// Said when there are no posts at all.
    NoPostsYet,
    /// Heading of the panel shown when a list of posts cannot load.
    PostsFailed,
    /// The all-posts page's heading.
    AllPostsTitle,
    /// The button that loads the next page of posts.
    LoadMore,
    /// Said when a list link's position was refused and the list starts over.
    ListLinkOutdated,
    /// Join form: the name field's label.
    FieldName,
    /// Join form: the email field's label.
    FieldEmail,
    /// Join form: the organisation field's label.
    FieldOrganisation,
    /// Join form: the message field's label.
    FieldMessage,
    /// Join form: the honeypot's label, which people never see.
    HoneypotLabel,
    /// Join form: the submit button.
    SendApplication,
    /// Join form: the submit button while sending.
    Sending,
    /// Join form: said when a saved draft was restored.
    DraftRestored,
    /// Join form: the error summary's heading.
    CheckTheseFields,
    /// Join form: said when the browser is offline.
    OfflineWillRetry,
    /// Join form: heading of the panel shown when sending failed.
    ApplicationNotSent,
    /// Join form: heading of the panel shown when the form cannot load.
    JoinFormFailed,
    /// A page's code could not be loaded (a wasm chunk, in the release build).
    PageFailed,
    /// The lightbox's code could not be loaded.
    PhotoViewerFailed,
    /// Join form: the link to the privacy policy.
    PrivacyPolicy,
    /// The lightbox dialog's label.
    PhotoViewer,
    /// The lightbox's close button.
    Close,
    /// The lightbox's previous button.
    PreviousImage,
    /// The lightbox's next button.
    NextImage,
    /// The lightbox's button that copies the slide's link.
    CopyLink,
    /// Said after the link was copied.
    LinkCopied,
    /// The lightbox's zoom toggle.
    Zoom,
}

/// The text of a [`Text`] in a given language.
pub fn text_in(lang: UiLang, text: Text) -> &'static str {
    let [en, cs, uk] = translations(text);
    match lang {
        UiLang::En => en,
        UiLang::Cs => cs,
        UiLang::Uk => uk,
    }
}

/// "3 min read".
pub fn minutes_to_read_in(lang: UiLang, minutes: u32) -> String {
    match lang {
        UiLang::En => format!("{minutes} min read"),
        UiLang::Cs => format!("{minutes} min čtení"),
        UiLang::Uk => format!("{minutes} хв читання"),
    }
}

/// The accessible name of a button that opens a photo.
pub fn open_photo_in(lang: UiLang, alt: &str) -> String {
    let open = match lang {
        UiLang::En => "Open photo",
        UiLang::Cs => "Otevřít fotografii",
        UiLang::Uk => "Відкрити фото",
    };
    if alt.is_empty() {
        open.to_owned()
    } else {
        format!("{open}: {alt}")
    }
}

/// The message field's count: "12 of 2000 characters".
pub fn characters_used_in(lang: UiLang, used: usize, max: usize) -> String {
    match lang {
        UiLang::En => format!("{used} of {max} characters"),
        UiLang::Cs => format!("{used} z {max} znaků"),
        UiLang::Uk => format!("{used} з {max} символів"),
    }
}

/// What the join page says to a reader without JavaScript (only the
/// prerendered page says it; the form is sent by the app).
pub fn form_needs_javascript_in(lang: UiLang) -> &'static str {
    match lang {
        UiLang::En => "Sending this form needs JavaScript, which is off in this browser. Turn it on and reload the page to apply.",
        UiLang::Cs => "K odeslání formuláře je potřeba JavaScript, který je v tomto prohlížeči vypnutý. Zapněte ho a načtěte stránku znovu.",
        UiLang::Uk => "Щоб надіслати форму, потрібен JavaScript, а в цьому браузері його вимкнено. Увімкніть його й перезавантажте сторінку.",
    }
}

/// English, Czech and Ukrainian side by side, so that none can be missing.
fn translations(text: Text) -> [&'static str; 3] {
    match text {
        Text::SkipToContent => ["Skip to content", "Přeskočit na obsah", "Перейти до вмісту"],
        Text::MainNavigation => ["Main", "Hlavní", "Головна навігація"],
        Text::NavHome => ["Home", "Úvod", "Головна"],
        Text::NavPosts => ["Posts", "Příspěvky", "Публікації"],
        Text::NavJoin => ["Join", "Přidat se", "Приєднатися"],
        Text::Loading => ["Loading…", "Načítá se…", "Завантаження…"],
        Text::Retry => ["Retry", "Zkusit znovu", "Спробувати ще раз"],
        Text::NotFoundTitle => ["Page not found", "Stránka nenalezena", "Сторінку не знайдено"],
        Text::NotFoundBody => [
            "There is nothing at this address. It may have moved, or the link may be mistyped.",
            "Na této adrese nic není. Možná se přesunula, nebo je v odkazu překlep.",
            "За цією адресою нічого немає. Можливо, сторінку перенесено або посилання містить помилку.",
        ],
        Text::SeeAllPosts => ["See all posts", "Všechny příspěvky", "Усі публікації"],
        Text::BackHome => ["Back to the front page", "Zpět na úvodní stránku", "Повернутися на головну"],
        Text::BootFailedTitle => ["The site cannot start", "Stránku nelze spustit", "Сайт не вдається запустити"],
        Text::PoweredBy => ["Published with Gazette", "Publikováno s Gazette", "Опубліковано за допомогою Gazette"],
        Text::PhotoCredit => ["Photo:", "Foto:", "Фото:"],
        Text::LoadingArticle => ["Loading the article…", "Načítá se článek…", "Завантаження статті…"],
        Text::ArticleFailed => [
            "This article could not be loaded",
            "Článek se nepodařilo načíst",
            "Не вдалося завантажити статтю",
        ],
        Text::RecentPosts => ["Recent posts", "Nejnovější příspěvky", "Останні публікації"],
        Text::SeeAll => ["See all", "Zobrazit vše", "Переглянути всі"],
        Text::RecentPostsFailed => [
            "Recent posts could not be loaded.",
            "Nejnovější příspěvky se nepodařilo načíst.",
            "Не вдалося завантажити останні публікації.",
        ],
        Text::NoPostsYet => [
            "Nothing has been published yet.",
            "Zatím nebylo nic publikováno.",
            "Ще нічого не опубліковано.",
        ],
        Text::PostsFailed => [
            "The posts could not be loaded",
            "Příspěvky se nepodařilo načíst",
            "Не вдалося завантажити публікації",
        ],
        Text::AllPostsTitle => ["All posts", "Všechny příspěvky", "Усі публікації"],
        Text::LoadMore => ["Load more posts", "Načíst další příspěvky", "Завантажити ще"],
        Text::ListLinkOutdated => [
            "That link pointed to a place in the list that no longer exists, so here are the newest posts.",
            "Odkaz mířil na místo v seznamu, které už neexistuje, proto zobrazujeme nejnovější příspěvky.",
            "Посилання вело до місця в списку, якого вже немає, тож ось найновіші публікації.",
        ],
        Text::FieldName => ["Name", "Jméno", "Ім’я"],
        Text::FieldEmail => ["Email", "E-mail", "Електронна пошта"],
        Text::FieldOrganisation => [
            "Organisation (optional)",
            "Organizace (nepovinné)",
            "Організація (необов’язково)",
        ],
        Text::FieldMessage => ["Message (optional)", "Zpráva (nepovinné)", "Повідомлення (необов’язково)"],
        Text::HoneypotLabel => [
            "Leave this field empty",
            "Toto pole nechte prázdné",
            "Залиште це поле порожнім",
        ],
        Text::SendApplication => ["Send my application", "Odeslat přihlášku", "Надіслати заявку"],
        Text::Sending => ["Sending…", "Odesílá se…", "Надсилання…"],
        Text::DraftRestored => [
            "We restored what you typed earlier.",
            "Obnovili jsme, co jste napsali dříve.",
            "Ми відновили те, що ви ввели раніше.",
        ],
        Text::CheckTheseFields => [
            "Please check these fields:",
            "Zkontrolujte prosím tato pole:",
            "Будь ласка, перевірте ці поля:",
        ],
        Text::OfflineWillRetry => [
            "You are offline. Everything you typed is kept, and we will send it as soon as you are back online.",
            "Jste offline. Vše, co jste napsali, zůstává uložené a odešleme to, jakmile budete opět online.",
            "Ви офлайн. Усе, що ви ввели, збережено, і ми надішлемо це, щойно ви знову будете в мережі.",
        ],
        Text::ApplicationNotSent => [
            "Your application was not sent",
            "Vaše přihláška nebyla odeslána",
            "Вашу заявку не надіслано",
        ],
        Text::JoinFormFailed => [
            "The membership form could not be loaded",
            "Přihlášku se nepodařilo načíst",
            "Не вдалося завантажити форму заявки",
        ],
        Text::PageFailed => [
            "This page could not be loaded",
            "Tuto stránku se nepodařilo načíst",
            "Не вдалося завантажити цю сторінку",
        ],
        Text::PhotoViewerFailed => [
            "The photo viewer could not be loaded.",
            "Prohlížeč fotografií se nepodařilo načíst.",
            "Не вдалося завантажити перегляд фото.",
        ],
        Text::PrivacyPolicy => ["Privacy policy", "Zásady ochrany osobních údajů", "Політика конфіденційності"],
        Text::PhotoViewer => ["Photo viewer", "Prohlížeč fotografií", "Перегляд фото"],
        Text::Close => ["Close", "Zavřít", "Закрити"],
        Text::PreviousImage => ["Previous image", "Předchozí obrázek", "Попереднє зображення"],
        Text::NextImage => ["Next image", "Další obrázek", "Наступне зображення"],
        Text::CopyLink => ["Copy link", "Kopírovat odkaz", "Копіювати посилання"],
        Text::LinkCopied => ["Link copied", "Odkaz zkopírován", "Посилання скопійовано"],
        Text::Zoom => ["Zoom", "Přiblížit", "Масштаб"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_a_language_the_ui_speaks() {
        assert_eq!(UiLang::from_tag("cs-CZ"), Some(UiLang::Cs));
        assert_eq!(UiLang::from_tag("UK"), Some(UiLang::Uk));
        assert_eq!(UiLang::from_tag("en_GB"), Some(UiLang::En));
        assert_eq!(UiLang::from_tag("de"), None);
        assert_eq!(UiLang::from_tag(""), None);
    }

    #[test]
    fn every_text_has_every_language() {
        assert_eq!(text_in(UiLang::Cs, Text::NavPosts), "Příspěvky");
        assert_eq!(text_in(UiLang::Uk, Text::NavJoin), "Приєднатися");
        assert_eq!(minutes_to_read_in(UiLang::Cs, 3), "3 min čtení");
        assert_eq!(open_photo_in(UiLang::En, ""), "Open photo");
        assert_eq!(open_photo_in(UiLang::Uk, "Київ"), "Відкрити фото: Київ");
        assert_eq!(characters_used_in(UiLang::Cs, 0, 2000), "0 z 2000 znaků");
    }
}
