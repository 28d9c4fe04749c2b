//! The staff inbox's side of the store: citizens' voices (every message and kiosk comment with
//! text) listed with filters, counts and a Japanese text search; each voice's handling (status,
//! the section in charge, an internal note, its theme); themes; and an audit log of every change.
//! The SQL is written once with PostgreSQL's `$1` and read by SQLite as `?1`; where the two
//! differ (a time as text, the text search) `Dialect` says how.

use rusqlite::types::Value as LiteValue;
use rusqlite::{params, OptionalExtension};
use tokio_postgres::types::ToSql;

use super::staff::lite;
use super::{Result, Store, StoreError};

/// A voice's handling, in the order it usually moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// 新着: nobody has read it yet.
    New,
    /// 確認済み.
    Seen,
    /// 担当課で検討中.
    Considering,
    /// 市の対応を公開: the city's answer is public.
    Answered,
    /// 対応しない: with the reason in the note.
    Declined,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::New, Status::Seen, Status::Considering, Status::Answered, Status::Declined];

    /// As stored and as the forms send it.
    pub fn id(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Seen => "seen",
            Status::Considering => "considering",
            Status::Answered => "answered",
            Status::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == text)
    }
}

/// Bounds on what staff type, in characters (checked by the pages before the store is asked).
pub const MAX_ASSIGNED_CHARS: usize = 60;
pub const MAX_NOTE_CHARS: usize = 2000;
pub const MAX_THEME_CHARS: usize = 120;
pub const MAX_SEARCH_CHARS: usize = 100;
/// Voices per page of the list.
pub const PAGE_SIZE: usize = 50;
/// Topics offered as a filter: the most frequent.
const MAX_TOPICS: usize = 50;

/// What the list shows: every filter is optional; `text` is one or more words, each of which
/// must occur somewhere in the message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoiceQuery {
    pub text: String,
    pub topic: Option<String>,
    pub kind: Option<String>,
    pub ward: Option<String>,
    pub section: Option<String>,
    /// `YYYY-MM`, Japan time.
    pub month: Option<String>,
    pub status: Option<Status>,
    pub theme: Option<i64>,
    /// Keyset paging: voices older than this id.
    pub before: Option<i64>,
}

/// One voice in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSummary {
    pub id: i64,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    pub kind: String,
    pub topic: String,
    pub ward: Option<String>,
    pub section: Option<String>,
    pub status: Status,
    pub assigned: String,
    pub theme_id: Option<i64>,
    /// The message's first characters.
    pub excerpt: String,
}

/// How many voices the current filters find, in all and per value of each filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub total: i64,
    pub status: Vec<(String, i64)>,
    pub kind: Vec<(String, i64)>,
    pub ward: Vec<(String, i64)>,
    pub section: Vec<(String, i64)>,
    pub month: Vec<(String, i64)>,
    pub topic: Vec<(String, i64)>,
    /// Theme ids as text; `""` for voices in no theme.
    pub theme: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoicePage {
    pub items: Vec<VoiceSummary>,
    /// Where the next (older) page starts, when there is one.
    pub next_before: Option<i64>,
    pub facets: Facets,
}

/// One voice, whole, as staff read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub id: i64,
    pub received_at: String,
    pub kind: String,
    pub topic: String,
    pub message: String,
    pub satisfaction: Option<i64>,
    /// Present only with the citizen's consent, and only until the retention period ends.
    pub email: Option<String>,
    pub ward: Option<String>,
    pub section: Option<String>,
    pub handling: Handling,
    /// The newest log entry's id for this voice (0 when none): a form carries it, so a change
    /// made meanwhile by someone else is noticed instead of overwritten.
    pub version: i64,
}

/// What staff set on a voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handling {
    pub status: Status,
    pub assigned: String,
    pub note: String,
    pub theme_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: i64,
    pub title: String,
    /// The card or indicator it concerns (a snapshot id), or empty.
    pub card: String,
    pub created_by: String,
    pub voices: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub feedback_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// `status`, `assigned`, `note`, `theme`; for a theme `title`, `card`, `created`.
    pub field: String,
    pub old_value: String,
    pub new_value: String,
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Updated {
    Done,
    /// No voice (with text) has this id.
    NotFound,
    /// Someone changed it after the form was opened; nothing was written.
    Outdated,
    /// The theme named does not exist.
    NoSuchTheme,
}

/// What a citizen's private link finds: never the message, never the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    /// A card's id, or what the citizen wrote as the topic.
    pub topic: String,
    pub status: Status,
    pub theme_id: Option<i64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A stored time as UTC text.
    fn time(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => column.to_string(),
            Dialect::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"),
        }
    }

    /// A stored time compared with `param`, seconds since the epoch.
    fn not_before(self, column: &str, param: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{column} >= strftime('%Y-%m-%dT%H:%M:%SZ', {param}, 'unixepoch')"),
            Dialect::Postgres => format!("{column} >= to_timestamp({param}::BIGINT)"),
        }
    }
}

/// A bound value, for either driver.
#[derive(Debug, Clone)]
enum Bind {
    Text(String),
    Int(i64),
}

/// A `WHERE` clause and its values, numbered as they are added.
struct Filter {
    dialect: Dialect,
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

impl Filter {
    fn new(dialect: Dialect) -> Filter {
        // Only rows with text are voices.
        Filter {
            dialect,
            clauses: vec!["message <> ''".into()],
            binds: vec![],
        }
    }

    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    fn equals(&mut self, column: &str, value: Bind) {
        let p = self.bind(value);
        self.clauses.push(format!("{column} = {p}"));
    }

    fn sql(&self) -> String {
        self.clauses.join(" AND ")
    }

    /// The query's filters (each facet is counted under all of them).
    fn of(dialect: Dialect, q: &VoiceQuery) -> Filter {
        let mut f = Filter::new(dialect);
        if let Some(v) = &q.topic {
            f.equals("topic", Bind::Text(v.clone()));
        }
        if let Some(v) = &q.kind {
            f.equals("kind", Bind::Text(v.clone()));
        }
        if let Some(v) = &q.ward {
            f.equals("ward", Bind::Text(v.clone()));
        }
        if let Some(v) = &q.section {
            f.equals("section", Bind::Text(v.clone()));
        }
        if let Some(v) = &q.month {
            f.equals("month", Bind::Text(v.clone()));
        }
        if let Some(v) = q.status {
            f.equals("status", Bind::Text(v.id().into()));
        }
        match q.theme {
            Some(0) => f.clauses.push("theme_id IS NULL".into()),
            Some(t) => f.equals("theme_id", Bind::Int(t)),
            None => {}
        }
        for word in search_words(&q.text) {
            f.contains(&word);
        }
        f
    }

    /// The message contains `word`. SQLite: three characters or more through the trigram
    /// index (a phrase query finds it anywhere, also mid-word); shorter words, which no trigram
    /// holds, by a scan. PostgreSQL: `LIKE`, which pg_trgm's index serves.
    fn contains(&mut self, word: &str) {
        let like = format!("%{}%", word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        match self.dialect {
            Dialect::Sqlite if word.chars().count() >= 3 => {
                let p = self.bind(Bind::Text(format!("\"{}\"", word.replace('"', "\"\""))));
                self.clauses
                    .push(format!("id IN (SELECT rowid FROM feedback_text WHERE feedback_text MATCH {p})"));
            }
            _ => {
                let p = self.bind(Bind::Text(like));
                self.clauses.push(format!("message LIKE {p} ESCAPE '\\'"));
            }
        }
    }
}

/// The search's words: split at spaces (either width), empty ones dropped, normalised the way
/// messages were when stored (full-width letters and digits to half-width), at most five.
pub fn search_words(text: &str) -> Vec<String> {
    feedback::normalise(text)
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_string)
        .collect()
}

fn lite_values(binds: &[Bind]) -> Vec<LiteValue> {
    binds
        .iter()
        .map(|b| match b {
            Bind::Text(t) => LiteValue::Text(t.clone()),
            Bind::Int(i) => LiteValue::Integer(*i),
        })
        .collect()
}

fn pg_values(binds: &[Bind]) -> Vec<Box<dyn ToSql + Sync + Send>> {
    binds
        .iter()
        .map(|b| -> Box<dyn ToSql + Sync + Send> {
            match b {
                Bind::Text(t) => Box::new(t.clone()),
                Bind::Int(i) => Box::new(*i),
            }
        })
        .collect()
}

fn pg_refs(values: &[Box<dyn ToSql + Sync + Send>]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v.as_ref() as &(dyn ToSql + Sync)).collect()
}

/// A row as both drivers give it: columns by index.
trait Row {
    fn text(&self, i: usize) -> String;
    fn opt_text(&self, i: usize) -> Option<String>;
    fn int(&self, i: usize) -> i64;
    fn opt_int(&self, i: usize) -> Option<i64>;
}

impl Row for rusqlite::Row<'_> {
    fn text(&self, i: usize) -> String {
        self.get::<_, Option<String>>(i).ok().flatten().unwrap_or_default()
    }
    fn opt_text(&self, i: usize) -> Option<String> {
        self.get(i).ok().flatten()
    }
    fn int(&self, i: usize) -> i64 {
        self.get(i).unwrap_or(0)
    }
    fn opt_int(&self, i: usize) -> Option<i64> {
        self.get(i).ok().flatten()
    }
}

impl Row for tokio_postgres::Row {
    fn text(&self, i: usize) -> String {
        self.get::<_, Option<String>>(i).unwrap_or_default()
    }
    fn opt_text(&self, i: usize) -> Option<String> {
        self.get(i)
    }
    fn int(&self, i: usize) -> i64 {
        self.get::<_, Option<i64>>(i).unwrap_or(0)
    }
    fn opt_int(&self, i: usize) -> Option<i64> {
        self.get(i)
    }
}

const EXCERPT_CHARS: i64 = 80;

fn summary_of(r: &impl Row) -> VoiceSummary {
    VoiceSummary {
        id: r.int(0),
        received_at: r.text(1),
        kind: r.text(2),
        topic: r.text(3),
        ward: r.opt_text(4),
        section: r.opt_text(5),
        status: Status::parse(&r.text(6)).unwrap_or(Status::New),
        assigned: r.text(7),
        theme_id: r.opt_int(8),
        excerpt: r.text(9),
    }
}

fn voice_of(r: &impl Row) -> Voice {
    Voice {
        id: r.int(0),
        received_at: r.text(1),
        kind: r.text(2),
        topic: r.text(3),
        message: r.text(4),
        satisfaction: r.opt_int(5),
        email: r.opt_text(6),
        ward: r.opt_text(7),
        section: r.opt_text(8),
        handling: Handling {
            status: Status::parse(&r.text(9)).unwrap_or(Status::New),
            assigned: r.text(10),
            note: r.text(11),
            theme_id: r.opt_int(12),
        },
        version: r.int(13),
    }
}

fn followed_of(r: &impl Row) -> Followed {
    Followed {
        received_at: r.text(0),
        topic: r.text(1),
        status: Status::parse(&r.text(2)).unwrap_or(Status::New),
        theme_id: r.opt_int(3),
    }
}

fn log_of(r: &impl Row) -> LogEntry {
    LogEntry {
        id: r.int(0),
        at: r.text(1),
        who: r.text(2),
        feedback_id: r.opt_int(3),
        theme_id: r.opt_int(4),
        field: r.text(5),
        old_value: r.text(6),
        new_value: r.text(7),
    }
}

/// The statements a page of the list runs: the page itself, and one pass that counts the
/// voices the filters find per combination of the facets' values (grouped in the order of the
/// `feedback_voice_facets` index, so SQLite streams it without sorting), summed per facet here.
fn list_statements(dialect: Dialect, q: &VoiceQuery) -> (String, Vec<Bind>, String, Vec<Bind>) {
    let mut page = Filter::of(dialect, q);
    if let Some(before) = q.before {
        let p = page.bind(Bind::Int(before));
        page.clauses.push(format!("id < {p}"));
    }
    let items = format!(
        "SELECT id, {}, kind, topic, ward, section, status, assigned, theme_id, substr(message, 1, {EXCERPT_CHARS}) FROM feedback WHERE {} ORDER BY id DESC LIMIT {}",
        dialect.time("received_at"),
        page.sql(),
        PAGE_SIZE + 1
    );
    let filter = Filter::of(dialect, q);
    let counts = format!(
        "SELECT status, kind, ward, section, month, topic, theme_id, COUNT(*) FROM feedback WHERE {} GROUP BY status, kind, ward, section, month, topic, theme_id",
        filter.sql()
    );
    (items, page.binds, counts, filter.binds)
}

/// One combination of facet values and how many voices have it.
struct Combination {
    values: [String; 7],
    count: i64,
}

fn combination_of(r: &impl Row) -> Combination {
    let theme = r.opt_int(6).map(|t| t.to_string()).unwrap_or_default();
    Combination {
        values: [r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), theme],
        count: r.int(7),
    }
}

/// The counts per facet value: statuses, kinds, wards, sections and themes by value, months
/// newest first, the most frequent topics first.
fn facets_of(combinations: Vec<Combination>) -> Facets {
    let mut sums: [std::collections::BTreeMap<String, i64>; 7] = Default::default();
    let mut total = 0;
    for c in combinations {
        total += c.count;
        for (sum, value) in sums.iter_mut().zip(c.values) {
            *sum.entry(value).or_default() += c.count;
        }
    }
    let [status, kind, ward, section, month, topic, theme] = sums.map(|m| m.into_iter().collect::<Vec<_>>());
    let mut topic = topic;
    topic.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    topic.truncate(MAX_TOPICS);
    Facets {
        total,
        status,
        kind,
        ward,
        section,
        month: month.into_iter().rev().collect(),
        topic,
        theme,
    }
}

fn page_of(mut items: Vec<VoiceSummary>, facets: Facets) -> VoicePage {
    let next_before = (items.len() > PAGE_SIZE).then(|| {
        items.truncate(PAGE_SIZE);
        items.last().map_or(0, |v| v.id)
    });
    VoicePage {
        items,
        next_before,
        facets,
    }
}

/// The columns a voice is read with (`voice_of`), its version last.
fn voice_sql(dialect: Dialect, lock: bool) -> String {
    format!(
        "SELECT id, {}, kind, topic, message, {}, email, ward, section, status, assigned, note, theme_id,
                COALESCE((SELECT MAX(l.id) FROM voice_log l WHERE l.feedback_id = feedback.id), 0)
         FROM feedback WHERE id = $1 AND message <> ''{}",
        dialect.time("received_at"),
        match dialect {
            Dialect::Sqlite => "satisfaction",
            Dialect::Postgres => "satisfaction::BIGINT",
        },
        if lock { " FOR UPDATE" } else { "" }
    )
}

/// The log rows an update writes: one per field that changed (a note's text is not copied
/// into the log: only that it changed and its length).
fn changes(before: &Handling, after: &Handling) -> Vec<(&'static str, String, String)> {
    let mut out = vec![];
    if before.status != after.status {
        out.push(("status", before.status.id().to_string(), after.status.id().to_string()));
    }
    if before.assigned != after.assigned {
        out.push(("assigned", before.assigned.clone(), after.assigned.clone()));
    }
    if before.note != after.note {
        out.push((
            "note",
            format!("{}", before.note.chars().count()),
            format!("{}", after.note.chars().count()),
        ));
    }
    if before.theme_id != after.theme_id {
        let id = |t: Option<i64>| t.map(|t| t.to_string()).unwrap_or_default();
        out.push(("theme", id(before.theme_id), id(after.theme_id)));
    }
    out
}

const LOG_INSERT: &str = "INSERT INTO voice_log (who, feedback_id, theme_id, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6)";
const HANDLING_UPDATE: &str = "UPDATE feedback SET status = $2, assigned = $3, note = $4, theme_id = $5 WHERE id = $1";
const THEME_EXISTS: &str = "SELECT COUNT(*) FROM voice_themes WHERE id = $1";

impl Store {
    /// A page of voices, newest first, with the counts under the same filters.
    pub async fn voices(&self, q: &VoiceQuery) -> Result<VoicePage> {
        match self {
            Store::Sqlite(s) => {
                let q = q.clone();
                s.read(move |s| {
                    let (items_sql, item_binds, counts_sql, count_binds) = list_statements(Dialect::Sqlite, &q);
                    let conn = s.reader();
                    let mut stmt = conn.prepare_cached(&lite(&items_sql))?;
                    let items = stmt
                        .query_map(rusqlite::params_from_iter(lite_values(&item_binds)), |r| Ok(summary_of(r)))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    let mut stmt = conn.prepare_cached(&lite(&counts_sql))?;
                    let counts = stmt
                        .query_map(rusqlite::params_from_iter(lite_values(&count_binds)), |r| Ok(combination_of(r)))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(page_of(items, facets_of(counts)))
                })
                .await
            }
            Store::Postgres(p) => {
                let (items_sql, item_binds, counts_sql, count_binds) = list_statements(Dialect::Postgres, q);
                // The page and the counts side by side, each on a connection of the pool.
                let items = async {
                    let conn = p.pool.get().await?;
                    let values = pg_values(&item_binds);
                    Ok::<_, StoreError>(
                        conn.query(&items_sql, &pg_refs(&values))
                            .await?
                            .iter()
                            .map(summary_of)
                            .collect::<Vec<_>>(),
                    )
                };
                let counts = async {
                    let conn = p.pool.get().await?;
                    let values = pg_values(&count_binds);
                    Ok::<_, StoreError>(
                        conn.query(&counts_sql, &pg_refs(&values))
                            .await?
                            .iter()
                            .map(combination_of)
                            .collect::<Vec<_>>(),
                    )
                };
                let (items, counts) = futures_util::future::join(items, counts).await;
                Ok(page_of(items?, facets_of(counts?)))
            }
        }
    }

    /// Voices with text per topic and month (Japan time, `YYYY-MM`), every month: what a draft's
    /// 「声の数を加える」 publishes, after leaving out what is not a card and what is too few.
    pub async fn voice_counts(&self) -> Result<Vec<(String, String, i64)>> {
        let sql =
            "SELECT topic, month, COUNT(*) FROM feedback WHERE message <> '' AND topic <> '' GROUP BY topic, month ORDER BY topic, month";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let conn = s.reader();
                    let mut stmt = conn.prepare_cached(sql)?;
                    let rows = stmt.query_map([], |r| Ok((r.text(0), r.text(1), r.int(2))))?;
                    Ok(rows.collect::<rusqlite::Result<_>>()?)
                })
                .await
            }
            Store::Postgres(p) => Ok(p
                .pool
                .get()
                .await?
                .query(sql, &[])
                .await?
                .iter()
                .map(|r| (r.text(0), r.text(1), r.int(2)))
                .collect()),
        }
    }

    /// One voice (one with text), whole.
    pub async fn voice(&self, id: i64) -> Result<Option<Voice>> {
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    Ok(s.reader()
                        .query_row(&lite(&voice_sql(Dialect::Sqlite, false)), [id], |r| Ok(voice_of(r)))
                        .optional()?)
                })
                .await
            }
            Store::Postgres(p) => Ok(p
                .pool
                .get()
                .await?
                .query_opt(&voice_sql(Dialect::Postgres, false), &[&id])
                .await?
                .map(|r| voice_of(&r))),
        }
    }

    /// The voice a private link's token names, if the link still works at `now` (seconds since
    /// the epoch): received within [`super::FOLLOW_DAYS`]. Looked up by the token's hash.
    pub async fn followed(&self, token: &str, now: i64) -> Result<Option<Followed>> {
        let hash = crate::token_hash(token);
        let cutoff = now - i64::from(super::FOLLOW_DAYS) * 86_400;
        let sql = |d: Dialect| {
            format!(
                "SELECT {}, topic, status, theme_id FROM feedback WHERE follow_hash = $1 AND message <> '' AND {} ORDER BY id DESC LIMIT 1",
                d.time("received_at"),
                d.not_before("received_at", "$2")
            )
        };
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    Ok(s.reader()
                        .query_row(&lite(&sql(Dialect::Sqlite)), params![hash, cutoff], |r| Ok(followed_of(r)))
                        .optional()?)
                })
                .await
            }
            Store::Postgres(p) => Ok(p
                .pool
                .get()
                .await?
                .query_opt(&sql(Dialect::Postgres), &[&hash, &cutoff])
                .await?
                .map(|r| followed_of(&r))),
        }
    }

    /// Sets a voice's handling as `who`, if nobody changed it since `version`; every field that
    /// changed is logged, in the same transaction.
    pub async fn voice_update(&self, id: i64, version: i64, to: Handling, who: &str) -> Result<Updated> {
        let who = who.to_string();
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let mut conn = s.reader();
                    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                    let Some(now) = tx
                        .query_row(&lite(&voice_sql(Dialect::Sqlite, false)), [id], |r| Ok(voice_of(r)))
                        .optional()?
                    else {
                        return Ok(Updated::NotFound);
                    };
                    if now.version != version {
                        return Ok(Updated::Outdated);
                    }
                    if let Some(t) = to.theme_id {
                        if tx.query_row(&lite(THEME_EXISTS), [t], |r| r.get::<_, i64>(0))? == 0 {
                            return Ok(Updated::NoSuchTheme);
                        }
                    }
                    tx.execute(
                        &lite(HANDLING_UPDATE),
                        params![id, to.status.id(), to.assigned, to.note, to.theme_id],
                    )?;
                    for (field, old, new) in changes(&now.handling, &to) {
                        tx.execute(&lite(LOG_INSERT), params![who, id, Option::<i64>::None, field, old, new])?;
                    }
                    tx.commit()?;
                    Ok(Updated::Done)
                })
                .await
            }
            Store::Postgres(p) => {
                let mut conn = p.pool.get().await?;
                let tx = conn.transaction().await?;
                let Some(now) = tx
                    .query_opt(&voice_sql(Dialect::Postgres, true), &[&id])
                    .await?
                    .map(|r| voice_of(&r))
                else {
                    return Ok(Updated::NotFound);
                };
                if now.version != version {
                    return Ok(Updated::Outdated);
                }
                if let Some(t) = to.theme_id {
                    if tx.query_one(THEME_EXISTS, &[&t]).await?.get::<_, i64>(0) == 0 {
                        return Ok(Updated::NoSuchTheme);
                    }
                }
                tx.execute(HANDLING_UPDATE, &[&id, &to.status.id(), &to.assigned, &to.note, &to.theme_id])
                    .await?;
                for (field, old, new) in changes(&now.handling, &to) {
                    tx.execute(LOG_INSERT, &[&who, &Some(id), &Option::<i64>::None, &field, &old, &new])
                        .await?;
                }
                tx.commit().await?;
                Ok(Updated::Done)
            }
        }
    }

    /// Every theme, newest first, with how many voices each holds.
    pub async fn themes(&self) -> Result<Vec<Theme>> {
        let sql = "SELECT t.id, t.title, t.card, t.created_by, (SELECT COUNT(*) FROM feedback f WHERE f.theme_id = t.id AND f.message <> '') FROM voice_themes t ORDER BY t.id DESC";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let conn = s.reader();
                    let mut stmt = conn.prepare_cached(sql)?;
                    let rows = stmt.query_map([], |r| {
                        Ok(Theme {
                            id: r.int(0),
                            title: r.text(1),
                            card: r.text(2),
                            created_by: r.text(3),
                            voices: r.int(4),
                        })
                    })?;
                    Ok(rows.collect::<rusqlite::Result<_>>()?)
                })
                .await
            }
            Store::Postgres(p) => Ok(p
                .pool
                .get()
                .await?
                .query(sql, &[])
                .await?
                .iter()
                .map(|r| Theme {
                    id: r.int(0),
                    title: r.text(1),
                    card: r.text(2),
                    created_by: r.text(3),
                    voices: r.int(4),
                })
                .collect()),
        }
    }

    /// A new theme; its id.
    pub async fn theme_add(&self, title: &str, card: &str, who: &str) -> Result<i64> {
        let (title, card, who) = (title.to_string(), card.to_string(), who.to_string());
        let insert = "INSERT INTO voice_themes (title, card, created_by) VALUES ($1, $2, $3) RETURNING id";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let mut conn = s.reader();
                    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                    let id: i64 = tx.query_row(&lite(insert), params![title, card, who], |r| r.get(0))?;
                    tx.execute(&lite(LOG_INSERT), params![who, Option::<i64>::None, id, "created", "", title])?;
                    tx.commit()?;
                    Ok(id)
                })
                .await
            }
            Store::Postgres(p) => {
                let mut conn = p.pool.get().await?;
                let tx = conn.transaction().await?;
                let id: i64 = tx.query_one(insert, &[&title, &card, &who]).await?.get(0);
                tx.execute(LOG_INSERT, &[&who, &Option::<i64>::None, &Some(id), &"created", &"", &title])
                    .await?;
                tx.commit().await?;
                Ok(id)
            }
        }
    }

    /// Renames a theme or attaches it to another card; false when it does not exist.
    pub async fn theme_update(&self, id: i64, title: &str, card: &str, who: &str) -> Result<bool> {
        let (title, card, who) = (title.to_string(), card.to_string(), who.to_string());
        let read = "SELECT title, card FROM voice_themes WHERE id = $1";
        let update = "UPDATE voice_themes SET title = $2, card = $3 WHERE id = $1";
        let logged = move |old: (String, String)| {
            let mut out = vec![];
            if old.0 != title {
                out.push(("title", old.0.clone(), title.clone()));
            }
            if old.1 != card {
                out.push(("card", old.1.clone(), card.clone()));
            }
            (title.clone(), card.clone(), out)
        };
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let mut conn = s.reader();
                    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                    let Some(old) = tx.query_row(&lite(read), [id], |r| Ok((r.text(0), r.text(1)))).optional()? else {
                        return Ok(false);
                    };
                    let (title, card, log) = logged(old);
                    tx.execute(&lite(update), params![id, title, card])?;
                    for (field, o, n) in log {
                        tx.execute(&lite(LOG_INSERT), params![who, Option::<i64>::None, id, field, o, n])?;
                    }
                    tx.commit()?;
                    Ok(true)
                })
                .await
            }
            Store::Postgres(p) => {
                let mut conn = p.pool.get().await?;
                let tx = conn.transaction().await?;
                let Some(old) = tx
                    .query_opt(&format!("{read} FOR UPDATE"), &[&id])
                    .await?
                    .map(|r| (r.text(0), r.text(1)))
                else {
                    return Ok(false);
                };
                let (title, card, log) = logged(old);
                tx.execute(update, &[&id, &title, &card]).await?;
                for (field, o, n) in log {
                    tx.execute(LOG_INSERT, &[&who, &Option::<i64>::None, &Some(id), &field, &o, &n])
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }
        }
    }

    /// The audit log, newest first: all of it (`of_voice` None) or one voice's; a page of
    /// `limit` entries older than `before`.
    pub async fn voice_log(&self, of_voice: Option<i64>, before: Option<i64>, limit: i64) -> Result<Vec<LogEntry>> {
        let mut f = Filter {
            dialect: Dialect::Sqlite,
            clauses: vec!["1 = 1".into()],
            binds: vec![],
        };
        if let Some(v) = of_voice {
            f.equals("feedback_id", Bind::Int(v));
        }
        if let Some(b) = before {
            let p = f.bind(Bind::Int(b));
            f.clauses.push(format!("id < {p}"));
        }
        let sql = |d: Dialect| {
            format!("SELECT id, {}, who, feedback_id, theme_id, field, old_value, new_value FROM voice_log WHERE {} ORDER BY id DESC LIMIT {limit}", d.time("at"), f.sql())
        };
        match self {
            Store::Sqlite(s) => {
                let (sql, binds) = (lite(&sql(Dialect::Sqlite)), f.binds.clone());
                s.read(move |s| {
                    let conn = s.reader();
                    let mut stmt = conn.prepare_cached(&sql)?;
                    let rows = stmt.query_map(rusqlite::params_from_iter(lite_values(&binds)), |r| Ok(log_of(r)))?;
                    Ok(rows.collect::<rusqlite::Result<_>>()?)
                })
                .await
            }
            Store::Postgres(p) => {
                let values = pg_values(&f.binds);
                Ok(p.pool
                    .get()
                    .await?
                    .query(&sql(Dialect::Postgres), &pg_refs(&values))
                    .await?
                    .iter()
                    .map(log_of)
                    .collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_split_at_either_space_and_normalised() {
        assert_eq!(search_words(" 窓口　待ち時間  ＡＢＣ "), vec!["窓口", "待ち時間", "ABC"]);
        assert_eq!(search_words("a b c d e f g").len(), 5);
        assert!(search_words("　 ").is_empty());
    }

    #[test]
    fn short_words_are_scanned_and_long_ones_use_the_trigram_index_with_quotes_escaped() {
        let mut f = Filter::new(Dialect::Sqlite);
        f.contains("窓口");
        f.contains("say \"hi\"");
        assert!(f.clauses[1].starts_with("message LIKE $1"), "{:?}", f.clauses);
        assert!(f.clauses[2].contains("MATCH $2"), "{:?}", f.clauses);
        assert!(matches!(&f.binds[1], Bind::Text(t) if t == "\"say \"\"hi\"\"\""));
        let mut p = Filter::new(Dialect::Postgres);
        p.contains("100%_\\");
        assert!(matches!(&p.binds[0], Bind::Text(t) if t == "%100\\%\\_\\\\%"), "{:?}", p.binds);
    }

    #[test]
    fn only_fields_that_changed_are_logged_and_a_note_by_its_length() {
        let before = Handling {
            status: Status::New,
            assigned: String::new(),
            note: "secret".into(),
            theme_id: None,
        };
        let after = Handling {
            status: Status::Seen,
            note: "secret, longer".into(),
            ..before.clone()
        };
        let log = changes(&before, &after);
        assert_eq!(
            log,
            vec![("status", "new".into(), "seen".into()), ("note", "6".into(), "14".into())]
        );
        assert!(changes(&before, &before).is_empty());
    }
}
