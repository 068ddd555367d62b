//! Per-client rate limiting of `POST /members`, with the `governor` crate.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc, time::Duration};

use axum::http::HeaderMap;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How many keys the limiter may hold before idle ones are dropped.
const MAX_TRACKED_CLIENTS: usize = 10_000;

/// A per-address limiter that knows which proxies to believe.
#[derive(Clone)]
pub struct ClientLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trusted_proxies: Arc<Vec<IpAddr>>,
}

impl ClientLimiter {
    /// Allows `per_minute` requests a minute per client, in a burst or spread out.
    pub fn new(per_minute: u32, trusted_proxies: Vec<IpAddr>) -> ClientLimiter {
        let burst = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        ClientLimiter {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(burst))),
            trusted_proxies: Arc::new(trusted_proxies),
        }
    }

    /// The client's address: the socket's, or, when the socket belongs to a
    /// trusted proxy, the nearest address in `X-Forwarded-For` that is not one.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|part| part.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        forwarded
            .into_iter()
            .rev()
            .find(|address| !self.trusted_proxies.contains(address))
            .unwrap_or(peer)
    }

    /// `Ok` when the client may go ahead, or how long it must wait.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        if self.limiter.len() > MAX_TRACKED_CLIENTS {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            not_until.wait_time_from(governor::clock::DefaultClock::default().now())
        })
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

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let limiter = ClientLimiter::new(5, vec![proxy]);
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

    #[test]
    fn the_limit_applies_per_client() {
        let limiter = ClientLimiter::new(2, vec![]);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        let wait = limiter.check(a).unwrap_err();
        assert!(wait > Duration::from_secs(1) && wait <= Duration::from_secs(30));
        assert!(limiter.check(b).is_ok());
    }
}
