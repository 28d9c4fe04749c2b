//! Signing in and out: a limited number of tries per address, ten wrong passwords in a row lock
//! an account for a while, and a wrong name costs as long as a wrong password.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use leptos::prelude::*;

use super::page::{render, Problem, ProblemSummary};
use super::session::{self, StaffForm};
use super::{password, Token, LOCK_AFTER, LOCK_SECONDS};
use crate::staff::words::STAFF;
use crate::AppState;

fn sign_in_page(status: StatusCode, error: Option<&str>, name: &str) -> Response {
    let (error, name) = (error.map(String::from), name.to_string());
    render(status, STAFF.sign_in, None, move || view! { <SignInForm error name/> })
}

/// The form, with why the last try failed.
#[component]
fn SignInForm(error: Option<String>, name: String) -> impl IntoView {
    view! {
        {error.map(|m| view! { <ProblemSummary title=STAFF.sign_in_failed.into() problems=vec![Problem::new(m, "")]/> })}
        <form method="post" action="/staff/sign-in" class="form">
            <div class="field"><label for="name">{STAFF.name}</label><input type="text" id="name" name="name" autocomplete="username" required maxlength="64" value=name/></div>
            <div class="field"><label for="password">{STAFF.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"/></div>
            <button type="submit" class="button">{STAFF.sign_in}</button>
        </form>
    }
}

pub(super) async fn sign_in_form() -> Response {
    sign_in_page(StatusCode::OK, None, "")
}

#[derive(Deserialize)]
pub(super) struct SignIn {
    name: String,
    password: String,
}

pub(super) async fn sign_in(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<SignIn>,
) -> Response {
    if !session::origin_is_this_site(&headers) {
        return sign_in_page(StatusCode::FORBIDDEN, Some(STAFF.sign_in_from_elsewhere), "");
    }
    if app.staff.sign_ins.check(app.config.client_ip(peer.ip(), &headers)).is_err() {
        tracing::warn!("staff sign-in: too many attempts from one address");
        return sign_in_page(StatusCode::TOO_MANY_REQUESTS, Some(STAFF.sign_in_too_many), &f.name);
    }
    let name = f.name.trim().chars().take(64).collect::<String>();
    let account = match app.store.staff_get(&name).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!("reading a staff account failed: {e}");
            return sign_in_page(StatusCode::SERVICE_UNAVAILABLE, Some(STAFF.sign_in_unavailable), &name);
        }
    };
    let now = session::now();
    if account.as_ref().is_some_and(|a| a.locked_until > now) {
        tracing::warn!("staff sign-in refused: account locked");
        return sign_in_page(StatusCode::FORBIDDEN, Some(STAFF.account_locked), &name);
    }
    let hash = account
        .as_ref()
        .map_or(password::unknown_account_hash().to_string(), |a| a.password_hash.clone());
    let password = f.password.clone();
    let good = tokio::task::spawn_blocking(move || password::verify(&password, &hash))
        .await
        .unwrap_or(false)
        && account.is_some();
    if !good {
        if account.is_some() {
            if let Err(e) = app.store.staff_failed(&name, LOCK_AFTER, now + LOCK_SECONDS).await {
                tracing::error!("counting a failed sign-in failed: {e}");
            }
        }
        tracing::info!("staff sign-in failed");
        return sign_in_page(StatusCode::UNAUTHORIZED, Some(STAFF.wrong_password), &name);
    }
    let (token, csrf) = (password::random_hex(32), password::random_hex(16));
    let stored = async {
        app.store.staff_signed_in(&name).await?;
        app.store
            .session_put(&crate::token_hash(&token), &name, &csrf, now + session::SESSION_SECONDS)
            .await
    };
    if let Err(e) = stored.await {
        tracing::error!("starting a staff session failed: {e}");
        return sign_in_page(StatusCode::SERVICE_UNAVAILABLE, Some(STAFF.sign_in_unavailable), &name);
    }
    let mut r = Redirect::to("/staff/publishing").into_response();
    r.headers_mut().insert(header::SET_COOKIE, session::set_cookie(&headers, &token));
    r
}

pub(super) async fn sign_out(State(app): State<Arc<AppState>>, headers: HeaderMap, StaffForm(_, _): StaffForm<Token>) -> Response {
    session::sign_out(&app, &headers).await;
    let mut r = Redirect::to("/staff/sign-in").into_response();
    r.headers_mut().insert(header::SET_COOKIE, session::clear_cookie());
    r
}
