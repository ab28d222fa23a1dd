//! The operator's dashboard at `/`: one server-rendered HTML page with the hub's health, how
//! many members it has and how many objects each collection holds. It needs the same
//! credentials as TAXII (a browser asks for them; a reader without credentials gets 401, even
//! when a collection is public) and lists only the collections the caller's organization may
//! read, each with the number of objects the caller may read (every object passes the read
//! filter, as on `GET .../objects/`; after 1,000 stored objects a collection's count says
//! "or more", so the page's work stays one store page per collection on any hub). It shows counts only: no object, no name of a submitter,
//! nothing a scrubber would have to look at; and it loads nothing from outside.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::html;
use ward_html::Head;

use crate::error::TaxiiError;
use crate::filters::{Caller, ReadDecision, ReadFilter};
use crate::{blocking, AppState};
use ward_store::{Collection, ObjectQuery};

struct Figures {
    healthy: bool,
    orgs: usize,
    users: usize,
    collections: Vec<(String, String, Count)>,
}

/// Objects the caller may read in one collection: exact, or at least this many when the
/// count stopped at [`COUNT_MAX`] stored objects.
enum Count {
    Exact(u64),
    AtLeast(u64),
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::AtLeast(n) => write!(f, "{n} or more"),
        }
    }
}

/// Stored objects (latest versions) read per collection to count what the caller may read:
/// each passes the read filter, so the page's work grows with this, never with the hub (at
/// 100,000 the page took 8 s on a hub of 1M objects; benches/web).
const COUNT_MAX: usize = 1_000;

/// How many objects of `collection` the caller may read: each latest version passes the read
/// filter, as it would on `GET .../objects/`, so the page says nothing of hidden objects.
fn readable_count(
    store: &dyn ward_store::Store,
    filter: &dyn ReadFilter,
    caller: &Caller,
    collection: &Collection,
) -> Result<Count, ward_store::StoreError> {
    let mut query = ObjectQuery {
        limit: 1000,
        ..ObjectQuery::default()
    };
    let (mut read, mut readable) = (0usize, 0u64);
    loop {
        let page = store.query_objects(&collection.id, &query)?;
        read += page.items.len();
        readable += page
            .items
            .iter()
            .filter(|v| filter.check(caller, collection, v) != ReadDecision::Hide)
            .count() as u64;
        match page.items.last() {
            Some(last) if page.more => {
                if read >= COUNT_MAX {
                    return Ok(Count::AtLeast(readable));
                }
                query.after = Some(last.position());
            }
            _ => return Ok(Count::Exact(readable)),
        }
    }
}

pub async fn dashboard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, TaxiiError> {
    let who = caller.clone();
    let filter = state.read_filter.clone();
    let figures = blocking(&state, move |s| {
        let healthy = s.ping().is_ok();
        let orgs = s.orgs()?.len();
        let users = s.users()?.len();
        let mut collections = Vec::new();
        for c in s.collections()? {
            if c.can_read(&who.org_id) {
                let n = readable_count(s, filter.as_ref(), &who, &c)?;
                collections.push((c.id, c.title, n));
            }
        }
        Ok(Figures {
            healthy,
            orgs,
            users,
            collections,
        })
    })
    .await?;
    let html = page(&state.config.title, &figures, &caller);
    let mut response = (StatusCode::OK, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The page names collections: keep it out of shared caches and other sites' frames.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    Ok(response)
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
.ok{color:#176b2c}.bad{color:#a11}";

/// The page itself; maud escapes every name in it (hub title, collections, the caller).
fn page(title: &str, figures: &Figures, caller: &Caller) -> String {
    // The content security policy is a header of the answer (see `dashboard`).
    let head = Head {
        title: html! { (title) },
        style: STYLE,
        csp: None,
    };
    let body = html! {
        h1 { (title) }
        p {
            "Store: "
            @if figures.healthy {
                strong.ok { "healthy" }
            } @else {
                strong.bad { "unavailable" }
            }
            " · " (figures.orgs) " member organization(s) · " (figures.users) " user(s)"
        }
        h2 { "Collections you may read" }
        table {
            thead {
                tr { th { "Collection" } th { "Id" } th { "Objects" } }
            }
            tbody {
                @for (id, title, n) in &figures.collections {
                    tr { td { (title) } td { code { (id) } } td.n { (n) } }
                }
                @if figures.collections.is_empty() {
                    tr { td colspan="3" { "none" } }
                }
            }
        }
        p {
            "Signed in as " (caller.user_name) " (" (caller.org_name) "). TAXII 2.1 lives under "
            code { "/taxii2/" } "; health at " code { "/healthz" } "; the web interface at "
            a href="/ui" { "/ui" } "."
        }
    };
    ward_html::page(head, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "<script>\"x\" & 'y'</script>";

    #[test]
    fn markup_in_titles_is_inert() {
        let caller = Caller {
            user_name: HOSTILE.into(),
            org_name: HOSTILE.into(),
            ..Caller::anonymous()
        };
        let figures = Figures {
            healthy: true,
            orgs: 1,
            users: 2,
            collections: vec![(HOSTILE.into(), HOSTILE.into(), Count::AtLeast(7))],
        };
        let html = page(HOSTILE, &figures, &caller);
        let escaped = "&lt;script&gt;&quot;x&quot; &amp; 'y'&lt;/script&gt;";
        // Title twice (head and h1), collection title and id, user and organization.
        assert_eq!(html.matches(escaped).count(), 6, "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<td class=\"n\">7 or more</td>"), "{html}");
    }
}
