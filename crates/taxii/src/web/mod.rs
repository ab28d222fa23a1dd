//! The hub's web interface under `/ui/`: server-rendered pages (maud, inside `ward-html`'s
//! shell) for members (the collections they may read, browsed and searched a page at a time,
//! one object with its versions and sightings) and for operators (organizations, users,
//! tokens, collections, default TLP, scrub log counts, members that have not pulled lately).
//!
//! It must never show what TAXII would hide from the same caller: every object, date and
//! cursor on a page comes from the TAXII handlers' own paged query and read filter
//! ([`crate::handlers::page`]); nothing here reads objects another way. (The block lists'
//! pre-selection, [`candidates`], reads stored indicators to note ids only; what a reader's
//! list holds is read again through `handlers::page`.)
//!
//! Sessions ([`session`]) are signed cookies, so they survive a restart and work on every
//! process sharing the store; every form carries a CSRF token tied to the session; every
//! answer carries a strict content security policy and no script.

pub(crate) mod blocklist;
pub(crate) mod candidates;
mod member;
mod operator;
pub(crate) mod session;

use std::sync::OnceLock;

use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use ward_html::Head;

use crate::error::TaxiiError;
use crate::AppState;
pub(crate) use session::Session;

/// The web interface's routes (the caller merges them into the hub's router).
pub(crate) fn routes(state: AppState) -> Router<AppState> {
    let signed_in = Router::new()
        .route("/ui", get(member::collections))
        .route("/ui/signout", post(session::sign_out))
        .route("/ui/collections/{cid}", get(member::collection))
        .route("/ui/collections/{cid}/download", get(member::download_page))
        .route(
            "/ui/collections/{cid}/blocklist/{kind}",
            get(member::block_list),
        )
        .route("/ui/collections/{cid}/objects/{oid}", get(member::object))
        .route(
            "/ui/collections/{cid}/objects/{oid}/download",
            get(member::download_object),
        )
        .route("/ui/admin", get(operator::overview))
        .route("/ui/admin/tokens", post(operator::create_token))
        .route("/ui/admin/tokens/revoke", post(operator::revoke_token))
        .route("/ui/admin/orgs/add", post(operator::add_org))
        .route("/ui/admin/users/add", post(operator::add_user))
        .route("/ui/admin/orgs/state", post(operator::set_org_state))
        .route("/ui/admin/users/state", post(operator::set_user_state))
        .route("/ui/admin/collections/access", post(operator::set_access))
        .route("/ui/admin/collections/add", post(operator::add_collection))
        .route("/ui/admin/default-tlp", post(operator::set_default_tlp))
        .route_layer(from_fn_with_state(state, session::require_session));
    Router::new()
        .route(
            "/ui/signin",
            get(session::sign_in_form).post(session::sign_in),
        )
        .merge(signed_in)
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;\
line-height:1.5}header,main{padding:.5rem 1rem;max-width:72rem;margin:0 auto}\
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;border-bottom:1px solid #767676}\
header form{margin-left:auto}a{color:#0645ad}a:focus,button:focus,input:focus,select:focus,textarea:focus,\
summary:focus,[tabindex]:focus{outline:3px solid #1a5fb4;outline-offset:2px}\
label.inline{display:inline}.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}table{border-collapse:collapse;width:100%}\
td,th{padding:.3rem .5rem;border-bottom:1px solid #ccc;text-align:left;vertical-align:top;\
overflow-wrap:break-word}.scroll{overflow-x:auto}label{display:block;font-weight:600}\
input,select,button{font:inherit;padding:.3rem;margin:.1rem 0 .6rem}\
button{background:#1a5fb4;color:#fff;border:0;border-radius:3px;padding:.35rem .8rem}\
fieldset{border:1px solid #767676;margin:0 0 1rem}.row{display:flex;flex-wrap:wrap;gap:0 1rem}\
pre{background:#f3f3f3;padding:.5rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}\
.secret{background:#fff3cd;border:1px solid #8a6d00;padding:.5rem}.error{color:#a11}";

/// The content security policy of every page (see [`ward_html::style_policy`]).
fn csp() -> &'static str {
    static CSP: OnceLock<String> = OnceLock::new();
    CSP.get_or_init(|| ward_html::style_policy(STYLE))
}

/// A whole page: the shell, the navigation for a signed-in caller, and the answer's headers.
pub(crate) fn page(
    status: StatusCode,
    title: &str,
    session: Option<&Session>,
    body: Markup,
) -> Response {
    let nav = html! {
        header {
            strong { "ward hub" }
            @if let Some(s) = session {
                nav aria-label="Main" {
                    a href="/ui" { "Collections" }
                    @if s.operator {
                        " · " a href="/ui/admin" { "Operator" }
                    }
                }
                form method="post" action="/ui/signout" {
                    input type="hidden" name="csrf" value=(s.csrf);
                    span { (s.caller.user_name) " (" (s.caller.org_name) ") " }
                    button type="submit" { "Sign out" }
                }
            }
        }
        main { h1 { (title) } (body) }
    };
    let text = ward_html::page(
        Head {
            title: html! { (title) " · ward hub" },
            style: STYLE,
            csp: None,
        },
        nav,
    );
    let mut response = (status, text).into_response();
    secure_headers(response.headers_mut(), "text/html; charset=utf-8");
    response
}

/// The headers every answer of the web interface carries.
fn secure_headers(headers: &mut axum::http::HeaderMap, content_type: &'static str) {
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(csp()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    for (name, value) in ward_html::PAGE_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// A failure of the web interface, answered as a page (never a TAXII body or a bare 500).
#[derive(Debug)]
pub(crate) struct UiError {
    pub status: StatusCode,
    pub message: String,
}

impl UiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        UiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }
}

impl From<TaxiiError> for UiError {
    fn from(e: TaxiiError) -> Self {
        if e.status.is_server_error() {
            eprintln!("ward serve: web interface: {e}");
        }
        UiError::new(e.status, e.description)
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let message = if self.status.is_server_error() {
            "the hub could not answer; the failure is logged".to_string()
        } else {
            self.message
        };
        page(
            self.status,
            title,
            None,
            html! {
                p.error role="alert" { (message) }
                p { a href="/ui" { "Back to the collections" } }
            },
        )
    }
}

/// A posted form's fields (`application/x-www-form-urlencoded`), in order.
pub(crate) struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn parse(body: &[u8]) -> FormFields {
        FormFields(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }
    /// The first value of `name`, trimmed of nothing.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Every value of `name` (ticked check boxes), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Everything but RFC 3986's unreserved characters.
const NOT_UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One path segment, percent-encoded for a link.
pub(crate) fn segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, NOT_UNRESERVED).to_string()
}
