//! `/join/confirm?token=…`, where a confirmation e-mail's link leads: the
//! page sends the token once and says what came of it. The server answers a
//! token sent twice with `already_confirmed`, so Retry is always safe.

use gazette_api::markup::class;
use gazette_api::member_status;
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::ApiClient,
    components::error_panel::ErrorPanel,
    error::FetchError,
    head,
    i18n::{describe_fetch_error, t, Text},
    router::use_router,
    urls::site_href,
};

/// Where confirming is.
#[derive(Debug, Clone, PartialEq)]
enum Confirming {
    Sending,
    Answered(Result<Text, FetchError>),
}

impl Confirming {
    /// What the server's answer says to the reader: a sentence, or an error
    /// for the panel with Retry.
    fn from_answer(answer: Result<String, FetchError>) -> Confirming {
        Confirming::Answered(match answer {
            Ok(status) if status == member_status::ALREADY_CONFIRMED => Ok(Text::ALREADY_CONFIRMED),
            Ok(_) => Ok(Text::CONFIRMED),
            Err(FetchError::Gone) => Ok(Text::CONFIRM_LINK_EXPIRED),
            Err(FetchError::NotFound) => Ok(Text::CONFIRM_LINK_UNKNOWN),
            Err(error) => Err(error),
        })
    }
}

/// The confirmation page.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let token = use_router()
        .query_untracked("token")
        .filter(|token| !token.trim().is_empty());
    let api = StoredValue::new(expect_context::<ApiClient>());
    let state = RwSignal::new(Confirming::Sending);
    let send = move || {
        let Some(token) = token.clone() else {
            state.set(Confirming::from_answer(Err(FetchError::NotFound)));
            return;
        };
        state.set(Confirming::Sending);
        spawn_local(async move {
            let answer = api.get_value().confirm_membership(&token).await;
            state.set(Confirming::from_answer(
                answer.map(|confirmed| confirmed.status),
            ));
        });
    };
    send();
    let retry = Callback::new(move |()| send());
    head::set_title(t(Text::CONFIRM_TITLE));
    view! {
        <section class="confirm">
            <h1>{t(Text::CONFIRM_TITLE)}</h1>
            <div role="status" aria-live="polite">
                {move || match state.get() {
                    Confirming::Sending => view! {
                        <p aria-busy="true">{t(Text::CONFIRMING)}</p>
                    }.into_any(),
                    Confirming::Answered(Ok(text)) => view! {
                        <p class="confirm__outcome">{t(text)}</p>
                        {matches!(text, Text::CONFIRM_LINK_EXPIRED | Text::CONFIRM_LINK_UNKNOWN).then(|| view! {
                            <a href=site_href("/join") class=class::BUTTON>
                                {t(Text::APPLY_AGAIN)}
                            </a>
                        })}
                    }.into_any(),
                    Confirming::Answered(Err(error)) => view! {
                        <ErrorPanel
                            title=t(Text::NOT_CONFIRMED)
                            message=describe_fetch_error(&error)
                            on_retry=retry
                        />
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_has_its_sentence_and_only_failures_go_to_the_panel() {
        let said = |answer| match Confirming::from_answer(answer) {
            Confirming::Answered(said) => said,
            Confirming::Sending => unreachable!(),
        };
        assert_eq!(said(Ok("confirmed".into())), Ok(Text::CONFIRMED));
        assert_eq!(
            said(Ok("already_confirmed".into())),
            Ok(Text::ALREADY_CONFIRMED)
        );
        assert_eq!(said(Err(FetchError::Gone)), Ok(Text::CONFIRM_LINK_EXPIRED));
        assert_eq!(
            said(Err(FetchError::NotFound)),
            Ok(Text::CONFIRM_LINK_UNKNOWN)
        );
        assert_eq!(said(Err(FetchError::Timeout)), Err(FetchError::Timeout));
    }
}
