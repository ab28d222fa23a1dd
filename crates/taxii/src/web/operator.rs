//! The operators' pages (only for users of an organization in
//! [`crate::HubConfig::operator_orgs`]; everyone else gets 403): organizations and users
//! (listed, added, disabled and enabled), tokens (create, shown once in the answer to the form; list; revoke), collections with
//! their readers and writers, the default TLP, the scrub log as kinds and counts (never
//! text), and which organizations have not pulled lately. Changes go through the store's
//! own calls, as `ward admin` makes them.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use maud::{html, Markup};
use serde_json::Value;
use ward_store::credentials::{hash_password, new_token, token_hash};
use ward_store::{
    Collection, MemberChange, Org, ScrubRecord, Store, StoreError, TokenRecord, User,
};

use super::session::check_csrf;
use super::{page, FormFields, Session, UiError};
use crate::handlers::stamp;
use crate::{blocking, AppState};

/// An organization whose tokens were all last used longer ago than this (or never) "has
/// not pulled lately".
const QUIET_MICROS: i64 = 7 * 24 * 3600 * 1_000_000;
/// Scrub records read to count kinds.
const SCRUB_RECORDS: usize = 10_000;
/// The store setting the sharing policy keeps the default TLP in (read here to show it).
const DEFAULT_TLP_SETTING: &str = "hub.default_tlp";

async fn load_with_totals(state: &AppState) -> Result<Overview, UiError> {
    let mut o = blocking(state, load).await?;
    o.totals = state.observer.totals();
    if let Some(settings) = state.settings.clone() {
        o.settings_editable = true;
        // The policy's own reading (the stored setting, or its default).
        let read = tokio::task::spawn_blocking(move || settings.default_tlp())
            .await
            .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        o.default_tlp = Some(read.map_err(|e| UiError::new(StatusCode::SERVICE_UNAVAILABLE, e))?);
        let ids: Vec<String> = o.collections.iter().map(|c| c.id.clone()).collect();
        let settings = state.settings.clone();
        let amber = tokio::task::spawn_blocking(move || {
            let mut out = HashMap::new();
            if let Some(settings) = settings {
                for id in ids {
                    let orgs = settings.amber_orgs(&id)?;
                    out.insert(id, orgs);
                }
            }
            Ok::<_, String>(out)
        })
        .await
        .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        o.amber = amber.map_err(|e| UiError::new(StatusCode::SERVICE_UNAVAILABLE, e))?;
    }
    Ok(o)
}

/// A posted operator form: the caller must be an operator and the form carry its CSRF token.
fn operator_form(session: &Session, body: &[u8]) -> Result<FormFields, UiError> {
    require_operator(session)?;
    let form = FormFields::parse(body);
    check_csrf(session, &form)?;
    Ok(form)
}

fn require_operator(session: &Session) -> Result<(), UiError> {
    if session.operator {
        Ok(())
    } else {
        Err(UiError::forbidden(
            "these pages are for the hub's operators only",
        ))
    }
}

struct Overview {
    orgs: Vec<Org>,
    disabled_orgs: Vec<String>,
    disabled_users: Vec<String>,
    users: Vec<User>,
    tokens: Vec<TokenRecord>,
    collections: Vec<Collection>,
    default_tlp: Option<String>,
    scrubs: Vec<ScrubRecord>,
    /// This process's request, error and ingest counts.
    totals: crate::audit::Totals,
    /// Whether the hub has a policy to change settings through ([`AppState::with_settings`]).
    settings_editable: bool,
    /// Each collection's AMBER organizations (ids), when the policy says.
    amber: HashMap<String, Vec<String>>,
}

fn load(s: &dyn Store) -> Result<Overview, StoreError> {
    let (disabled_orgs, disabled_users) = s.disabled()?;
    Ok(Overview {
        orgs: s.orgs()?,
        disabled_orgs,
        disabled_users,
        users: s.users()?,
        tokens: s.tokens()?,
        collections: s.collections()?,
        default_tlp: s.setting(DEFAULT_TLP_SETTING)?,
        scrubs: s.scrub_records(SCRUB_RECORDS)?,
        totals: crate::audit::Totals::default(),
        settings_editable: false,
        amber: HashMap::new(),
    })
}

/// Scrub findings by kind, across records (the findings' JSON names kinds; no text).
fn scrub_kinds(records: &[ScrubRecord]) -> BTreeMap<String, u64> {
    let mut kinds = BTreeMap::new();
    for r in records {
        let findings: Vec<Value> = serde_json::from_str(&r.findings).unwrap_or_default();
        for f in findings {
            let kind = f
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string();
            *kinds.entry(kind).or_insert(0) += 1;
        }
    }
    kinds
}

fn when(micros: Option<i64>) -> String {
    micros.map_or_else(|| "never".to_string(), stamp)
}

fn render(o: &Overview, session: &Session, created: Option<(&str, &str)>) -> Markup {
    let t = o.totals;
    let org_name: HashMap<&str, &str> = o
        .orgs
        .iter()
        .map(|g| (g.id.as_str(), g.name.as_str()))
        .collect();
    let user_by_id: HashMap<&str, &User> = o.users.iter().map(|u| (u.id.as_str(), u)).collect();
    let names = |ids: &[String]| -> String {
        let mut v: Vec<&str> = ids
            .iter()
            .map(|i| org_name.get(i.as_str()).copied().unwrap_or(i.as_str()))
            .collect();
        v.sort_unstable();
        if v.is_empty() {
            "nobody".into()
        } else {
            v.join(", ")
        }
    };
    // Each organization's latest token use.
    let mut last_pull: HashMap<&str, i64> = HashMap::new();
    for t in &o.tokens {
        if let (Some(u), Some(at)) = (user_by_id.get(t.user_id.as_str()), t.last_used) {
            let e = last_pull.entry(u.org_id.as_str()).or_insert(at);
            *e = (*e).max(at);
        }
    }
    let now = ward_stix::Timestamp::now().as_micros();
    let quiet: Vec<(&Org, Option<i64>)> = o
        .orgs
        .iter()
        .map(|g| (g, last_pull.get(g.id.as_str()).copied()))
        .filter(|(_, at)| at.is_none_or(|t| now.saturating_sub(t) > QUIET_MICROS))
        .collect();
    let kinds = scrub_kinds(&o.scrubs);
    html! {
        @if let Some((user, token)) = created {
            section.secret aria-labelledby="new-token" {
                h2 #new-token { "New token for " (user) }
                p { "It is shown this once: copy it now. The hub keeps only its hash." }
                pre { code { (token) } }
            }
        }
        h2 { "This hub process since it started" }
        p {
            (t.requests) " request(s): " (t.client_errors) " refused (4xx), " (t.server_errors)
            " failed (5xx); " (t.objects_ingested) " object version(s) ingested; "
            (t.auth_failures) " refused sign-in(s), " (t.throttled) " throttled. "
            "Every process counts its own; " code { "/metrics" } " has them by route."
        }
        div.scroll tabindex="0" role="region" aria-label="Rates" { table data-rates="" {
            caption { "Per minute, this hub process" }
            thead { tr {
                th scope="col" { "" }
                // A process younger than a window has counted only the minutes since its start.
                th scope="col" { "Last 5 min" @if t.last_5.minutes < 5 { " (" (t.last_5.minutes) " so far)" } }
                th scope="col" { "Last 60 min" @if t.last_60.minutes < 60 { " (" (t.last_60.minutes) " so far)" } }
            } }
            tbody {
                @for (name, five, hour) in [
                    ("Requests", t.last_5.requests, t.last_60.requests),
                    ("Refused (4xx)", t.last_5.client_errors, t.last_60.client_errors),
                    ("Failed (5xx)", t.last_5.server_errors, t.last_60.server_errors),
                    ("Object versions ingested", t.last_5.objects_ingested, t.last_60.objects_ingested),
                ] {
                    tr { th scope="row" { (name) } td { (rate(five)) } td { (rate(hour)) } }
                }
            }
        } }
        h2 { "Organizations" }
        div.scroll tabindex="0" role="region" aria-label="Organizations" { table {
            thead { tr { th scope="col" { "Name" } th scope="col" { "Users" } th scope="col" { "Last pull (token)" } th scope="col" { "State" } } }
            tbody {
                @for g in &o.orgs {
                    tr {
                        td { (g.name) }
                        td { (o.users.iter().filter(|u| u.org_id == g.id).count()) }
                        td { (when(last_pull.get(g.id.as_str()).copied())) }
                        td { (state_form(session, "/ui/admin/orgs/state", "org", &g.id, &g.name, o.disabled_orgs.contains(&g.id), g.id == session.caller.org_id)) }
                    }
                }
            }
        } }
        form method="post" action="/ui/admin/orgs/add" {
            fieldset {
                legend { "Admit an organization" }
                input type="hidden" name="csrf" value=(session.csrf);
                label for="org-name" { "Name" }
                input id="org-name" name="name" type="text" required maxlength=(MAX_NAME);
                p { "It reads and writes no collection until you tick it below; its sharing settings are the defaults (" code { "ward admin org set" } " changes them)." }
                button type="submit" { "Admit" }
            }
        }
        h2 { "Not pulled in the last 7 days" }
        @if quiet.is_empty() {
            p { "Every organization pulled with a token in the last 7 days." }
        } @else {
            ul { @for (g, at) in &quiet { li { (g.name) " — last token use: " (when(*at)) } } }
        }
        p { "Pulls with a password are not recorded; only token use is." }
        h2 { "Users" }
        div.scroll tabindex="0" role="region" aria-label="Users" { table {
            thead { tr { th scope="col" { "Name" } th scope="col" { "Organization" } th scope="col" { "Signs in with" } th scope="col" { "State" } } }
            tbody {
                @for u in &o.users {
                    tr {
                        td { (u.name) }
                        td { (u.org_name) }
                        td { @if u.password_hash.is_some() { "password or token" } @else { "token only" } }
                        td { (state_form(session, "/ui/admin/users/state", "user", &u.id, &u.name, o.disabled_users.contains(&u.id), u.id == session.caller.user_id)) }
                    }
                }
            }
        } }
        form method="post" action="/ui/admin/users/add" {
            fieldset {
                legend { "Add a user" }
                input type="hidden" name="csrf" value=(session.csrf);
                div.row {
                    div {
                        label for="user-org" { "Organization" }
                        select id="user-org" name="org" required {
                            @for g in &o.orgs { option value=(g.id) { (g.name) } }
                        }
                    }
                    div {
                        label for="user-name" { "User name" }
                        input id="user-name" name="name" type="text" required maxlength=(MAX_NAME) autocomplete="off";
                    }
                    div {
                        label for="user-password" { "Password (empty: token only)" }
                        input id="user-password" name="password" type="password" autocomplete="new-password";
                    }
                }
                button type="submit" { "Add user" }
            }
        }
        h2 { "Tokens" }
        form method="post" action="/ui/admin/tokens" {
            fieldset {
                legend { "Create a token" }
                input type="hidden" name="csrf" value=(session.csrf);
                div.row {
                    div {
                        label for="token-user" { "User" }
                        select id="token-user" name="user" required {
                            @for u in &o.users { option value=(u.name) { (u.name) " (" (u.org_name) ")" } }
                        }
                    }
                    div {
                        label for="token-label" { "Label" }
                        input id="token-label" name="label" type="text" placeholder="firewall sync";
                    }
                    div {
                        label for="token-days" { "Valid for (days, empty: no expiry)" }
                        input id="token-days" name="days" type="number" min="1" max="3650";
                    }
                }
                button type="submit" { "Create token" }
            }
        }
        div.scroll tabindex="0" role="region" aria-label="Tokens" { table {
            thead { tr { th scope="col" { "Id" } th scope="col" { "User" } th scope="col" { "Label" } th scope="col" { "Created" } th scope="col" { "Last used" } th scope="col" { "Expires" } th scope="col" { "Revoke" } } }
            tbody {
                @for t in &o.tokens {
                    tr {
                        td { code { (t.id()) } }
                        td { (user_by_id.get(t.user_id.as_str()).map_or("(removed)", |u| u.name.as_str())) }
                        td { (t.label) }
                        td { (stamp(t.created)) }
                        td { (when(t.last_used)) }
                        td { (t.expires.map_or_else(|| "never".to_string(), stamp)) }
                        td {
                            form method="post" action="/ui/admin/tokens/revoke" {
                                input type="hidden" name="csrf" value=(session.csrf);
                                input type="hidden" name="token" value=(t.id());
                                button type="submit" aria-label={ "Revoke token " (t.id()) } { "Revoke" }
                            }
                        }
                    }
                }
            }
        } }
        h2 { "Collections" }
        div.scroll tabindex="0" role="region" aria-label="Collections" { table {
            thead { tr { th scope="col" { "Title" } th scope="col" { "Id" } th scope="col" { "Readers" } th scope="col" { "Writers" } th scope="col" { "AMBER" } } }
            tbody {
                @for c in &o.collections {
                    tr {
                        td { (c.title) } td { code { (c.id) } } td { (names(&c.readers)) } td { (names(&c.writers)) }
                        td { @if let Some(a) = o.amber.get(&c.id) { (names(a)) } @else { "(no policy)" } }
                    }
                }
            }
        } }
        @for (i, c) in o.collections.iter().enumerate() {
            form method="post" action="/ui/admin/collections/access" {
                input type="hidden" name="csrf" value=(session.csrf);
                input type="hidden" name="collection" value=(c.id);
                fieldset {
                    legend { "Who may read and write " (c.title) }
                    div.row {
                        @for (j, g) in o.orgs.iter().enumerate() {
                            div {
                                strong { (g.name) }
                                div {
                                    input type="checkbox" id={ "r" (i) "-" (j) } name="read" value=(g.id) checked[c.readers.contains(&g.id)];
                                    label.inline for={ "r" (i) "-" (j) } { " " span.vh { (g.name) ": " } "read" }
                                }
                                div {
                                    input type="checkbox" id={ "w" (i) "-" (j) } name="write" value=(g.id) checked[c.writers.contains(&g.id)];
                                    label.inline for={ "w" (i) "-" (j) } { " " span.vh { (g.name) ": " } "write" }
                                }
                                @if o.settings_editable {
                                    div {
                                        input type="checkbox" id={ "a" (i) "-" (j) } name="amber" value=(g.id) checked[o.amber.get(&c.id).is_some_and(|a| a.contains(&g.id))];
                                        label.inline for={ "a" (i) "-" (j) } { " " span.vh { (g.name) ": " } "TLP:AMBER" }
                                    }
                                }
                            }
                        }
                    }
                    button type="submit" { "Save access to " (c.title) }
                }
            }
        }
        form method="post" action="/ui/admin/collections/add" {
            fieldset {
                legend { "Add a collection" }
                input type="hidden" name="csrf" value=(session.csrf);
                label for="collection-title" { "Title" }
                input id="collection-title" name="name" type="text" required maxlength=(MAX_NAME);
                label for="collection-description" { "Description (optional)" }
                input id="collection-description" name="description" type="text" maxlength=(MAX_DESCRIPTION);
                p { "No organization reads or writes it until you tick them in its access form, which appears above once it is created." }
                button type="submit" { "Add the collection" }
            }
        }
        h2 { "Sharing policy" }
        p { "Default TLP of objects posted unmarked: " strong { (o.default_tlp.as_deref().unwrap_or("green (not set)")) } }
        @if o.settings_editable {
            form method="post" action="/ui/admin/default-tlp" {
                input type="hidden" name="csrf" value=(session.csrf);
                label for="default-tlp" { "New default (for later posts; stored objects keep theirs)" }
                select id="default-tlp" name="level" {
                    @for l in ["clear", "green", "amber", "amber+strict", "red"] {
                        option value=(l) selected[o.default_tlp.as_deref() == Some(l)] { (l) }
                    }
                }
                div { button type="submit" { "Set the default TLP" } }
            }
        }
        h2 { "Scrub log" }
        p { (o.scrubs.len()) " scrubbed object(s) recorded (newest " (SCRUB_RECORDS) " read). Findings by kind:" }
        @if kinds.is_empty() {
            p { "none" }
        } @else {
            table {
                thead { tr { th scope="col" { "Kind" } th scope="col" { "Findings" } } }
                tbody { @for (k, n) in &kinds { tr { td { (k) } td { (n) } } } }
            }
        }
    }
}

/// The state of an organization or user, with the button that flips it (none for the
/// operator's own, which the page does not disable).
fn state_form(
    session: &Session,
    action: &str,
    field: &str,
    id: &str,
    name: &str,
    disabled: bool,
    own: bool,
) -> Markup {
    if own && !disabled {
        return html! { "active (yours)" };
    }
    html! {
        form method="post" action=(action) {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name=(field) value=(id);
            input type="hidden" name="disabled" value=(if disabled { "false" } else { "true" });
            (if disabled { "disabled " } else { "active " })
            button type="submit" aria-label={ (if disabled { "Enable " } else { "Disable " }) (name) } {
                (if disabled { "Enable" } else { "Disable" })
            }
        }
    }
}

/// A change made through the store's one member-change call, then the page again with a
/// line saying what was done.
async fn change_then_page(
    state: &AppState,
    session: &Session,
    change: MemberChange,
    done: String,
) -> Result<Response, UiError> {
    blocking(state, move |s| s.change_members(&change)).await?;
    done_page(state, session, done).await
}

/// The operator page again, with a line saying what was done.
async fn done_page(state: &AppState, session: &Session, done: String) -> Result<Response, UiError> {
    let o = load_with_totals(state).await?;
    let body = html! {
        p role="status" { (done) }
        (render(&o, session, None))
    };
    Ok(page(StatusCode::OK, "Operator", Some(session), body))
}

fn wanted_state(form: &FormFields) -> Result<bool, UiError> {
    match form.get("disabled") {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err(UiError::bad_request("disabled: expected true or false")),
    }
}

/// Whose state a form flips.
#[derive(Clone, Copy)]
enum Member {
    Org,
    User,
}

/// Disables or enables an organization or a user (a disabled one cannot sign in; nothing of
/// it is removed). An operator cannot disable their own organization or themselves here.
async fn set_member_state(
    state: AppState,
    session: Session,
    body: axum::body::Bytes,
    member: Member,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let disabled = wanted_state(&form)?;
    let (field, own) = match member {
        Member::Org => ("org", &session.caller.org_id),
        Member::User => ("user", &session.caller.user_id),
    };
    let id = form.get(field).unwrap_or("").to_string();
    if disabled && &id == own {
        return Err(UiError::bad_request(
            "you cannot disable yourself or your own organization here (use ward admin)",
        ));
    }
    let lookup = id.clone();
    let name = blocking(&state, move |s| {
        Ok(match member {
            Member::Org => s
                .orgs()?
                .into_iter()
                .find(|g| g.id == lookup)
                .map(|g| g.name),
            Member::User => s
                .users()?
                .into_iter()
                .find(|u| u.id == lookup)
                .map(|u| u.name),
        })
    })
    .await?
    .ok_or_else(|| UiError::new(StatusCode::NOT_FOUND, format!("no such {field}")))?;
    let done = format!("{name} {}.", if disabled { "disabled" } else { "enabled" });
    let change = match member {
        Member::Org => MemberChange::SetOrgDisabled {
            org_id: id,
            disabled,
        },
        Member::User => MemberChange::SetUserDisabled {
            user_id: id,
            disabled,
        },
    };
    change_then_page(&state, &session, change, done).await
}

/// The longest organization or user name the pages admit.
const MAX_NAME: usize = 200;

/// A new organization's or user's name from a form: trimmed, not empty, no control
/// character, at most [`MAX_NAME`] characters, and no other of its kind with the same name
/// whatever its case (as `ward admin` refuses it).
fn new_name<'a>(
    form: &FormFields,
    what: &str,
    taken: impl IntoIterator<Item = &'a str>,
) -> Result<String, UiError> {
    let name = form.get("name").unwrap_or("").trim().to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(UiError::bad_request(format!(
            "{what} name: expected 1 to {MAX_NAME} characters, none of them a control character"
        )));
    }
    if let Some(other) = taken.into_iter().find(|n| n.eq_ignore_ascii_case(&name)) {
        return Err(UiError::new(
            StatusCode::CONFLICT,
            format!("{what} {name:?}: the name is taken by {other:?} (names are unique whatever their case)"),
        ));
    }
    Ok(name)
}

/// `POST /ui/admin/orgs/add`: admits an organization (no collection, default settings), in
/// the store's one member-change call as `ward admin org add` makes it.
pub(crate) async fn add_org(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let orgs = blocking(&state, |s| s.orgs()).await?;
    let name = new_name(&form, "organization", orgs.iter().map(|g| g.name.as_str()))?;
    let done = format!("{name} admitted.");
    let change = MemberChange::AddOrg {
        name,
        read: Vec::new(),
        write: Vec::new(),
        settings: Vec::new(),
    };
    change_then_page(&state, &session, change, done).await
}

/// The longest collection description the pages admit.
const MAX_DESCRIPTION: usize = 2000;

/// `POST /ui/admin/collections/add`: a new collection (a title unique whatever its case, an
/// optional description) that no organization reads or writes until the operator ticks
/// them (the access form below it), as `ward admin collection add` without `--read` or
/// `--write` makes it.
pub(crate) async fn add_collection(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let collections = blocking(&state, |s| s.collections()).await?;
    let title = new_name(
        &form,
        "collection",
        collections.iter().map(|c| c.title.as_str()),
    )?;
    let description = form.get("description").unwrap_or("").trim().to_string();
    if description.chars().count() > MAX_DESCRIPTION || description.chars().any(char::is_control) {
        return Err(UiError::bad_request(format!(
            "description: expected at most {MAX_DESCRIPTION} characters on one line"
        )));
    }
    let new = ward_store::NewCollection {
        title,
        description: (!description.is_empty()).then_some(description),
        readers: Vec::new(),
        writers: Vec::new(),
    };
    let made = blocking(&state, move |s| s.create_collection(&new)).await?;
    let done = format!(
        "Collection {} created ({}); tick who may read and write it below.",
        made.title, made.id
    );
    done_page(&state, &session, done).await
}

/// `POST /ui/admin/users/add`: a user of an organization, with a password (hashed here; only
/// the hash is stored) or token-only.
pub(crate) async fn add_user(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let (orgs, users) = blocking(&state, |s| Ok((s.orgs()?, s.users()?))).await?;
    let org_id = form.get("org").unwrap_or("");
    let org = orgs
        .into_iter()
        .find(|g| g.id == org_id)
        .ok_or_else(|| UiError::bad_request("organization: choose one of the list"))?;
    let name = new_name(&form, "user", users.iter().map(|u| u.name.as_str()))?;
    let hash = match form.get("password").filter(|p| !p.is_empty()) {
        Some(password) => {
            let password = password.to_string();
            let hashed = tokio::task::spawn_blocking(move || hash_password(&password))
                .await
                .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            Some(
                hashed
                    .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?,
            )
        }
        None => None,
    };
    let done = format!(
        "{name} added to {} ({}).",
        org.name,
        if hash.is_some() {
            "signs in with the password or a token"
        } else {
            "token only"
        }
    );
    let (org_name, user) = (org.name.clone(), name.clone());
    blocking(&state, move |s| {
        s.add_user(&org_name, &user, hash.as_deref())
    })
    .await?;
    done_page(&state, &session, done).await
}

/// `POST /ui/admin/orgs/state`.
pub(crate) async fn set_org_state(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    set_member_state(state, session, body, Member::Org).await
}

/// `POST /ui/admin/users/state`.
pub(crate) async fn set_user_state(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    set_member_state(state, session, body, Member::User).await
}

/// `POST /ui/admin/collections/access`: replaces a collection's readers and writers with the
/// ticked organizations, in one commit.
pub(crate) async fn set_access(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let collection_id = form.get("collection").unwrap_or("").to_string();
    let (readers, writers) = (form.all("read"), form.all("write"));
    let lookup = collection_id.clone();
    let wanted: Vec<String> = readers.iter().chain(&writers).cloned().collect();
    let (collection, unknown) = blocking(&state, move |s| {
        let orgs: Vec<String> = s.orgs()?.into_iter().map(|g| g.id).collect();
        let unknown = wanted.iter().any(|id| !orgs.contains(id));
        Ok((s.collection(&lookup)?, unknown))
    })
    .await?;
    let collection =
        collection.ok_or_else(|| UiError::new(StatusCode::NOT_FOUND, "no such collection"))?;
    if unknown {
        return Err(UiError::bad_request(
            "an organization ticked is no longer on the hub; reload the page",
        ));
    }
    // The AMBER list is the policy's setting, written in the same commit as the lists.
    let amber = form.all("amber");
    let settings = match state.settings.clone() {
        Some(policy) => {
            let (id, orgs) = (collection.id.clone(), amber.clone());
            tokio::task::spawn_blocking(move || policy.amber_settings(&id, &orgs))
                .await
                .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
                .map_err(UiError::bad_request)?
        }
        None if amber.is_empty() => Vec::new(),
        None => {
            return Err(UiError::bad_request(
                "this hub has no sharing policy to keep an AMBER list",
            ))
        }
    };
    let done = format!(
        "{}: {} reader(s), {} writer(s), {} AMBER.",
        collection.title,
        readers.len(),
        writers.len(),
        amber.len()
    );
    change_then_page(
        &state,
        &session,
        MemberChange::SetCollectionAccess {
            collection_id,
            readers: Some(readers),
            writers: Some(writers),
            settings,
        },
        done,
    )
    .await
}

/// `POST /ui/admin/default-tlp`: sets the default TLP through the policy.
pub(crate) async fn set_default_tlp(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let settings = state.settings.clone().ok_or_else(|| {
        UiError::new(
            StatusCode::NOT_FOUND,
            "this hub has no sharing policy to change",
        )
    })?;
    let level = form.get("level").unwrap_or("").to_string();
    let wanted = level.clone();
    tokio::task::spawn_blocking(move || settings.set_default_tlp(&wanted))
        .await
        .map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(UiError::bad_request)?;
    let o = load_with_totals(&state).await?;
    let body = html! {
        p role="status" { "Default TLP set to " (level) " for objects posted from now on." }
        (render(&o, &session, None))
    };
    Ok(page(StatusCode::OK, "Operator", Some(&session), body))
}

async fn overview_page(
    state: &AppState,
    session: &Session,
    created: Option<(&str, &str)>,
) -> Result<Response, UiError> {
    let o = load_with_totals(state).await?;
    Ok(page(
        StatusCode::OK,
        "Operator",
        Some(session),
        render(&o, session, created),
    ))
}

/// `GET /ui/admin`.
pub(crate) async fn overview(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, UiError> {
    require_operator(&session)?;
    overview_page(&state, &session, None).await
}

/// `POST /ui/admin/tokens`: creates a token; the answer is the page with the token shown
/// once (never a redirect carrying it).
pub(crate) async fn create_token(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let user = form.get("user").unwrap_or("").trim().to_string();
    let label = form.get("label").unwrap_or("").trim().to_string();
    let days = match form.get("days").map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match d.parse::<i64>() {
            Ok(n) if (1..=3650).contains(&n) => Some(n),
            _ => {
                return Err(UiError::bad_request(
                    "valid for: expected a whole number of days from 1 to 3650",
                ))
            }
        },
    };
    if user.is_empty() {
        return Err(UiError::bad_request("user: choose a user"));
    }
    let token =
        new_token().map_err(|e| UiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let hash = token_hash(&token);
    let expires = days.map(|d| ward_stix::Timestamp::now().as_micros() + d * 86_400_000_000);
    let who = user.clone();
    let found = blocking(&state, move |s| {
        if s.user(&who)?.is_none() {
            return Ok(false);
        }
        s.add_token_expiring(&who, &hash, &label, expires)?;
        Ok(true)
    })
    .await?;
    if !found {
        return Err(UiError::bad_request(
            "user: no such user (or disabled); reload the page",
        ));
    }
    overview_page(&state, &session, Some((&user, &token))).await
}

/// `POST /ui/admin/tokens/revoke`: revokes a token by its id (the first 12 hex digits of
/// its hash, as `ward admin token list` shows it).
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    body: axum::body::Bytes,
) -> Result<Response, UiError> {
    let form = operator_form(&session, &body)?;
    let id = form.get("token").unwrap_or("").trim().to_string();
    if id.is_empty() {
        return Err(UiError::bad_request("token: which token?"));
    }
    let revoked = blocking(&state, move |s| {
        let matching: Vec<TokenRecord> = s.tokens()?.into_iter().filter(|t| t.id() == id).collect();
        match matching.as_slice() {
            [one] => s
                .revoke_token(&one.hash)
                .map(|_| Some(one.id().to_string())),
            _ => Ok(None),
        }
    })
    .await?;
    let Some(id) = revoked else {
        return Err(UiError::new(
            StatusCode::NOT_FOUND,
            "no such token (already revoked?); reload the page",
        ));
    };
    let o = load_with_totals(&state).await?;
    let body = html! {
        p role="status" { "Token " code { (id) } " revoked: every hub process refuses it from now on." }
        (render(&o, &session, None))
    };
    Ok(page(StatusCode::OK, "Operator", Some(&session), body))
}

/// A rate per minute as the operator reads it: whole numbers from 10 up, one decimal below.
fn rate(per_minute: f64) -> String {
    if per_minute >= 10.0 {
        format!("{per_minute:.0}")
    } else {
        format!("{per_minute:.1}")
    }
}
