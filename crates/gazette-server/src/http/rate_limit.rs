//! Per-client rate limiting of `POST /members`: counted in this process's
//! memory with the `governor` crate when the server is the only instance
//! (SQLite), or in PostgreSQL, which every instance shares, when it is one
//! of several (the same rule, `gazette_members::postgres`'s `limits.rs`).

use std::{
    net::{IpAddr, Ipv6Addr},
    num::NonZeroU32,
    sync::Arc,
    time::Duration,
};

use axum::http::HeaderMap;
use gazette_members::backend::RateCounter;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How often clients whose allowance is whole again are forgotten. It runs in
/// its own task: pruning is linear in the number of clients, and on the request
/// path 20,000 of them would slow every request.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// The key a client is counted under. One IPv6 host is usually given a whole
/// /64, so rotating addresses inside it must not buy new allowances; an
/// IPv4-mapped IPv6 peer (`::ffff:192.0.2.1`) is the IPv4 host it maps.
pub fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

/// Where requests are counted.
#[derive(Clone)]
enum Counter {
    /// In this process: right for the one instance a SQLite file allows.
    Local(Arc<DefaultKeyedRateLimiter<IpAddr>>),
    /// In the database every instance shares.
    Shared(Arc<dyn RateCounter>),
}

/// A per-address limiter that knows which proxies to believe.
#[derive(Clone)]
pub struct ClientLimiter {
    counter: Counter,
    per_minute: u32,
    trusted_proxies: Arc<Vec<IpAddr>>,
}

impl ClientLimiter {
    /// Allows `per_minute` requests a minute per client, in a burst or spread
    /// out, counted by `shared` when given, else in memory (then it starts
    /// the task that forgets idle clients, which ends with the limiter; call
    /// it inside the Tokio runtime).
    pub fn new(
        per_minute: u32,
        trusted_proxies: Vec<IpAddr>,
        shared: Option<Arc<dyn RateCounter>>,
    ) -> ClientLimiter {
        let trusted_proxies = Arc::new(trusted_proxies);
        if let Some(shared) = shared {
            return ClientLimiter {
                counter: Counter::Shared(shared),
                per_minute,
                trusted_proxies,
            };
        }
        let burst = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let limiter = Arc::new(RateLimiter::keyed(Quota::per_minute(burst)));
        let weak = Arc::downgrade(&limiter);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(PRUNE_EVERY);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let Some(limiter) = weak.upgrade() else { break };
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
        ClientLimiter {
            counter: Counter::Local(limiter),
            per_minute,
            trusted_proxies,
        }
    }

    /// The client's address: the socket's, or, when the socket belongs to a
    /// trusted proxy, the nearest address in `X-Forwarded-For` that is not one.
    /// The chain is read from the nearest hop back and stops at the first entry
    /// that is not an address: what lies beyond it cannot be trusted, so the
    /// last proxy seen is counted instead.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let mut hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|value| value.to_str().unwrap_or("?").split(','))
            .collect();
        hops.reverse();
        let mut nearest = peer;
        for hop in hops {
            match hop.trim().parse::<IpAddr>() {
                Ok(address) if self.trusted_proxies.contains(&address) => nearest = address,
                Ok(address) => return address,
                Err(_) => break,
            }
        }
        nearest
    }

    /// `Ok` when the client may go ahead, or how long it must wait. A shared
    /// count that cannot be read lets the request through (and says so in
    /// the log): the write behind it meets the same database and answers
    /// for itself.
    pub async fn check(&self, client: IpAddr) -> Result<(), Duration> {
        let key = client_key(client);
        match &self.counter {
            Counter::Local(limiter) => limiter.check_key(&key).map_err(|not_until| {
                not_until.wait_time_from(governor::clock::DefaultClock::default().now())
            }),
            Counter::Shared(shared) => match shared.admit(key.to_string(), self.per_minute).await {
                Ok(verdict) => verdict,
                Err(error) => {
                    tracing::warn!(%error, "the shared rate limit could not be read");
                    Ok(())
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    #[tokio::test]
    async fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let limiter = ClientLimiter::new(5, vec![proxy], None);
        let stranger: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(
            limiter.client_address(stranger, &headers("203.0.113.9")),
            stranger
        );
        assert_eq!(
            limiter.client_address(proxy, &headers("198.51.100.1, 203.0.113.9, 10.0.0.1")),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(limiter.client_address(proxy, &headers("garbage")), proxy);
    }

    #[tokio::test]
    async fn forwarded_for_stops_at_the_first_entry_that_is_not_an_address() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let inner: IpAddr = "10.0.0.2".parse().unwrap();
        let limiter = ClientLimiter::new(5, vec![proxy, inner], None);
        // A client that writes its own header cannot choose the address counted.
        assert_eq!(
            limiter.client_address(proxy, &headers("203.0.113.9, unknown, 10.0.0.2")),
            inner
        );
        assert_eq!(
            limiter.client_address(proxy, &headers("203.0.113.9, 198.51.100.1 x")),
            proxy
        );
        assert_eq!(
            limiter.client_address(proxy, &headers("203.0.113.9, 10.0.0.2")),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        let key = |text: &str| client_key(text.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.1"), key("192.0.2.1"));
        assert_eq!(key("192.0.2.1"), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[tokio::test]
    async fn rotating_addresses_inside_one_64_shares_one_allowance() {
        let limiter = ClientLimiter::new(2, vec![], None);
        for host in 1..=2 {
            assert!(limiter
                .check(format!("2001:db8::{host}").parse().unwrap())
                .await
                .is_ok());
        }
        assert!(limiter.check("2001:db8::3".parse().unwrap()).await.is_err());
        assert!(limiter
            .check("::ffff:192.0.2.9".parse().unwrap())
            .await
            .is_ok());
        assert!(limiter
            .check("::ffff:192.0.2.9".parse().unwrap())
            .await
            .is_ok());
        assert!(limiter.check("192.0.2.9".parse().unwrap()).await.is_err());
    }

    #[tokio::test]
    async fn the_limit_applies_per_client() {
        let limiter = ClientLimiter::new(2, vec![], None);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.check(a).await.is_ok());
        assert!(limiter.check(a).await.is_ok());
        let wait = limiter.check(a).await.unwrap_err();
        assert!(wait > Duration::from_secs(1) && wait <= Duration::from_secs(30));
        assert!(limiter.check(b).await.is_ok());
    }
}
