//! Settings from flags (first) and environment variables (second), with safe defaults.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use axum::http::HeaderMap;

use crate::store::Location;

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// A SQLite file, or a `postgres://` URL.
    pub db: Location,
    pub static_dir: PathBuf,
    /// The published data (manifest and snapshots), served as `/data/`: state, not build output.
    /// Filled from the build's `data/` on first start; `widget-publish` changes it.
    pub data_dir: PathBuf,
    /// People a publication needs: 2, an editor's draft and another person who publishes it; 1
    /// lets a small office's publisher publish their own draft.
    pub publish_approvals: u8,
    /// Fonts for the link-preview images (Debian's fonts-noto-cjk: Noto Sans CJK, OFL).
    pub fonts_dir: PathBuf,
    /// Seconds a request's headers may take to arrive; also how long an idle keep-alive
    /// connection waits for its next request.
    pub header_timeout_secs: u64,
    /// Seconds a whole request may take.
    pub request_timeout_secs: u64,
    /// Open connections at most; 0: as many as the open files limit allows, less a margin.
    pub max_connections: usize,
    /// Open connections per client address at most (a trusted proxy's are not counted).
    pub max_connections_per_client: usize,
    /// Origins (besides the server's own) allowed to post feedback, e.g. `https://www.city.kumamoto.jp`.
    pub allowed_origins: Vec<String>,
    /// Bearer token for the staff CSV export; `None` disables the export.
    pub export_token: Option<String>,
    /// `frame-ancestors` sources: who may embed the widget.
    pub frame_ancestors: String,
    /// Submissions accepted per client address per minute.
    pub rate_limit_per_minute: u32,
    /// Days an e-mail address (given with consent, for a reply) is kept; the message stays.
    pub email_retention_days: u32,
    /// A counter survey cell with fewer answers than this is withheld from the summary.
    pub summary_min_count: u32,
    /// Reverse proxies in front of the server: from these (and only these) the rate limit
    /// believes `X-Forwarded-For`. Empty by default: nothing trusts that header.
    pub trusted_proxies: Vec<IpAddr>,
    /// The licence the city publishes its figures under (a URL, e.g. a Creative Commons
    /// licence's), named in the pages' dataset description for search engines. None by default:
    /// a licence is the city's to choose, never assumed.
    pub data_license: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".parse().expect("a valid address"),
            db: Location::Sqlite(PathBuf::from("var/feedback.sqlite3")),
            static_dir: PathBuf::from("dist"),
            data_dir: PathBuf::from("var/data"),
            publish_approvals: 2,
            fonts_dir: PathBuf::from("/usr/share/fonts/opentype/noto"),
            header_timeout_secs: 10,
            request_timeout_secs: 30,
            max_connections: 0,
            max_connections_per_client: 256,
            allowed_origins: vec![],
            export_token: None,
            frame_ancestors: "'self'".into(),
            rate_limit_per_minute: 20,
            email_retention_days: 90,
            summary_min_count: 10,
            trusted_proxies: vec![],
            data_license: None,
        }
    }
}

pub const USAGE: &str = "widget-server [options]
  --listen ADDR            address to listen on (WIDGET_LISTEN, default 127.0.0.1:8080)
  --db FILE|URL            SQLite database file, or a postgres://user:password@host/db URL for
                           several servers on one database (WIDGET_DB, default var/feedback.sqlite3)
  --static DIR             built widget to serve (WIDGET_STATIC, default dist)
  --data DIR               published data: the manifest and snapshots, served as /data/; filled
                           from the built widget's data/ when it has no manifest yet
                           (WIDGET_DATA, default var/data)
  --fonts DIR              fonts for the link-preview images, with Japanese glyphs
                           (WIDGET_FONTS, default /usr/share/fonts/opentype/noto: fonts-noto-cjk)
  --header-timeout SECS    a request's headers must arrive within this, and an idle keep-alive
                           connection waits no longer (WIDGET_HEADER_TIMEOUT, default 10)
  --request-timeout SECS   a whole request at most (WIDGET_REQUEST_TIMEOUT, default 30)
  --max-connections N      open connections at most (WIDGET_MAX_CONNECTIONS; default: the open
                           files limit, raised to its hard limit at start, less 128)
  --max-connections-per-client N
                           open connections per client address at most; a trusted proxy's are
                           not counted (WIDGET_MAX_CONNECTIONS_PER_CLIENT, default 256)
  --publish-approvals N    people a publication needs on the staff pages: 2, one prepares the
                           draft and another publishes it; 1 lets a publisher publish alone
                           (WIDGET_PUBLISH_APPROVALS, default 2)
  --allow-origin ORIGIN    another origin allowed to post feedback; repeatable
                           (WIDGET_ALLOWED_ORIGINS, comma-separated)
  --export-token-file FILE file holding the staff export token (WIDGET_EXPORT_TOKEN holds the token itself);
                           without one the CSV export is disabled
  --frame-ancestors SRC    who may embed the widget, CSP syntax (WIDGET_FRAME_ANCESTORS, default 'self')
  --rate-limit N           submissions per client address per minute (WIDGET_RATE_LIMIT, default 20)
  --email-retention-days N days an e-mail address for a reply is kept; the message stays
                           (WIDGET_EMAIL_RETENTION_DAYS, default 90)
  --summary-min-count N    fewest answers a counter survey summary cell shows
                           (WIDGET_SUMMARY_MIN_COUNT, default 10)
  --trusted-proxy ADDR     a reverse proxy's address: its X-Forwarded-For names the client the rate
                           limit counts; repeatable (WIDGET_TRUSTED_PROXIES, comma-separated;
                           default none, and the header is ignored)
  --data-license URL       the licence the city publishes its figures under, e.g.
                           https://creativecommons.org/licenses/by/4.0/ ; named in the pages' dataset
                           description for search engines (WIDGET_DATA_LICENSE, default none)";

/// A licence's address: http(s), nothing that could leave an attribute or a JSON string.
pub fn parse_license(name: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    let plain = t.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\'));
    if (t.starts_with("https://") || t.starts_with("http://")) && plain && t.len() <= 300 {
        Ok(t.to_string())
    } else {
        Err(format!("{name}: {text:?} is not an address like https://creativecommons.org/licenses/by/4.0/"))
    }
}

fn parse_positive(name: &str, text: &str) -> Result<u64, String> {
    text.trim().parse::<u64>().ok().filter(|n| *n > 0).ok_or(format!("{name}: {text:?} is not a positive number"))
}

fn parse_approvals(name: &str, text: &str) -> Result<u8, String> {
    match text.trim() {
        "1" => Ok(1),
        "2" => Ok(2),
        _ => Err(format!("{name}: {text:?} must be 1 or 2")),
    }
}

fn parse_ip(name: &str, text: &str) -> Result<IpAddr, String> {
    text.parse().map_err(|_| format!("{name}: {text:?} is not an IP address like 10.0.0.5"))
}

impl Config {
    /// The client the rate limit counts. From a trusted proxy, the nearest address in
    /// `X-Forwarded-For` that is not itself a trusted proxy (the right end is written by our
    /// proxy; anything to its left the client could have made up). Otherwise the peer.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|a| a.trim().parse::<IpAddr>())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        forwarded.into_iter().rev().find(|a| !self.trusted_proxies.contains(a)).unwrap_or(peer)
    }

    pub fn from_env_and_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut c = Config::default();
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        if let Some(v) = env("WIDGET_LISTEN") {
            c.listen = v.parse().map_err(|_| format!("WIDGET_LISTEN: {v:?} is not an address like 127.0.0.1:8080"))?;
        }
        if let Some(v) = env("WIDGET_DB") {
            c.db = Location::parse(&v);
        }
        if let Some(v) = env("WIDGET_STATIC") {
            c.static_dir = v.into();
        }
        if let Some(v) = env("WIDGET_FONTS") {
            c.fonts_dir = v.into();
        }
        if let Some(v) = env("WIDGET_DATA") {
            c.data_dir = v.into();
        }
        if let Some(v) = env("WIDGET_PUBLISH_APPROVALS") {
            c.publish_approvals = parse_approvals("WIDGET_PUBLISH_APPROVALS", &v)?;
        }
        for (var, slot) in [("WIDGET_HEADER_TIMEOUT", &mut c.header_timeout_secs), ("WIDGET_REQUEST_TIMEOUT", &mut c.request_timeout_secs)] {
            if let Some(v) = env(var) {
                *slot = parse_positive(var, &v)?;
            }
        }
        for (var, slot) in [("WIDGET_MAX_CONNECTIONS", &mut c.max_connections), ("WIDGET_MAX_CONNECTIONS_PER_CLIENT", &mut c.max_connections_per_client)] {
            if let Some(v) = env(var) {
                *slot = parse_positive(var, &v)? as usize;
            }
        }
        if let Some(v) = env("WIDGET_ALLOWED_ORIGINS") {
            c.allowed_origins = v.split(',').map(|s| s.trim().trim_end_matches('/').to_string()).filter(|s| !s.is_empty()).collect();
        }
        c.export_token = env("WIDGET_EXPORT_TOKEN");
        if let Some(v) = env("WIDGET_FRAME_ANCESTORS") {
            c.frame_ancestors = v;
        }
        if let Some(v) = env("WIDGET_RATE_LIMIT") {
            c.rate_limit_per_minute = v.parse().map_err(|_| format!("WIDGET_RATE_LIMIT: {v:?} is not a number"))?;
        }
        if let Some(v) = env("WIDGET_EMAIL_RETENTION_DAYS") {
            c.email_retention_days = v.parse().map_err(|_| format!("WIDGET_EMAIL_RETENTION_DAYS: {v:?} is not a number of days"))?;
        }
        if let Some(v) = env("WIDGET_SUMMARY_MIN_COUNT") {
            c.summary_min_count = v.parse().map_err(|_| format!("WIDGET_SUMMARY_MIN_COUNT: {v:?} is not a number"))?;
        }
        if let Some(v) = env("WIDGET_TRUSTED_PROXIES") {
            c.trusted_proxies = v.split(',').map(|a| parse_ip("WIDGET_TRUSTED_PROXIES", a.trim())).collect::<Result<_, _>>()?;
        }
        if let Some(v) = env("WIDGET_DATA_LICENSE") {
            c.data_license = Some(parse_license("WIDGET_DATA_LICENSE", &v)?);
        }
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            match flag.as_str() {
                "--listen" => {
                    let v = value("--listen")?;
                    c.listen = v.parse().map_err(|_| format!("--listen: {v:?} is not an address like 127.0.0.1:8080"))?;
                }
                "--db" => c.db = Location::parse(&value("--db")?),
                "--trusted-proxy" => {
                    let v = value("--trusted-proxy")?;
                    c.trusted_proxies.push(parse_ip("--trusted-proxy", &v)?);
                }
                "--static" => c.static_dir = value("--static")?.into(),
                "--data" => c.data_dir = value("--data")?.into(),
                "--fonts" => c.fonts_dir = value("--fonts")?.into(),
                "--header-timeout" => c.header_timeout_secs = parse_positive("--header-timeout", &value("--header-timeout")?)?,
                "--request-timeout" => c.request_timeout_secs = parse_positive("--request-timeout", &value("--request-timeout")?)?,
                "--max-connections" => c.max_connections = parse_positive("--max-connections", &value("--max-connections")?)? as usize,
                "--max-connections-per-client" => c.max_connections_per_client = parse_positive("--max-connections-per-client", &value("--max-connections-per-client")?)? as usize,
                "--publish-approvals" => c.publish_approvals = parse_approvals("--publish-approvals", &value("--publish-approvals")?)?,
                "--allow-origin" => c.allowed_origins.push(value("--allow-origin")?.trim_end_matches('/').to_string()),
                "--export-token-file" => {
                    let path = value("--export-token-file")?;
                    let token = std::fs::read_to_string(&path).map_err(|e| format!("--export-token-file {path}: {e}"))?;
                    c.export_token = Some(token.trim().to_string()).filter(|t| !t.is_empty());
                }
                "--frame-ancestors" => c.frame_ancestors = value("--frame-ancestors")?,
                "--rate-limit" => {
                    let v = value("--rate-limit")?;
                    c.rate_limit_per_minute = v.parse().map_err(|_| format!("--rate-limit: {v:?} is not a number"))?;
                }
                "--email-retention-days" => {
                    let v = value("--email-retention-days")?;
                    c.email_retention_days = v.parse().map_err(|_| format!("--email-retention-days: {v:?} is not a number of days"))?;
                }
                "--summary-min-count" => {
                    let v = value("--summary-min-count")?;
                    c.summary_min_count = v.parse().map_err(|_| format!("--summary-min-count: {v:?} is not a number"))?;
                }
                "--data-license" => c.data_license = Some(parse_license("--data-license", &value("--data-license")?)?),
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown option {other:?}\n{USAGE}")),
            }
        }
        if c.export_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err("the export token must be at least 16 characters".into());
        }
        if c.frame_ancestors.contains([';', '\n', '\r']) {
            return Err("--frame-ancestors may not contain ';' or line breaks".into());
        }
        Ok(c)
    }
}
