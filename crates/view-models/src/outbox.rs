//! The outbox: every submission is kept on the device before it is sent, and stays until the
//! server has acknowledged it. Pure state and rules here; the browser part stores and sends.

use feedback::api::{ApiError, Receipt};
use feedback::{FieldError, Submission};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemState {
    /// Not yet acknowledged; will be sent (again).
    Pending { attempts: u32 },
    /// Acknowledged with a receipt number.
    Sent { receipt: String },
    /// The server refused it (4xx); it will not be retried.
    Refused { errors: Vec<FieldError> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub submission: Submission,
    pub state: ItemState,
    /// Hidden from this screen (a kiosk's next person must not see the previous one's).
    #[serde(default)]
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    pub items: Vec<Item>,
}

/// What one delivery attempt came back with.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    Acknowledged {
        receipt: String,
    },
    /// Network failure, 5xx, 429: try again later.
    TryLater,
    Refused {
        errors: Vec<FieldError>,
    },
}

/// Most items kept: beyond this the oldest delivered ones are forgotten.
const MAX_ITEMS: usize = 50;

impl Outbox {
    pub fn from_json(text: &str) -> Outbox {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Where the submission with `key` stands, if this device has it.
    pub fn state_of(&self, key: &str) -> Option<&ItemState> {
        self.items.iter().find(|i| i.submission.key == key).map(|i| &i.state)
    }

    /// The receipt number of the submission with `key`, once the server has acknowledged it.
    pub fn receipt_of(&self, key: &str) -> Option<&str> {
        match self.state_of(key)? {
            ItemState::Sent { receipt } => Some(receipt),
            _ => None,
        }
    }

    /// The private-link token of the submission with `key`, if it carries one.
    pub fn follow_of(&self, key: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.submission.key == key)
            .map(|i| i.submission.follow.as_str())
            .filter(|f| !f.is_empty())
    }

    /// Adds a submission, once per key.
    pub fn enqueue(&mut self, submission: Submission) {
        if self.items.iter().any(|i| i.submission.key == submission.key) {
            return;
        }
        self.items.push(Item {
            submission,
            state: ItemState::Pending { attempts: 0 },
            hidden: false,
        });
        while self.items.len() > MAX_ITEMS {
            match self.items.iter().position(|i| !matches!(i.state, ItemState::Pending { .. })) {
                Some(i) => {
                    self.items.remove(i);
                }
                None => break,
            }
        }
    }

    pub fn pending(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| matches!(i.state, ItemState::Pending { .. }))
    }

    /// Failed attempts so far for a pending item (0 for anything else).
    pub fn attempts(&self, key: &str) -> u32 {
        self.items.iter().find(|i| i.submission.key == key).map_or(0, |i| match i.state {
            ItemState::Pending { attempts } => attempts,
            _ => 0,
        })
    }

    pub fn record(&mut self, key: &str, outcome: Delivery) {
        let Some(item) = self.items.iter_mut().find(|i| i.submission.key == key) else {
            return;
        };
        item.state = match (outcome, &item.state) {
            (Delivery::Acknowledged { receipt }, _) => ItemState::Sent { receipt },
            (Delivery::Refused { errors }, _) => ItemState::Refused { errors },
            (Delivery::TryLater, ItemState::Pending { attempts }) => ItemState::Pending { attempts: attempts + 1 },
            (Delivery::TryLater, other) => other.clone(),
        };
    }

    /// Hides every item from view (still delivered); used when a kiosk resets for the next person.
    pub fn hide_all(&mut self) {
        for i in &mut self.items {
            i.hidden = true;
        }
        self.items.retain(|i| matches!(i.state, ItemState::Pending { .. }));
    }

    /// Takes in what another tab (or an earlier page of a kiosk) stored: every item of either,
    /// each in its furthest state (sent, then refused, then pending with the most attempts),
    /// hidden if either hid it. So saving never drops another tab's unsent message.
    pub fn merge(&mut self, stored: Outbox) {
        fn rank(s: &ItemState) -> u32 {
            match s {
                ItemState::Pending { .. } => 0,
                ItemState::Refused { .. } => 1,
                ItemState::Sent { .. } => 2,
            }
        }
        for theirs in stored.items {
            match self.items.iter_mut().find(|i| i.submission.key == theirs.submission.key) {
                Some(mine) => {
                    mine.hidden |= theirs.hidden;
                    match (&mine.state, &theirs.state) {
                        (ItemState::Pending { attempts: a }, ItemState::Pending { attempts: b }) => {
                            mine.state = ItemState::Pending { attempts: (*a).max(*b) }
                        }
                        (m, t) if rank(t) > rank(m) => mine.state = theirs.state,
                        _ => {}
                    }
                }
                None => self.items.push(theirs),
            }
        }
    }

    pub fn visible(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.hidden)
    }
}

/// Wait before the next attempt: 2, 4, 8 … seconds, at most a minute.
pub fn backoff_ms(attempts: u32) -> u32 {
    2000u32.saturating_mul(1u32 << attempts.min(5)).min(60_000)
}

/// Maps an HTTP answer to a delivery outcome. `body` is the server's JSON, if any.
pub fn classify_response(status: u16, body: &str) -> Delivery {
    match status {
        200..=299 => match serde_json::from_str::<Receipt>(body) {
            Ok(Receipt { receipt, .. }) => Delivery::Acknowledged { receipt },
            Err(_) => Delivery::TryLater,
        },
        408 | 429 => Delivery::TryLater,
        400..=499 => Delivery::Refused {
            errors: serde_json::from_str::<ApiError>(body).map(|e| e.errors).unwrap_or_default(),
        },
        _ => Delivery::TryLater,
    }
}

#[cfg(test)]
mod tests {

    fn item(key: &str, state: ItemState) -> Item {
        Item {
            submission: Submission {
                key: key.into(),
                message: format!("m{key}"),
                ..Default::default()
            },
            state,
            hidden: false,
        }
    }

    #[test]
    fn merging_keeps_every_tabs_messages_in_their_furthest_state() {
        // Tab A queued "a" and closed; tab B, opened before, queues "b" and saves.
        let stored = Outbox {
            items: vec![
                item("a", ItemState::Pending { attempts: 3 }),
                item("c", ItemState::Sent { receipt: "KR-1".into() }),
            ],
        };
        let mut b = Outbox {
            items: vec![
                item("c", ItemState::Pending { attempts: 1 }),
                item("b", ItemState::Pending { attempts: 0 }),
            ],
        };
        b.merge(stored);
        let keys: Vec<_> = b.items.iter().map(|i| i.submission.key.as_str()).collect();
        assert_eq!(keys, ["c", "b", "a"], "nothing is lost");
        assert_eq!(
            b.items[0].state,
            ItemState::Sent { receipt: "KR-1".into() },
            "an acknowledgement wins"
        );
        assert_eq!(b.attempts("a"), 3);
        let mut hidden = Outbox {
            items: vec![item("a", ItemState::Pending { attempts: 0 })],
        };
        hidden.hide_all();
        let mut other = Outbox {
            items: vec![item("a", ItemState::Pending { attempts: 5 })],
        };
        other.merge(hidden);
        assert!(other.items[0].hidden, "a kiosk's reset hides it in every copy");
        assert_eq!(other.pending().count(), 1, "and it is still delivered");
    }
    use super::*;

    fn sub(key: &str) -> Submission {
        Submission {
            key: key.into(),
            message: "m".into(),
            ..Default::default()
        }
    }

    #[test]
    fn items_stay_until_acknowledged_and_survive_serialisation() {
        let mut o = Outbox::default();
        o.enqueue(sub("a"));
        o.enqueue(sub("a"));
        assert_eq!(o.items.len(), 1, "one item per key");
        o.record("a", Delivery::TryLater);
        o.record("a", Delivery::TryLater);
        assert_eq!(o.items[0].state, ItemState::Pending { attempts: 2 });
        assert_eq!(o.attempts("a"), 2);
        let restored = Outbox::from_json(&o.to_json());
        assert_eq!(restored, o);
        let mut o = restored;
        o.record(
            "a",
            Delivery::Acknowledged {
                receipt: "KR-0000001".into(),
            },
        );
        assert_eq!(o.pending().count(), 0);
        assert_eq!(Outbox::from_json("garbage"), Outbox::default());
    }

    #[test]
    fn responses_map_to_outcomes() {
        assert_eq!(
            classify_response(201, r#"{"receipt":"KR-0000009","duplicate":false}"#),
            Delivery::Acknowledged {
                receipt: "KR-0000009".into()
            }
        );
        assert_eq!(classify_response(503, ""), Delivery::TryLater);
        assert_eq!(classify_response(429, "{}"), Delivery::TryLater);
        match classify_response(422, r#"{"error":"invalid","errors":[{"field":"message","problem":"required"}]}"#) {
            Delivery::Refused { errors } => assert_eq!(errors[0].field, feedback::Field::Message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(0), 2000);
        assert_eq!(backoff_ms(1), 4000);
        assert_eq!(backoff_ms(10), 60_000);
    }

    #[test]
    fn a_kiosk_reset_hides_everything_but_keeps_pending_for_delivery() {
        let mut o = Outbox::default();
        o.enqueue(sub("a"));
        o.enqueue(sub("b"));
        o.record("b", Delivery::Acknowledged { receipt: "KR-1".into() });
        o.hide_all();
        assert_eq!(o.visible().count(), 0);
        assert_eq!(o.pending().count(), 1);
        assert_eq!(o.items.len(), 1, "delivered items are forgotten");
    }
}
