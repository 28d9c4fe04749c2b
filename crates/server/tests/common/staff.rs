//! A member of staff's browser, for the staff pages' tests: accounts, signing in, plain form
//! posts and page reads against the full router.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use server::store::staff::Role;

use super::{send, Harness};

pub const HOST: &str = "127.0.0.1:8080";
pub const ORIGIN: &str = "http://127.0.0.1:8080";
pub const PASSWORD: &str = "a long staff password";

pub async fn add(h: &Harness, name: &str, role: Role) {
    let hash = server::staff::password::hash(PASSWORD).unwrap();
    h.state.store.staff_put(name, role, &hash).await.unwrap();
}

pub fn form(path: &str, body: &str, cookie: Option<&str>, origin: &str) -> Request<Body> {
    let mut r = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body.to_string())).unwrap()
}

pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path).header(header::HOST, HOST);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

pub async fn text(h: &Harness, req: Request<Body>) -> (StatusCode, String) {
    let (status, _, body) = send(h, req).await;
    (status, String::from_utf8(body).unwrap())
}

/// Signs in; returns the session cookie and the page's form token.
pub async fn sign_in(h: &Harness, name: &str) -> (String, String) {
    let (status, headers, _) = send(
        h,
        form(
            "/staff/sign-in",
            &format!("name={name}&password={}", PASSWORD.replace(' ', "+")),
            None,
            ORIGIN,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed in");
    let set = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Max-Age="),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let (_, page) = text(h, get("/staff/publishing", Some(&cookie))).await;
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).unwrap()[..32].to_string();
    (cookie, csrf)
}
