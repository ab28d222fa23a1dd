//! Opening the local intel the way a member's data folder does (`ward-member`), for the
//! tests of this crate, which cannot depend on that crate.

use std::path::Path;
use std::sync::Arc;

use ward_feeds::config::FeedsConfig;
use ward_feeds::{FeedsError, LocalIntel};
use ward_store::{SqliteStore, Store};

/// The local intel on `store`, configured from the folder `dir` (`feeds.toml`,
/// `allow-lists/`), its pull positions in `dir/pull-state.json`.
pub fn local_on(store: Arc<dyn Store>, dir: &Path) -> Result<LocalIntel, FeedsError> {
    let config = FeedsConfig::load(dir)?;
    let allow = config.allow_list(dir)?;
    LocalIntel::new(store, config, allow, dir.join("pull-state.json"))
}

/// The local intel on an embedded store created in `dir`.
#[allow(dead_code)] // not every test file opens its own store
pub fn open_local(dir: &Path) -> Result<LocalIntel, FeedsError> {
    local_on(Arc::new(SqliteStore::open(dir)?), dir)
}
