//! What the feedback API answers, typed once: the server writes these and the browser's outbox
//! (and every test) reads them, so a renamed field breaks the build, not a citizen's receipt.

use serde::{Deserialize, Serialize};

use crate::FieldError;

/// The receipt a bot is shown: it looks like any other, and nothing was stored.
pub const BOT_RECEIPT: &str = "KR-0000000";

/// `201` (stored) or `200` (this key was stored before: the same receipt again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Receipt {
    /// Read out at a counter, e.g. `KR-0000042`.
    #[cfg_attr(feature = "openapi", schemars(regex(pattern = r"^KR-[0-9]{7,}$")))]
    pub receipt: String,
    /// True when the key had been seen and nothing new was written.
    pub duplicate: bool,
    /// The private page where the sender follows what becomes of their message
    /// (`/voices/mine/<token>`): for a message with text. Keep it to yourself; the server keeps
    /// only the token's hash, so a retry shows it again only if it sends the same token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(regex(pattern = r"^/voices/mine/[0-9a-f]{64}$")))]
    pub follow: Option<String>,
}

/// Why a request was not answered with what it asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not JSON, or a field the API does not know.
    MalformedBody,
    /// The body broke a rule; `errors` says which field and how.
    Invalid,
    /// Posted from a site that may not post here.
    OriginNotAllowed,
    /// Too many submissions from this client; `Retry-After` says when to try again.
    RateLimited,
    /// The body is over the size limit.
    BodyTooLarge,
    /// The database cannot be reached; nothing was stored, send it again later.
    StoreUnavailable,
    /// A staff endpoint without the right bearer token.
    Unauthorized,
    /// The staff export is switched off on this server (no token configured).
    ExportDisabled,
    /// A `from` or `to` that is not a month like `2024-04`.
    BadMonth,
}

impl ErrorCode {
    /// The HTTP status each code is answered with, and what it means: written once, for the
    /// server's refusals (`Failure::new`) and the API document's responses.
    pub fn status_and_meaning(self) -> (u16, &'static str) {
        match self {
            ErrorCode::MalformedBody => (400, "Not JSON, or a field the API does not know"),
            ErrorCode::Invalid => (422, "A rule was broken; errors names each field and problem"),
            ErrorCode::OriginNotAllowed => (403, "Posted from an origin that may not post"),
            ErrorCode::RateLimited => (429, "Too many requests from this client; Retry-After says when to try again"),
            ErrorCode::BodyTooLarge => (
                413,
                "The body is over the size limit, more than any submission within the rules can take in any encoding",
            ),
            ErrorCode::StoreUnavailable => (503, "The database cannot be reached; nothing was stored"),
            ErrorCode::Unauthorized => (401, "No bearer token, or not the right one"),
            ErrorCode::ExportDisabled => (404, "A token was given, but this server has none configured"),
            ErrorCode::BadMonth => (400, "from or to is not a month like 2024-04"),
        }
    }

    pub fn status(self) -> u16 {
        self.status_and_meaning().0
    }

    /// As the body names it (`rate_limited`).
    #[cfg(feature = "openapi")]
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }
}

/// Every error reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApiError {
    pub error: ErrorCode,
    /// With `invalid`: each field's problem, for the form to link its errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// A sentence for a person reading the reply (staff endpoints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ApiError {
    pub fn new(error: ErrorCode) -> ApiError {
        ApiError {
            error,
            errors: vec![],
            message: None,
        }
    }

    pub fn with_message(error: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            error,
            errors: vec![],
            message: Some(message.into()),
        }
    }
}

/// `GET /api/health` when the store answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Health {
    pub status: HealthStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
}
