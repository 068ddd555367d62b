//! Requests per client counted in PostgreSQL, so that every instance behind
//! a load balancer enforces one allowance. The rule is `governor`'s (the
//! generic cell rate algorithm, as one instance counts in memory): a client
//! may send `per_minute` at once, then one more every `60 / per_minute`
//! seconds. Its state is one time per client (the "theoretical arrival
//! time"), advanced in one statement, so two instances counting the same
//! client at once are serialised by the row.

use std::time::Duration;

use deadpool_postgres::Object as Client;

use super::Cached;

use crate::db::DbError;

/// The window a full allowance covers.
const WINDOW_SECONDS: f64 = 60.0;

/// Counts a request from `client`: `Ok(())`, or how long it must wait.
pub async fn admit(
    client: &Client,
    who: &str,
    per_minute: u32,
) -> Result<Result<(), Duration>, DbError> {
    let interval = WINDOW_SECONDS / f64::from(per_minute.max(1));
    let admitted = client
        .maybe(
            "INSERT INTO rate_limits AS r (client, tat)
             VALUES ($1, now() + make_interval(secs => $2))
             ON CONFLICT (client) DO UPDATE
                SET tat = GREATEST(r.tat, now()) + make_interval(secs => $2)
                WHERE GREATEST(r.tat, now()) + make_interval(secs => $2)
                      <= now() + make_interval(secs => $3)
             RETURNING 1",
            &[&who, &interval, &WINDOW_SECONDS],
        )
        .await?;
    if admitted.is_some() {
        return Ok(Ok(()));
    }
    let wait: f64 = client
        .one(
            "SELECT COALESCE(EXTRACT(EPOCH FROM
                tat + make_interval(secs => $2) - now() - make_interval(secs => $3))::float8, 0)
             FROM rate_limits WHERE client = $1",
            &[&who, &interval, &WINDOW_SECONDS],
        )
        .await?
        .get(0);
    Ok(Err(Duration::from_secs_f64(wait.max(0.001))))
}

/// Forgets the clients whose allowance is whole again.
pub async fn forget_idle(client: &Client) -> Result<(), DbError> {
    client
        .exec("DELETE FROM rate_limits WHERE tat < now()", &[])
        .await?;
    Ok(())
}
