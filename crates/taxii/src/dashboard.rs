//! The operator's dashboard at `/`: one server-rendered HTML page with the hub's health, how
//! many members it has and how many objects each collection holds. It needs the same
//! credentials as TAXII (a browser asks for them; a reader without credentials gets 401, even
//! when a collection is public) and lists only the collections the caller's organization may
//! read, each with the number of objects the caller may read (every object passes the read
//! filter, as on `GET .../objects/`; after 100,000 stored objects a collection's count says
//! "or more"). It shows counts only: no object, no name of a submitter,
//! nothing a scrubber would have to look at; and it loads nothing from outside.

use std::fmt::Write;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::error::TaxiiError;
use crate::filters::{Caller, ReadDecision, ReadFilter};
use crate::{blocking, AppState};
use ward_store::{Collection, ObjectQuery};

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

/// Stored objects (latest versions) read per collection to count what the caller may read;
/// the page stays quick on a large hub.
const COUNT_MAX: usize = 100_000;

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
    let mut html = String::with_capacity(4096);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:system-ui,sans-serif;margin:2rem;color:#222}}\
         table{{border-collapse:collapse}}td,th{{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}}\
         td.n{{text-align:right;font-variant-numeric:tabular-nums}}\
         .ok{{color:#176b2c}}.bad{{color:#a11}}</style></head><body>\
         <h1>{title}</h1>\
         <p>Store: <strong class=\"{class}\">{health}</strong> · \
         {orgs} member organization(s) · {users} user(s)</p>\
         <h2>Collections you may read</h2>\
         <table><thead><tr><th>Collection</th><th>Id</th><th>Objects</th></tr></thead><tbody>",
        title = escape(&state.config.title),
        class = if figures.healthy { "ok" } else { "bad" },
        health = if figures.healthy { "healthy" } else { "unavailable" },
        orgs = figures.orgs,
        users = figures.users,
    );
    for (id, title, n) in &figures.collections {
        let n = match n {
            Count::Exact(n) => n.to_string(),
            Count::AtLeast(n) => format!("{n} or more"),
        };
        let _ = write!(
            html,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
            escape(title),
            escape(id)
        );
    }
    if figures.collections.is_empty() {
        html.push_str("<tr><td colspan=\"3\">none</td></tr>");
    }
    let _ = writeln!(
        html,
        "</tbody></table><p>Signed in as {} ({}). TAXII 2.1 lives under \
         <code>/taxii2/</code>; health at <code>/healthz</code>.</p></body></html>",
        escape(&caller.user_name),
        escape(&caller.org_name)
    );
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_titles_is_inert() {
        assert_eq!(
            escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
