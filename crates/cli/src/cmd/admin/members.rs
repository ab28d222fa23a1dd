//! The member life cycle: organizations joining (placed in collections), renamed, disabled
//! and leaving; users removed or disabled; tokens rotated; collections' audiences changed and
//! collections removed. Everything a command names is resolved and checked first, then the
//! store makes the change in one transaction ([`Store::change_members`]): a bad argument
//! leaves nothing half done.

use std::process::ExitCode;

use anyhow::{bail, Context};
use serde_json::json;
use ward_store::credentials::{new_token, token_hash};
use ward_store::{Collection, MemberChange, MemberOutcome, Org, Store, User};

use super::{find_token, print_json, OrgPolicyArgs};
use crate::Global;

/// Names are compared as the stores' unique indexes compare them: ASCII letters without
/// case (SQLite's `NOCASE`), every other character as it is.
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The organization `wanted` names: its id, else its name whatever the case.
pub(super) fn resolve_org(store: &dyn Store, wanted: &str) -> anyhow::Result<Org> {
    let orgs = store.orgs()?;
    orgs.iter()
        .find(|o| o.id == wanted)
        .or_else(|| orgs.iter().find(|o| same_name(&o.name, wanted)))
        .cloned()
        .with_context(|| {
            format!("{wanted:?}: no organization has that name or id (see `ward admin org list`)")
        })
}

/// The collection `wanted` names: its id, else its title whatever the case.
pub(super) fn resolve_collection(store: &dyn Store, wanted: &str) -> anyhow::Result<Collection> {
    let all = store.collections()?;
    all.iter()
        .find(|c| c.id == wanted)
        .or_else(|| all.iter().find(|c| same_name(&c.title, wanted)))
        .cloned()
        .with_context(|| {
            format!(
                "{wanted:?}: no collection has that title or id (see `ward admin collection list`)"
            )
        })
}

/// The user named `wanted` (names are unique whatever their case).
pub(super) fn resolve_user(store: &dyn Store, wanted: &str) -> anyhow::Result<User> {
    store
        .users()?
        .into_iter()
        .find(|u| same_name(&u.name, wanted))
        .with_context(|| format!("{wanted:?}: no such user (see `ward admin user list`)"))
}

/// Refuses a name another organization (or user, or collection) already has in another case;
/// the store refuses it too, this says which one holds it.
pub(super) fn refuse_taken<'a>(
    what: &str,
    wanted: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> anyhow::Result<()> {
    if let Some(other) = existing.into_iter().find(|n| same_name(n, wanted)) {
        bail!("{what} {wanted:?}: the name is taken by {other:?} (names are unique whatever their case)");
    }
    Ok(())
}

fn ids_of(store: &dyn Store, collections: &[String]) -> anyhow::Result<Vec<String>> {
    collections
        .iter()
        .map(|c| resolve_collection(store, c).map(|c| c.id))
        .collect()
}

/// `ward admin org add NAME [--read COLL,..] [--write COLL,..] [settings]`: all checked first,
/// then the organization, its place in the collections and its settings in one commit.
pub(super) fn org_add(
    store: &dyn Store,
    name: &str,
    policy: &OrgPolicyArgs,
    read: &[String],
    write: &[String],
    global: &Global,
) -> anyhow::Result<ExitCode> {
    if name.trim().is_empty() {
        bail!("organization name: expected a name, not an empty string");
    }
    let settings = ward_policy::settings::new_org_settings(&super::policy::org_change(policy)?)
        .with_context(|| format!("sharing settings of {name:?}"))?;
    let orgs = store.orgs()?;
    refuse_taken("organization", name, orgs.iter().map(|o| o.name.as_str()))?;
    let change = MemberChange::AddOrg {
        name: name.to_string(),
        read: ids_of(store, read).context("--read")?,
        write: ids_of(store, write).context("--write")?,
        settings,
    };
    let outcome = store
        .change_members(&change)
        .with_context(|| format!("adding organization {name:?}"))?;
    let org = outcome.org.context("the store admitted no organization")?;
    if global.json {
        print_json(json!(org));
    } else {
        eprintln!("organization {:?} admitted", org.name);
        println!("{}", org.id);
    }
    Ok(ExitCode::SUCCESS)
}

fn versions_said(outcome: &MemberOutcome) -> String {
    if outcome.versions_deleted > 0 {
        format!("{} object versions deleted", outcome.versions_deleted)
    } else {
        format!(
            "{} object versions kept, served as the hub's",
            outcome.versions_kept
        )
    }
}

pub(super) fn org_remove(
    store: &dyn Store,
    wanted: &str,
    delete_objects: bool,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let org = resolve_org(store, wanted)?;
    let outcome = store
        .change_members(&MemberChange::RemoveOrg {
            org_id: org.id.clone(),
            delete_objects,
            settings_prefix: ward_policy::settings::org_settings_prefix(&org.id),
        })
        .with_context(|| format!("removing organization {:?}", org.name))?;
    if global.json {
        print_json(json!({ "removed": org, "outcome": outcome }));
    } else {
        eprintln!(
            "organization {:?} removed: {} users and {} tokens removed, {}",
            org.name,
            outcome.users_removed,
            outcome.tokens_removed,
            versions_said(&outcome)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn org_rename(
    store: &dyn Store,
    wanted: &str,
    new_name: &str,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    if new_name.trim().is_empty() {
        bail!("new name: expected a name, not an empty string");
    }
    let org = resolve_org(store, wanted)?;
    let others = store.orgs()?;
    refuse_taken(
        "organization",
        new_name,
        others
            .iter()
            .filter(|o| o.id != org.id)
            .map(|o| o.name.as_str()),
    )?;
    store
        .change_members(&MemberChange::RenameOrg {
            org_id: org.id.clone(),
            name: new_name.to_string(),
        })
        .with_context(|| format!("renaming organization {:?}", org.name))?;
    if global.json {
        print_json(json!({ "id": org.id, "name": new_name, "was": org.name }));
    } else {
        eprintln!("organization {:?} is now {new_name:?}", org.name);
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn org_disable(
    store: &dyn Store,
    wanted: &str,
    disabled: bool,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let org = resolve_org(store, wanted)?;
    store
        .change_members(&MemberChange::SetOrgDisabled {
            org_id: org.id.clone(),
            disabled,
        })
        .with_context(|| format!("changing organization {:?}", org.name))?;
    if global.json {
        print_json(json!({ "id": org.id, "name": org.name, "disabled": disabled }));
    } else if disabled {
        eprintln!(
            "organization {:?} disabled: its users cannot sign in; its data is kept",
            org.name
        );
    } else {
        eprintln!("organization {:?} enabled", org.name);
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn user_remove(
    store: &dyn Store,
    wanted: &str,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let user = resolve_user(store, wanted)?;
    let outcome = store
        .change_members(&MemberChange::RemoveUser {
            user_id: user.id.clone(),
        })
        .with_context(|| format!("removing user {:?}", user.name))?;
    if global.json {
        print_json(json!({ "removed": user, "tokens_removed": outcome.tokens_removed }));
    } else {
        eprintln!(
            "user {:?} removed with {} tokens; what it posted stays, as {:?}'s",
            user.name, outcome.tokens_removed, user.org_name
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn user_disable(
    store: &dyn Store,
    wanted: &str,
    disabled: bool,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let user = resolve_user(store, wanted)?;
    store
        .change_members(&MemberChange::SetUserDisabled {
            user_id: user.id.clone(),
            disabled,
        })
        .with_context(|| format!("changing user {:?}", user.name))?;
    if global.json {
        print_json(json!({ "user": user.name, "disabled": disabled }));
    } else if disabled {
        eprintln!(
            "user {:?} disabled: it cannot sign in (password or token)",
            user.name
        );
    } else {
        eprintln!("user {:?} enabled", user.name);
    }
    Ok(ExitCode::SUCCESS)
}

/// `ward admin token rotate ID|LABEL`: a new token with the old one's user, label and expiry;
/// the old one is refused from the same commit on.
pub(super) fn token_rotate(
    store: &dyn Store,
    wanted: &str,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let old = find_token(store, wanted)?;
    let token = new_token()?;
    store
        .change_members(&MemberChange::RotateToken {
            old_hash: old.hash.clone(),
            new_hash: token_hash(&token),
        })
        .with_context(|| format!("rotating token {}", old.id()))?;
    let fresh = token_hash(&token);
    let new_id = fresh.get(..12).unwrap_or(&fresh).to_string();
    if global.json {
        print_json(
            json!({ "replaced": old.id(), "id": new_id, "label": old.label, "token": token }),
        );
    } else {
        eprintln!(
            "token {} ({:?}) replaced by {new_id}, refused from now on; the new token is shown \
             this once, store it now:",
            old.id(),
            old.label
        );
        println!("{token}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The organization ids that `names` (names or ids) stand for.
pub(super) fn org_ids(store: &dyn Store, names: &[String]) -> anyhow::Result<Vec<String>> {
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| resolve_org(store, n).map(|o| o.id))
        .collect()
}

pub(super) fn collection_remove(
    store: &dyn Store,
    wanted: &str,
    force: bool,
    global: &Global,
) -> anyhow::Result<ExitCode> {
    let collection = resolve_collection(store, wanted)?;
    let outcome = store
        .change_members(&MemberChange::RemoveCollection {
            collection_id: collection.id.clone(),
            force,
            settings_prefix: ward_policy::settings::collection_settings_prefix(&collection.id),
        })
        .with_context(|| format!("removing collection {:?}", collection.title))?;
    if global.json {
        print_json(
            json!({ "removed": collection.id, "versions_deleted": outcome.versions_deleted }),
        );
    } else {
        eprintln!(
            "collection {:?} removed with {} object versions",
            collection.title, outcome.versions_deleted
        );
    }
    Ok(ExitCode::SUCCESS)
}
