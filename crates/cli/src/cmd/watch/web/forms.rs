//! The pages' forms: each POST is checked for its CSRF token (and sign-in) before it
//! changes anything; marks on the plan, approving or discarding a queued share, the inventory
//! upload and its confirmation, sign-in and sign-out (of this session, or of every session).

use std::net::SocketAddr;

use axum::extract::ConnectInfo;

use super::*;

/// A form POST: the fields, checked for the CSRF token (and sign-in) before `act` runs.
pub(super) async fn form(
    web: Arc<Web>,
    headers: HeaderMap,
    body: Bytes,
    act: impl FnOnce(&Web, &Visitor, &HashMap<String, String>) -> Response + Send + 'static,
) -> Response {
    blocking(move || {
        let f = fields(&body);
        match web.form_visitor(&headers, f.get("csrf").map(String::as_str), true) {
            Ok(visitor) => act(&web, &visitor, &f),
            Err(refused) => *refused,
        }
    })
    .await
}

pub(super) async fn plan_done(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, f| {
        let id = f.get("id").map(String::as_str).unwrap_or("");
        match web.data.mark_done(id, &today()) {
            Ok(title) => web.flashed(v, &format!("Marked done: {id} {title}"), "/plan"),
            Err(e @ ward_member::MemberError::UnknownAction { .. }) => bad_request(&e.to_string()),
            Err(e) => failure(&e.into()),
        }
    })
    .await
}

pub(super) async fn plan_not_applicable(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, f| {
        let id = f.get("id").map(String::as_str).unwrap_or("");
        let reason = f.get("reason").map(String::as_str).unwrap_or("");
        match web.data.mark_not_applicable(id, &today(), reason) {
            Ok(title) => web.flashed(v, &format!("Marked not applicable: {id} {title}"), "/plan"),
            Err(
                e @ (ward_member::MemberError::UnknownAction { .. }
                | ward_member::MemberError::NoReason { .. }),
            ) => bad_request(&e.to_string()),
            Err(e) => failure(&e.into()),
        }
    })
    .await
}

pub(super) async fn sharing_approve(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, f| {
        let Some(id) = f.get("id").and_then(|i| i.parse::<u64>().ok()) else {
            return bad_request("which queued share? (no id)");
        };
        // One send of a share at a time: a second click while the first is on its way is
        // told so, never sent again.
        let Some(_sending) = Sending::start(web, id) else {
            return being_sent(id);
        };
        let item = match share_queue::get(&*web.store, id) {
            Ok(Some(item)) => item,
            Ok(None) => {
                return bad_request(&format!(
                    "no queued share {id}; it may have been sent or discarded already"
                ))
            }
            Err(e) => return failure(&e.into()),
        };
        // The token typed in the form, else `[share] token_file`; never kept.
        let typed = f
            .get("token")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let token = match typed {
            Some(t) => Some(t),
            None => match web.config.share.as_ref().map(|s| s.read_token()) {
                Some(Ok(t)) => t,
                Some(Err(e)) => return bad_request(&e),
                None => None,
            },
        };
        let dest = Destination {
            to: item.to.clone(),
            collection: item.collection.clone(),
            token,
            ca_cert: item.ca_cert.clone(),
        };
        // One try each, bounded: a person waits at the page (a hub that throttles or
        // fails is reported at once; the share stays queued).
        let sent = ward_feeds::taxii::Client::impatient(
            dest.auth(),
            dest.ca_cert.as_deref(),
            SEND_TIMEOUT,
        )
        .map_err(anyhow::Error::from)
        .and_then(|client| check_destination_with(&dest, &client))
        .and_then(|()| post_share(&dest, &item.body, SEND_TIMEOUT));
        match sent {
            Ok(sent) => {
                if let Err(e) = share_queue::remove(&*web.store, id) {
                    return failure(&e.into());
                }
                let text = format!("Sent {id} ({}): {}", item.what, sent.summary());
                web.flashed(v, &text, "/sharing")
            }
            Err(e) => html(
                StatusCode::BAD_GATEWAY,
                pages::message_back(
                    "Not sent",
                    &format!("{e:#}; the share stays queued"),
                    "/sharing",
                ),
            ),
        }
    })
    .await
}

pub(super) async fn sharing_discard(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, f| {
        let Some(id) = f.get("id").and_then(|i| i.parse::<u64>().ok()) else {
            return bad_request("which queued share? (no id)");
        };
        let Some(_sending) = Sending::start(web, id) else {
            return being_sent(id);
        };
        match share_queue::remove(&*web.store, id) {
            Ok(true) => web.flashed(v, &format!("Discarded {id}; nothing was sent."), "/sharing"),
            Ok(false) => bad_request(&format!("no queued share {id}")),
            Err(e) => failure(&e.into()),
        }
    })
    .await
}

/// How long the approve button waits for each of the hub's answers before the share is left
/// queued.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// A queued share being sent or discarded by these pages: held until dropped.
struct Sending<'w> {
    web: &'w Web,
    id: u64,
}

impl<'w> Sending<'w> {
    /// Marks `id` as being sent, unless it already is.
    fn start(web: &'w Web, id: u64) -> Option<Sending<'w>> {
        let fresh = web
            .sending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id);
        // Made only when marked, after the lock is let go (dropping one takes it).
        fresh.then(|| Sending { web, id })
    }
}

impl Drop for Sending<'_> {
    fn drop(&mut self) {
        let mut sending = self.web.sending.lock().unwrap_or_else(|p| p.into_inner());
        sending.remove(&self.id);
    }
}

/// `409`: the share is being sent (or discarded) by another click.
fn being_sent(id: u64) -> Response {
    html(
        StatusCode::CONFLICT,
        pages::message_back(
            "Being sent",
            &format!(
                "Queued share {id} is being sent or discarded now; open the sharing page again \
                 in a moment to see how it went."
            ),
            "/sharing",
        ),
    )
}

pub(super) async fn devices_upload(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    blocking(move || {
        let boundary = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(multipart::boundary);
        let Some(boundary) = boundary else {
            return bad_request("expected the upload form (multipart/form-data)");
        };
        let parts = match multipart::parts(&body, &boundary) {
            Ok(p) => p,
            Err(why) => return bad_request(&format!("the upload could not be read: {why}")),
        };
        let token = parts
            .iter()
            .find(|p| p.name == "csrf")
            .map(|p| String::from_utf8_lossy(&p.bytes).into_owned());
        let visitor = match web.form_visitor(&headers, token.as_deref(), true) {
            Ok(v) => v,
            Err(refused) => return *refused,
        };
        let Some(file) = parts.into_iter().find(|p| p.name == "inventory") else {
            return bad_request("choose an inventory file to upload");
        };
        let name = file.filename.clone().unwrap_or_else(|| "upload".into());
        let extension = std::path::Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_else(|| "csv".into());
        if file.bytes.is_empty() {
            return bad_request("the file is empty");
        }
        let mut inventory = ward_exposure::Inventory::default();
        let read = inventory.add_bytes(
            &name,
            file.bytes.clone(),
            &ward_exposure::InventoryOptions::default(),
        );
        if let Err(e) = read {
            return html(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::message_back("Not an inventory", &e.to_string(), "/devices"),
            );
        }
        // Kept in the store until confirmed, so a restart in between loses nothing.
        let kept = {
            let _one_at_a_time = web.uploads.lock();
            ward_member::watch::web::keep_upload(
                &*web.store,
                &visitor.session,
                &extension,
                &file.bytes,
                session::now(),
            )
        };
        let id = match kept {
            Ok(id) => id,
            Err(e) => return bad_request(&e.to_string()),
        };
        html(
            StatusCode::OK,
            pages::inventory_preview(&visitor, &id, &name, &inventory),
        )
    })
    .await
}

pub(super) async fn devices_confirm(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, f| {
        let id = f.get("upload").map(String::as_str).unwrap_or("");
        let taken = {
            let _one_at_a_time = web.uploads.lock();
            ward_member::watch::web::take_upload(&*web.store, id, &v.session, session::now())
        };
        let upload = match taken {
            Ok(Some(upload)) => upload,
            Ok(None) => {
                return bad_request(
                    "that upload is no longer waiting (confirmed already, or older than an hour); upload the file again",
                )
            }
            Err(e) => return failure(&e.into()),
        };
        match web.data.save_inventory(&upload.extension, &upload.bytes) {
            Ok(path) => {
                let text = format!(
                    "Saved the inventory as {}; `ward exposure --inventory {}` ranks it.",
                    path.display(),
                    path.display()
                );
                web.flashed(v, &text, "/devices")
            }
            Err(e) => bad_request(&e.to_string()),
        }
    })
    .await
}

pub(super) async fn sign_in(
    State(web): State<Arc<Web>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    blocking(move || {
        let f = fields(&body);
        let visitor = match web.form_visitor(&headers, f.get("csrf").map(String::as_str), false) {
            Ok(v) => v,
            Err(refused) => return *refused,
        };
        let address = Some(client.ip());
        if let Err(wait) = web.throttle.begin(address) {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response = html(
                StatusCode::TOO_MANY_REQUESTS,
                pages::message(
                    "Wait a minute",
                    &format!("too many wrong passwords; try again in {seconds} s"),
                ),
            );
            if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return response;
        }
        let password = f.get("password").map(String::as_str).unwrap_or("");
        match ward_member::watch::web::check_password(&*web.store, password) {
            Ok(true) => {
                web.throttle.succeeded(address);
                // A new session on sign-in, so one known before cannot ride it.
                let hash = match ward_member::watch::web::password_hash(&*web.store) {
                    Ok(h) => h,
                    Err(e) => return failure(&e.into()),
                };
                let digest = session::password_digest(hash.as_deref());
                let (cookie, claim) = match session::issue(&web.key, &digest, session::now(), true)
                {
                    Ok(issued) => issued,
                    Err(e) => return failure(&e),
                };
                let fresh = Visitor {
                    session: claim.id,
                    expires: claim.expires,
                    new_cookie: Some(cookie),
                    signed_in: true,
                    sign_in: true,
                    csrf: String::new(),
                    flash: None,
                    clear_flash: false,
                    secure: web.secure,
                };
                with_cookie(see_other("/plan"), &fresh)
            }
            Ok(false) => html(
                StatusCode::UNAUTHORIZED,
                pages::sign_in(&visitor, Some("That password is not the one set.")),
            ),
            Err(e) => {
                web.throttle.succeeded(address);
                failure(&e.into())
            }
        }
    })
    .await
}

/// Ends this session (kept as ended until it would have expired, so its cookie is refused
/// even if it was copied), and clears the cookie.
pub(super) async fn sign_out(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(web, headers, body, |web, v, _| {
        let ended = ward_member::watch::web::end_session(
            &*web.store,
            &v.session,
            v.expires,
            session::now(),
        );
        match ended {
            Ok(()) => signed_out(v),
            Err(e) => failure(&e.into()),
        }
    })
    .await
}

/// Ends every session that began until now, on every browser, and clears this one's cookie.
pub(super) async fn sign_out_everywhere(
    State(web): State<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    form(
        web,
        headers,
        body,
        |web, v, _| match ward_member::watch::web::sign_out_everywhere(&*web.store, session::now())
        {
            Ok(()) => signed_out(v),
            Err(e) => failure(&e.into()),
        },
    )
    .await
}

/// To the sign-in page, the session cookie cleared.
fn signed_out(v: &Visitor) -> Response {
    let mut response = see_other("/signin");
    set_cookie(&mut response, v, COOKIE, "", Some(0));
    response
}
