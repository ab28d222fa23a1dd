//! Third-party watch in `ward watch`: when new intel arrives (a pull or an import changed
//! the local intel), intel that names a vendor the organization listed (`ward vendors`)
//! becomes an alert through the same path as a log match (`alert_once`: the alerts file,
//! the store, e-mail and webhooks). Each (vendor, object) pair alerts once, ever
//! (`ward_member::vendors::unalerted`), and only intel dated within the max age (`ward vendors
//! max-age`, 30 days by default), as for the plan.

use std::fs::File;

use ward_member::vendors;
use ward_member::DataDir;
use ward_store::Store;

use super::{alert_once, Health};

/// The alert's `field` for a vendor mention: such alerts are not log sightings, so they are
/// not counted for sharing back.
pub(crate) const VENDOR_FIELD: &str = "vendor";

/// Alerts on the listed vendors new intel names; a failure is said and tried next change.
pub(crate) fn check(
    data: &DataDir,
    store: &std::sync::Arc<dyn Store>,
    alerts: &mut File,
    dedup: &mut super::dedup::Dedup,
    health: &Health,
) -> anyhow::Result<usize> {
    let listed = vendors::list(&**store)?;
    if listed.is_empty() {
        return Ok(0);
    }
    let objects = vendors::intel_objects(data, store.clone())?;
    let since = vendors::current_since(
        ward_member::journal::now().secs,
        vendors::max_age_days(&**store)?,
    );
    let recent: Vec<_> = vendors::mentions(&listed, &objects)
        .into_iter()
        .filter(|m| m.secs.is_none_or(|s| s >= since))
        .collect();
    let mut sent = 0;
    for m in vendors::unalerted(&**store, recent)? {
        let Some(vendor) = listed.iter().find(|v| v.key == m.vendor_key) else {
            continue;
        };
        let alert = ward_detect::Alert {
            file: "intel".to_string(),
            line: 0,
            timestamp: None,
            field: VENDOR_FIELD.to_string(),
            value: vendor.name.clone(),
            indicator_id: m.object_id.clone(),
            indicator_name: Some(m.name.clone()).filter(|n| !n.is_empty()),
            score: Some(if m.incident { 90 } else { 75 }),
            tlp: None,
            sources: Vec::new(),
            sentence: vendors::alert_sentence(vendor, &m),
            device: Some(format!(
                "{} {}",
                vendors::kind_words(vendor.kind),
                vendor.name
            )),
            threats: Vec::new(),
        };
        alert_once(alerts, dedup, health, &alert, None)?;
        sent += 1;
    }
    Ok(sent)
}
