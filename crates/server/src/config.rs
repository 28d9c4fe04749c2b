//! Settings from flags (first) and environment variables (second), with safe defaults: one
//! definition (`Flags`, clap) gives the flags, their environment variables, `--help` and the
//! README's table (a test compares them).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use axum::http::HeaderMap;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use crate::store::Location;

/// What the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// A SQLite file, or a `postgres://` URL.
    pub db: Location,
    pub static_dir: PathBuf,
    /// The published data (manifest and snapshots), served as `/data/`: state, not build output.
    /// Filled from the build's `data/` on first start; `widget-publish` changes it.
    pub data_dir: PathBuf,
    /// What an empty data folder is filled from on first start; `None`: it stays empty, for a
    /// city's first publication from the staff pages.
    pub default_data: Option<PathBuf>,
    /// People a publication needs: 2, an editor's draft and another person who publishes it; 1
    /// lets a small office's publisher publish their own draft.
    pub publish_approvals: u8,
    /// Fonts for the link-preview images (Debian's fonts-noto-cjk: Noto Sans CJK, OFL).
    pub fonts_dir: PathBuf,
    /// The dictionary ふりがな are read from (Debian's mecab-ipadic sources); `None`: no switch.
    pub furigana_dictionary: Option<PathBuf>,
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

/// The flags, each with its environment variable and default. A field's first doc line is its
/// `--help` text and its README row.
#[derive(Debug, Parser)]
#[command(
    name = "widget-server",
    about = "Serves the reform widget: pages, the feedback API, the staff pages and the published data.",
    after_help = "Also: widget-server staff add NAME --role editor|publisher [--db FILE|URL] (the password from standard input)"
)]
struct Flags {
    /// address to listen on
    #[arg(long, env = "WIDGET_LISTEN", default_value = "127.0.0.1:8080", value_name = "ADDR")]
    listen: SocketAddr,
    /// SQLite file (WAL, `synchronous=FULL`), or a `postgres://user:password@host:5432/db` URL
    #[arg(long, env = "WIDGET_DB", default_value = "var/feedback.sqlite3", value_name = "FILE|URL")]
    db: String,
    /// the built widget
    #[arg(long = "static", env = "WIDGET_STATIC", default_value = "dist", value_name = "DIR")]
    static_dir: PathBuf,
    /// the published data (manifest and snapshots), served as `/data/`; filled from the built widget's `data/` on first start; with a `postgres://` `--db`, this server's copy of the database's publications (see Several servers)
    #[arg(long = "data", env = "WIDGET_DATA", default_value = publish::folder::DEFAULT_DIR, value_name = "DIR")]
    data_dir: PathBuf,
    /// what an empty data folder is filled from on first start (default: the built widget's `data/`, Kumamoto's published plan); `none`: it stays empty, and staff make the city's first publication from a blank workbook
    #[arg(long = "default-data", env = "WIDGET_DEFAULT_DATA", value_name = "DIR")]
    default_data: Option<PathBuf>,
    /// seconds a request's headers may take; an idle keep-alive connection waits no longer for its next request
    #[arg(long = "header-timeout", env = "WIDGET_HEADER_TIMEOUT", default_value = "10", value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout_secs: u64,
    /// seconds a whole request may take (408 after)
    #[arg(long = "request-timeout", env = "WIDGET_REQUEST_TIMEOUT", default_value = "30", value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    request_timeout_secs: u64,
    /// open connections at most (default: the open files limit, raised to its hard limit at start, less 128)
    #[arg(long = "max-connections", env = "WIDGET_MAX_CONNECTIONS", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_connections: Option<u64>,
    /// open connections per client address; a trusted proxy's are not counted (it keeps its own limit)
    #[arg(long = "max-connections-per-client", env = "WIDGET_MAX_CONNECTIONS_PER_CLIENT", default_value = "256", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_connections_per_client: u64,
    /// fonts with Japanese glyphs for the link-preview images (Debian's `fonts-noto-cjk`)
    #[arg(
        long = "fonts",
        env = "WIDGET_FONTS",
        default_value = "/usr/share/fonts/opentype/noto",
        value_name = "DIR"
    )]
    fonts_dir: PathBuf,
    /// the dictionary ふりがな are read from when the server starts (Debian's `mecab-ipadic` sources); `none`: no ふりがな switch
    #[arg(
        long = "furigana-dictionary",
        env = "WIDGET_FURIGANA_DICTIONARY",
        default_value = "/usr/share/mecab/dic/ipadic",
        value_name = "DIR"
    )]
    furigana_dictionary: PathBuf,
    /// people a publication needs on the staff pages: 2, one prepares the draft and another publishes it; 1 lets a publisher publish alone
    #[arg(long = "publish-approvals", env = "WIDGET_PUBLISH_APPROVALS", default_value = "2", value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    publish_approvals: u8,
    /// another site allowed to post feedback (repeatable; the variable comma-separated)
    #[arg(long = "allow-origin", env = "WIDGET_ALLOWED_ORIGINS", value_delimiter = ',', value_name = "ORIGIN", value_parser = origin)]
    allowed_origins: Vec<String>,
    /// a file holding the bearer token for the staff CSV and summary (`WIDGET_EXPORT_TOKEN` may hold the token itself); without one they are off
    #[arg(long = "export-token-file", value_name = "FILE")]
    export_token_file: Option<PathBuf>,
    /// who may embed the widget (CSP `frame-ancestors` sources)
    #[arg(long = "frame-ancestors", env = "WIDGET_FRAME_ANCESTORS", default_value = "'self'", value_name = "SRC", value_parser = frame_ancestors)]
    frame_ancestors: String,
    /// submissions per client address per minute
    #[arg(long = "rate-limit", env = "WIDGET_RATE_LIMIT", default_value = "20", value_name = "N")]
    rate_limit_per_minute: u32,
    /// days an e-mail address for a reply is kept; the message stays
    #[arg(
        long = "email-retention-days",
        env = "WIDGET_EMAIL_RETENTION_DAYS",
        default_value = "90",
        value_name = "N"
    )]
    email_retention_days: u32,
    /// fewest answers a counter survey summary cell shows
    #[arg(
        long = "summary-min-count",
        env = "WIDGET_SUMMARY_MIN_COUNT",
        default_value = "10",
        value_name = "N"
    )]
    summary_min_count: u32,
    /// a reverse proxy's address: from it, the rate limit counts the client named in `X-Forwarded-For` (repeatable; the variable comma-separated; without it the header is ignored)
    #[arg(long = "trusted-proxy", env = "WIDGET_TRUSTED_PROXIES", value_delimiter = ',', value_name = "ADDR")]
    trusted_proxies: Vec<IpAddr>,
    /// the licence the city publishes its figures under (an address, e.g. `https://creativecommons.org/licenses/by/4.0/`), named in each page's dataset description for search engines; without it none is named
    #[arg(long = "data-license", env = "WIDGET_DATA_LICENSE", value_name = "URL", value_parser = license)]
    data_license: Option<String>,
}

fn origin(text: &str) -> Result<String, String> {
    Ok(text.trim().trim_end_matches('/').to_string())
}

fn frame_ancestors(text: &str) -> Result<String, String> {
    if text.contains([';', '\n', '\r']) {
        Err("may not contain ';' or line breaks".into())
    } else {
        Ok(text.to_string())
    }
}

fn license(text: &str) -> Result<String, String> {
    parse_license("", text).map_err(|_| "is not an address like https://creativecommons.org/licenses/by/4.0/".into())
}

/// A licence's address: http(s), nothing that could leave an attribute or a JSON string.
pub fn parse_license(name: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    let plain = t
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\'));
    if (t.starts_with("https://") || t.starts_with("http://")) && plain && t.len() <= 300 {
        Ok(t.to_string())
    } else {
        Err(format!(
            "{name}: {text:?} is not an address like https://creativecommons.org/licenses/by/4.0/"
        ))
    }
}

impl Default for Config {
    /// The defaults the flags name (environment variables still apply, as for the server).
    fn default() -> Self {
        Config::from_env_and_args(Vec::<String>::new()).expect("the defaults are valid")
    }
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
        forwarded
            .into_iter()
            .rev()
            .find(|a| !self.trusted_proxies.contains(a))
            .unwrap_or(peer)
    }

    /// From flags (`args`, without the program's name) and environment variables. An error
    /// (or `--help`) is clap's: `e.exit()` prints it where it belongs.
    pub fn from_env_and_args(args: impl IntoIterator<Item = String>) -> Result<Config, clap::Error> {
        // A variable set but blank (`Environment=WIDGET_DB=` in a unit) counts as not set.
        let blank = |a: &clap::Arg| {
            a.get_env()
                .and_then(std::env::var_os)
                .is_some_and(|v| v.to_string_lossy().trim().is_empty())
        };
        let command = Flags::command().mut_args(|a| if blank(&a) { a.env(None::<&str>) } else { a });
        let matches = command.try_get_matches_from(std::iter::once("widget-server".to_string()).chain(args))?;
        let f = <Flags as clap::FromArgMatches>::from_arg_matches(&matches)?;
        let invalid = |message: String| Flags::command().error(ErrorKind::ValueValidation, message);
        let export_token = match &f.export_token_file {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|e| invalid(format!("--export-token-file {}: {e}", path.display())))?),
            None => std::env::var("WIDGET_EXPORT_TOKEN").ok(),
        }
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
        if export_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(invalid("the export token must be at least 16 characters".into()));
        }
        let default_data = match f.default_data {
            Some(d) if d.as_os_str() == "none" => None,
            Some(d) => Some(d),
            None => Some(f.static_dir.join("data")),
        };
        Ok(Config {
            listen: f.listen,
            db: Location::parse(&f.db),
            static_dir: f.static_dir,
            default_data,
            data_dir: f.data_dir,
            publish_approvals: f.publish_approvals,
            fonts_dir: f.fonts_dir,
            furigana_dictionary: Some(f.furigana_dictionary).filter(|d| d.as_os_str() != "none"),
            header_timeout_secs: f.header_timeout_secs,
            request_timeout_secs: f.request_timeout_secs,
            max_connections: f.max_connections.unwrap_or(0) as usize,
            max_connections_per_client: f.max_connections_per_client as usize,
            allowed_origins: f.allowed_origins.into_iter().filter(|o| !o.is_empty()).collect(),
            export_token,
            frame_ancestors: f.frame_ancestors,
            rate_limit_per_minute: f.rate_limit_per_minute,
            email_retention_days: f.email_retention_days,
            summary_min_count: f.summary_min_count,
            trusted_proxies: f.trusted_proxies,
            data_license: f.data_license,
        })
    }
}

/// The README's table of flags, as the definition above writes it.
pub fn readme_table() -> String {
    let mut table = String::from("| flag | environment | default | what |\n|---|---|---|---|\n");
    for arg in Flags::command()
        .get_arguments()
        .filter(|a| a.get_long().is_some_and(|l| l != "help"))
    {
        let env = arg.get_env().map_or("—".to_string(), |e| format!("`{}`", e.to_string_lossy()));
        let defaults: Vec<String> = arg.get_default_values().iter().map(|d| d.to_string_lossy().into_owned()).collect();
        let default = if defaults.is_empty() {
            "—".to_string()
        } else {
            format!("`{}`", defaults.join(","))
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        table += &format!("| `--{}` | {env} | {default} | {help} |\n", arg.get_long().unwrap_or_default());
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_table_is_the_flags_definition() {
        let readme = include_str!("../../../README.md");
        let table = readme_table();
        assert!(
            readme.contains(&table),
            "README.md's table of flags is stale; it should read:\n{table}"
        );
    }

    #[test]
    fn flags_come_first_then_variables_then_defaults_and_bad_values_are_refused() {
        let c = Config::from_env_and_args(
            [
                "--listen",
                "0.0.0.0:9000",
                "--allow-origin",
                "https://a.example/",
                "--trusted-proxy",
                "10.0.0.5",
                "--trusted-proxy",
                "10.0.0.6",
            ]
            .map(String::from),
        )
        .unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.allowed_origins, ["https://a.example"]);
        assert_eq!(c.trusted_proxies.len(), 2);
        assert_eq!((c.publish_approvals, c.max_connections, c.rate_limit_per_minute), (2, 0, 20));
        for bad in [
            &["--publish-approvals", "3"][..],
            &["--header-timeout", "0"],
            &["--frame-ancestors", "'self'; script-src *"],
            &["--data-license", "javascript:x"],
            &["--no-such-flag"],
        ] {
            assert!(Config::from_env_and_args(bad.iter().map(|s| s.to_string())).is_err(), "{bad:?}");
        }
    }
}
