//! Joining the organisation: the membership block and its form, on the join
//! page, in the iframe embed and in the `<gazette-join-form>` element.
//!
//! `draft` holds the logic (what a visitor typed, the idempotency key of an
//! application, which field an error points at first), apart from the view:
//! `form` (the form and its status region), `fields` (one component per kind
//! of field), `submission` (sending, and what each answer does),
//! `membership_form` (the site's heading over the form), `page` (`/join`)
//! and `confirm` (`/join/confirm`, where a confirmation e-mail's link leads).

pub mod confirm;
pub mod draft;
pub mod fields;
pub mod form;
pub mod membership_form;
pub mod page;
pub mod submission;
