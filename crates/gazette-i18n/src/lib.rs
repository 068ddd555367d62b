//! The UI's own words in English, Czech and Ukrainian, for the app and for
//! the pages the server prerenders: one table, so that a prerendered page
//! and the app that takes it over say the same thing. It may depend on the
//! contract (`gazette-api`) alone.
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

/// The language the UI speaks on a page: `config.json`'s when the owner set
/// one; else the page's own (an article's, an edition's) when the UI speaks
/// it; else the site's; else English.
pub fn page_ui(config: Option<UiLang>, page_lang: Option<&str>, site_lang: &str) -> UiLang {
    config
        .or_else(|| page_lang.and_then(UiLang::from_tag))
        .or_else(|| UiLang::from_tag(site_lang))
        .unwrap_or_default()
}

/// A language's name in that language, as a language switcher offers it
/// ("Čeština"); the tag itself for a language this table does not know.
pub fn language_name(tag: &str) -> &str {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    let names = [
        ("en", "English"),
        ("cs", "Čeština"),
        ("uk", "Українська"),
        ("sk", "Slovenčina"),
        ("pl", "Polski"),
        ("de", "Deutsch"),
        ("fr", "Français"),
        ("es", "Español"),
        ("it", "Italiano"),
        ("pt", "Português"),
        ("hu", "Magyar"),
        ("ru", "Русский"),
        ("be", "Беларуская"),
        ("kk", "Қазақ тілі"),
        ("he", "עברית"),
        ("no", "Norsk"),
        ("nb", "Norsk bokmål"),
    ];
    names
        .iter()
        .find(|(code, _)| *code == primary)
        .map_or(tag, |(_, name)| name)
}

/// A piece of UI text: English, Czech and Ukrainian side by side, so that
/// none can be missing. One constant per text rather than an enum's match:
/// a wasm carries only the texts its code names, so the embed's widgets do
/// not carry the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text([&'static str; 3]);

impl Text {
    /// The skip link's label.
    pub const SKIP_TO_CONTENT: Text =
        Text(["Skip to content", "Přeskočit na obsah", "Перейти до вмісту"]);
    /// The main navigation's label.
    pub const MAIN_NAVIGATION: Text = Text(["Main", "Hlavní", "Головна навігація"]);
    /// Navigation: the front page.
    pub const NAV_HOME: Text = Text(["Home", "Úvod", "Головна"]);
    /// Navigation: all posts.
    pub const NAV_POSTS: Text = Text(["Posts", "Příspěvky", "Публікації"]);
    /// The language switcher's label: the page in other languages.
    pub const OTHER_LANGUAGES: Text = Text(["Other languages", "Jiné jazyky", "Інші мови"]);
    /// Navigation: the join form.
    pub const NAV_JOIN: Text = Text(["Join", "Přidat se", "Приєднатися"]);
    /// The header's search button, and the search page's title.
    pub const SEARCH: Text = Text(["Search", "Hledat", "Пошук"]);
    /// The search field's label.
    pub const SEARCH_LABEL: Text = Text([
        "Search the posts",
        "Hledat v příspěvcích",
        "Пошук у публікаціях",
    ]);
    /// The search page before anything is asked.
    pub const SEARCH_PROMPT: Text = Text([
        "Type a word or two to search every post: titles, text, captions, tags and authors.",
        "Napište slovo nebo dvě a prohledáte všechny příspěvky: nadpisy, text, popisky, štítky i autory.",
        "Введіть слово чи два, щоб шукати в усіх публікаціях: заголовках, тексті, підписах, мітках і авторах.",
    ]);
    /// Said while a search runs.
    pub const SEARCHING: Text = Text(["Searching…", "Hledá se…", "Пошук триває…"]);
    /// The search page without JavaScript.
    pub const SEARCH_NEEDS_SCRIPT: Text = Text([
        "Search runs in your browser: it needs JavaScript, which is off or has not loaded.",
        "Vyhledávání běží ve vašem prohlížeči: potřebuje JavaScript, který je vypnutý nebo se nenačetl.",
        "Пошук працює у вашому браузері: йому потрібен JavaScript, який вимкнено або не завантажено.",
    ]);
    /// The heading of a search that failed.
    pub const SEARCH_FAILED: Text = Text([
        "Search is unavailable",
        "Vyhledávání není dostupné",
        "Пошук недоступний",
    ]);
    /// Said while something loads.
    pub const LOADING: Text = Text(["Loading…", "Načítá se…", "Завантаження…"]);
    /// The button that tries a failed request again.
    pub const RETRY: Text = Text(["Retry", "Zkusit znovu", "Спробувати ще раз"]);
    /// The button that starts an embedded video's player in the page.
    pub const PLAY_HERE: Text = Text(["Play here", "Přehrát zde", "Відтворити тут"]);
    /// The name of a table without a caption, for the box it scrolls in.
    pub const TABLE: Text = Text(["Table", "Tabulka", "Таблиця"]);
    /// The not-found page's heading.
    pub const NOT_FOUND_TITLE: Text = Text([
        "Page not found",
        "Stránka nenalezena",
        "Сторінку не знайдено",
    ]);
    /// The not-found page's explanation.
    pub const NOT_FOUND_BODY: Text = Text([
        "There is nothing at this address. It may have moved, or the link may be mistyped.",
        "Na této adrese nic není. Možná se přesunula, nebo je v odkazu překlep.",
        "За цією адресою нічого немає. Можливо, сторінку перенесено або посилання містить помилку.",
    ]);
    /// A link to the list of all posts.
    pub const SEE_ALL_POSTS: Text = Text(["See all posts", "Všechny příspěvky", "Усі публікації"]);
    /// A link to the front page.
    pub const BACK_HOME: Text = Text([
        "Back to the front page",
        "Zpět na úvodní stránku",
        "Повернутися на головну",
    ]);
    /// Heading of the error shown when the site cannot start.
    pub const BOOT_FAILED_TITLE: Text = Text([
        "The site cannot start",
        "Stránku nelze spustit",
        "Сайт не вдається запустити",
    ]);
    /// The footer's credit line.
    pub const POWERED_BY: Text = Text([
        "Published with Gazette",
        "Publikováno s Gazette",
        "Опубліковано за допомогою Gazette",
    ]);
    /// The label before a photo credit.
    pub const PHOTO_CREDIT: Text = Text(["Photo:", "Foto:", "Фото:"]);
    /// Said while an article loads.
    pub const LOADING_ARTICLE: Text = Text([
        "Loading the article…",
        "Načítá se článek…",
        "Завантаження статті…",
    ]);
    /// Heading of the panel shown when an article cannot load.
    pub const ARTICLE_FAILED: Text = Text([
        "This article could not be loaded",
        "Článek se nepodařilo načíst",
        "Не вдалося завантажити статтю",
    ]);
    /// The recent-posts widget's heading.
    pub const RECENT_POSTS: Text =
        Text(["Recent posts", "Nejnovější příspěvky", "Останні публікації"]);
    /// The recent-posts widget's link to every post.
    pub const SEE_ALL: Text = Text(["See all", "Zobrazit vše", "Переглянути всі"]);
    /// Said when the recent-posts widget cannot load.
    pub const RECENT_POSTS_FAILED: Text = Text([
        "Recent posts could not be loaded.",
        "Nejnovější příspěvky se nepodařilo načíst.",
        "Не вдалося завантажити останні публікації.",
    ]);
    /// Said when there are no posts at all.
    pub const NO_POSTS_YET: Text = Text([
        "Nothing has been published yet.",
        "Zatím nebylo nic publikováno.",
        "Ще нічого не опубліковано.",
    ]);
    /// Heading of the panel shown when a list of posts cannot load.
    pub const POSTS_FAILED: Text = Text([
        "The posts could not be loaded",
        "Příspěvky se nepodařilo načíst",
        "Не вдалося завантажити публікації",
    ]);
    /// The all-posts page's heading.
    pub const ALL_POSTS_TITLE: Text = Text(["All posts", "Všechny příspěvky", "Усі публікації"]);
    /// The list of an article's tags, named for screen readers; a tag's page's kind.
    pub const TAGS: Text = Text(["Tags", "Štítky", "Теги"]);
    pub const TAG: Text = Text(["Tag", "Štítek", "Тег"]);
    /// An author's page's kind.
    pub const AUTHOR: Text = Text(["Author", "Autor", "Автор"]);
    /// A tag or author with no posts.
    pub const NO_POSTS_HERE: Text = Text([
        "No posts here yet.",
        "Zatím tu nejsou žádné příspěvky.",
        "Тут ще немає публікацій.",
    ]);
    /// A tag or author there is none of.
    pub const TERM_NOT_FOUND: Text = Text([
        "There is no such tag or author.",
        "Takový štítek ani autor neexistuje.",
        "Такого тегу чи автора немає.",
    ]);
    /// The button that loads the next page of posts.
    pub const LOAD_MORE: Text = Text([
        "Load more posts",
        "Načíst další příspěvky",
        "Завантажити ще",
    ]);
    /// Said when a list link's position was refused and the list starts over.
    pub const LIST_LINK_OUTDATED: Text = Text([
            "That link pointed to a place in the list that no longer exists, so here are the newest posts.",
            "Odkaz mířil na místo v seznamu, které už neexistuje, proto zobrazujeme nejnovější příspěvky.",
            "Посилання вело до місця в списку, якого вже немає, тож ось найновіші публікації.",
        ]);
    /// Join form: the name field's label.
    pub const FIELD_NAME: Text = Text(["Name", "Jméno", "Ім’я"]);
    /// Join form: the email field's label.
    pub const FIELD_EMAIL: Text = Text(["Email", "E-mail", "Електронна пошта"]);
    /// Join form: the organisation field's label.
    pub const FIELD_ORGANISATION: Text = Text([
        "Organisation (optional)",
        "Organizace (nepovinné)",
        "Організація (необов’язково)",
    ]);
    /// Join form: the message field's label.
    pub const FIELD_MESSAGE: Text = Text([
        "Message (optional)",
        "Zpráva (nepovinné)",
        "Повідомлення (необов’язково)",
    ]);
    /// Join form: the honeypot's label, which people never see.
    pub const HONEYPOT_LABEL: Text = Text([
        "Leave this field empty",
        "Toto pole nechte prázdné",
        "Залиште це поле порожнім",
    ]);
    /// Join form: the submit button.
    pub const SEND_APPLICATION: Text = Text([
        "Send my application",
        "Odeslat přihlášku",
        "Надіслати заявку",
    ]);
    /// Join form: the submit button while sending.
    pub const SENDING: Text = Text(["Sending…", "Odesílá se…", "Надсилання…"]);
    /// Join form: said when a saved draft was restored.
    pub const DRAFT_RESTORED: Text = Text([
        "We restored what you typed earlier.",
        "Obnovili jsme, co jste napsali dříve.",
        "Ми відновили те, що ви ввели раніше.",
    ]);
    /// Join form: the error summary's heading.
    pub const CHECK_THESE_FIELDS: Text = Text([
        "Please check these fields:",
        "Zkontrolujte prosím tato pole:",
        "Будь ласка, перевірте ці поля:",
    ]);
    /// Said while the reader is offline.
    pub const OFFLINE_READING: Text = Text(["You are offline.", "Jste offline.", "Ви офлайн."]);
    /// Before the date the copy on screen was saved on this device.
    pub const SAVED_ON: Text = Text([
        "This copy was saved on",
        "Tato kopie byla uložena",
        "Цю копію збережено",
    ]);
    /// Said when a new version of the site is ready.
    pub const UPDATE_READY: Text = Text([
        "A new version of this site is available.",
        "Je k dispozici nová verze tohoto webu.",
        "Доступна нова версія цього сайту.",
    ]);
    /// The button that switches to the new version.
    pub const RELOAD: Text = Text(["Reload", "Načíst znovu", "Перезавантажити"]);
    /// The heading of a page that was not saved, offline.
    pub const OFFLINE_TITLE: Text = Text(["You are offline", "Jste offline", "Ви офлайн"]);
    /// Under it, when some articles were saved.
    pub const OFFLINE_NOT_SAVED: Text = Text([
        "This page was not saved on this device. These articles were, and you can read them now:",
        "Tato stránka v tomto zařízení uložená není. Tyto články ano a můžete si je přečíst hned:",
        "Ця сторінка не збережена на цьому пристрої. Ці статті збережено, і ви можете прочитати їх зараз:",
    ]);
    /// Under it, when nothing was saved.
    pub const OFFLINE_NOTHING_SAVED: Text = Text([
        "This page was not saved on this device, and no article has been yet: the articles you read are kept for reading offline.",
        "Tato stránka v tomto zařízení uložená není a zatím ani žádný článek: články, které si přečtete, se uchovávají pro čtení offline.",
        "Ця сторінка не збережена на цьому пристрої, і жодної статті ще немає: статті, які ви прочитаєте, зберігаються для читання офлайн.",
    ]);
    /// Join form: said when the browser is offline.
    pub const OFFLINE_WILL_RETRY: Text = Text([
            "You are offline. Everything you typed is kept, and we will send it as soon as you are back online.",
            "Jste offline. Vše, co jste napsali, zůstává uložené a odešleme to, jakmile budete opět online.",
            "Ви офлайн. Усе, що ви ввели, збережено, і ми надішлемо це, щойно ви знову будете в мережі.",
        ]);
    /// Join form: heading of the panel shown when sending failed.
    pub const APPLICATION_NOT_SENT: Text = Text([
        "Your application was not sent",
        "Vaše přihláška nebyla odeslána",
        "Вашу заявку не надіслано",
    ]);
    /// Join form: heading of the panel shown when the form cannot load.
    pub const JOIN_FORM_FAILED: Text = Text([
        "The membership form could not be loaded",
        "Přihlášku se nepodařilo načíst",
        "Не вдалося завантажити форму заявки",
    ]);
    /// A page's code could not be loaded (a wasm chunk, in the release build).
    pub const PAGE_FAILED: Text = Text([
        "This page could not be loaded",
        "Tuto stránku se nepodařilo načíst",
        "Не вдалося завантажити цю сторінку",
    ]);
    /// The lightbox's code could not be loaded.
    pub const PHOTO_VIEWER_FAILED: Text = Text([
        "The photo viewer could not be loaded.",
        "Prohlížeč fotografií se nepodařilo načíst.",
        "Не вдалося завантажити перегляд фото.",
    ]);
    /// Join form: the link to the privacy policy.
    pub const PRIVACY_POLICY: Text = Text([
        "Privacy policy",
        "Zásady ochrany osobních údajů",
        "Політика конфіденційності",
    ]);
    /// The lightbox dialog's label.
    pub const PHOTO_VIEWER: Text = Text(["Photo viewer", "Prohlížeč fotografií", "Перегляд фото"]);
    /// The lightbox's close button.
    pub const CLOSE: Text = Text(["Close", "Zavřít", "Закрити"]);
    /// The lightbox's previous button.
    pub const PREVIOUS_IMAGE: Text = Text([
        "Previous image",
        "Předchozí obrázek",
        "Попереднє зображення",
    ]);
    /// The lightbox's next button.
    pub const NEXT_IMAGE: Text = Text(["Next image", "Další obrázek", "Наступне зображення"]);
    /// The lightbox's button that copies the slide's link.
    pub const COPY_LINK: Text = Text(["Copy link", "Kopírovat odkaz", "Копіювати посилання"]);
    /// Said after the link was copied.
    pub const LINK_COPIED: Text =
        Text(["Link copied", "Odkaz zkopírován", "Посилання скопійовано"]);
    /// The lightbox's zoom toggle.
    pub const ZOOM: Text = Text(["Zoom", "Přiblížit", "Масштаб"]);
    // Confirming an application by e-mail: the join form and the confirmation page.
    /// After applying, when the server sent a link.
    pub const CHECK_YOUR_EMAIL: Text = Text([
        "We have sent a link to your email address. Open it to confirm your application: it counts once it is confirmed.",
        "Na vaši e-mailovou adresu jsme poslali odkaz. Otevřete ho a přihlášku potvrďte: platí až po potvrzení.",
        "Ми надіслали посилання на вашу електронну адресу. Відкрийте його, щоб підтвердити заявку: вона діятиме після підтвердження.",
    ]);
    /// The confirmation page's title and heading.
    pub const CONFIRM_TITLE: Text = Text([
        "Confirm your application",
        "Potvrzení přihlášky",
        "Підтвердження заявки",
    ]);
    /// While the link's token is being sent.
    pub const CONFIRMING: Text = Text([
        "Confirming your application…",
        "Potvrzujeme vaši přihlášku…",
        "Підтверджуємо вашу заявку…",
    ]);
    /// The application is confirmed now.
    pub const CONFIRMED: Text = Text([
        "Thank you: your application is confirmed. We will be in touch.",
        "Děkujeme: vaše přihláška je potvrzena. Ozveme se vám.",
        "Дякуємо: вашу заявку підтверджено. Ми зв’яжемося з вами.",
    ]);
    /// The link had been followed before.
    pub const ALREADY_CONFIRMED: Text = Text([
        "This application was already confirmed. There is nothing more to do.",
        "Tato přihláška už byla potvrzena. Nemusíte nic dalšího dělat.",
        "Цю заявку вже підтверджено. Більше нічого робити не потрібно.",
    ]);
    /// The link expired.
    pub const CONFIRM_LINK_EXPIRED: Text = Text([
        "This link has expired. Apply again and we will send you a new one.",
        "Platnost tohoto odkazu vypršela. Přihlaste se znovu a pošleme vám nový.",
        "Термін дії цього посилання минув. Подайте заявку ще раз, і ми надішлемо нове.",
    ]);
    /// The link is not one the server knows.
    pub const CONFIRM_LINK_UNKNOWN: Text = Text([
        "This link is not valid. Check that you opened the whole link from the email, or apply again.",
        "Tento odkaz není platný. Zkontrolujte, že jste otevřeli celý odkaz z e-mailu, nebo se přihlaste znovu.",
        "Це посилання недійсне. Перевірте, чи ви відкрили повне посилання з листа, або подайте заявку ще раз.",
    ]);
    /// The heading of the panel shown when confirming failed.
    pub const NOT_CONFIRMED: Text = Text([
        "Your application could not be confirmed",
        "Přihlášku se nepodařilo potvrdit",
        "Не вдалося підтвердити заявку",
    ]);
    /// The link back to the join form.
    pub const APPLY_AGAIN: Text =
        Text(["Apply again", "Přihlásit se znovu", "Подати заявку ще раз"]);
}

/// The text of a [`Text`] in a given language.
pub fn text_in(lang: UiLang, text: Text) -> &'static str {
    let Text([en, cs, uk]) = text;
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

/// "12 posts", with each language's plural forms.
pub fn posts_count_in(lang: UiLang, count: u32) -> String {
    let (last, last_two) = (count % 10, count % 100);
    let few = (2..=4).contains(&last) && !(12..=14).contains(&last_two);
    let word = match lang {
        UiLang::En if count == 1 => "post",
        UiLang::En => "posts",
        UiLang::Cs if count == 1 => "příspěvek",
        UiLang::Cs if (2..=4).contains(&count) => "příspěvky",
        UiLang::Cs => "příspěvků",
        UiLang::Uk if last == 1 && last_two != 11 => "публікація",
        UiLang::Uk if few => "публікації",
        UiLang::Uk => "публікацій",
    };
    format!("{count} {word}")
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_ui_speaks_the_owners_choice_else_the_pages_language_else_the_sites() {
        assert_eq!(page_ui(Some(UiLang::Cs), Some("uk"), "en"), UiLang::Cs);
        assert_eq!(page_ui(None, Some("uk-UA"), "en"), UiLang::Uk);
        assert_eq!(page_ui(None, Some("de"), "cs"), UiLang::Cs);
        assert_eq!(page_ui(None, None, "de"), UiLang::En);
        assert_eq!(language_name("cs-CZ"), "Čeština");
        assert_eq!(language_name("uk"), "Українська");
        assert_eq!(language_name("tlh"), "tlh");
    }

    #[test]
    fn post_counts_take_each_languages_plural() {
        let counts = |lang| [0, 1, 2, 5, 11, 21, 22, 25].map(|n| posts_count_in(lang, n));
        assert_eq!(counts(UiLang::En)[..3], ["0 posts", "1 post", "2 posts"]);
        assert_eq!(
            counts(UiLang::Cs),
            [
                "0 příspěvků",
                "1 příspěvek",
                "2 příspěvky",
                "5 příspěvků",
                "11 příspěvků",
                "21 příspěvků",
                "22 příspěvků",
                "25 příspěvků"
            ]
        );
        assert_eq!(
            counts(UiLang::Uk),
            [
                "0 публікацій",
                "1 публікація",
                "2 публікації",
                "5 публікацій",
                "11 публікацій",
                "21 публікація",
                "22 публікації",
                "25 публікацій"
            ]
        );
    }

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
        assert_eq!(text_in(UiLang::Cs, Text::NAV_POSTS), "Příspěvky");
        assert_eq!(text_in(UiLang::Uk, Text::NAV_JOIN), "Приєднатися");
        assert_eq!(minutes_to_read_in(UiLang::Cs, 3), "3 min čtení");
        assert_eq!(open_photo_in(UiLang::En, ""), "Open photo");
        assert_eq!(open_photo_in(UiLang::Uk, "Київ"), "Відкрити фото: Київ");
        assert_eq!(characters_used_in(UiLang::Cs, 0, 2000), "0 z 2000 znaků");
    }
}
