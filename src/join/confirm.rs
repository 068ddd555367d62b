//! `/join/confirm?token=…`, where a confirmation e-mail's link leads: the
//! page sends the token once and says what came of it. The server answers a
//! token sent twice with `already_confirmed`, so Retry is always safe.

use gazette_api::member_status;
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::ApiClient,
    components::error_panel::ErrorPanel,
    error::FetchError,
    head,
    i18n::{confirm_text, describe_fetch_error, ConfirmText},
    router::use_router,
    urls::site_href,
};

/// Where confirming is.
#[derive(Debug, Clone, PartialEq)]
enum Confirming {
    Sending,
    Answered(Result<ConfirmText, FetchError>),
}

impl Confirming {
    /// What the server's answer says to the reader: a sentence, or an error
    /// for the panel with Retry.
    fn from_answer(answer: Result<String, FetchError>) -> Confirming {
        Confirming::Answered(match answer {
            Ok(status) if status == member_status::ALREADY_CONFIRMED => {
                Ok(ConfirmText::AlreadyConfirmed)
            }
            Ok(_) => Ok(ConfirmText::Confirmed),
            Err(FetchError::Gone) => Ok(ConfirmText::Expired),
            Err(FetchError::NotFound) => Ok(ConfirmText::Unknown),
            Err(error) => Err(error),
        })
    }
}

/// The confirmation page.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let token = use_router()
        .url_untracked()
        .query("token")
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
    head::set_title(confirm_text(ConfirmText::Title));
    view! {
        <section class="confirm">
            <h1>{confirm_text(ConfirmText::Title)}</h1>
            <div role="status" aria-live="polite">
                {move || match state.get() {
                    Confirming::Sending => view! {
                        <p aria-busy="true">{confirm_text(ConfirmText::Confirming)}</p>
                    }.into_any(),
                    Confirming::Answered(Ok(text)) => view! {
                        <p class="confirm__outcome">{confirm_text(text)}</p>
                        {matches!(text, ConfirmText::Expired | ConfirmText::Unknown).then(|| view! {
                            <a href=site_href("/join") class="button">
                                {confirm_text(ConfirmText::ApplyAgain)}
                            </a>
                        })}
                    }.into_any(),
                    Confirming::Answered(Err(error)) => view! {
                        <ErrorPanel
                            title=confirm_text(ConfirmText::NotConfirmed)
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
        assert_eq!(said(Ok("confirmed".into())), Ok(ConfirmText::Confirmed));
        assert_eq!(
            said(Ok("already_confirmed".into())),
            Ok(ConfirmText::AlreadyConfirmed)
        );
        assert_eq!(said(Err(FetchError::Gone)), Ok(ConfirmText::Expired));
        assert_eq!(said(Err(FetchError::NotFound)), Ok(ConfirmText::Unknown));
        assert_eq!(said(Err(FetchError::Timeout)), Err(FetchError::Timeout));
    }
}
