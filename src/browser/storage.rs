//! What the browser may remember: settings and column mappings only, never child data.
//!
//! Settings are stored without the as-at date's children-specific parts: sibling group ids are
//! removed from the filters because they identify families.

use timescales_core::analysis::Settings;
use timescales_core::ingest::mapping::Mapping;

const SETTINGS_KEY: &str = "timescales.settings.v1";
const MAPPING_KEY: &str = "timescales.mapping.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The remembered settings, if any and readable.
pub fn load_settings() -> Option<Settings> {
    let text = storage()?.get_item(SETTINGS_KEY).ok()??;
    Settings::from_json(&text).ok()
}

/// Remembers the settings in their shareable form (no sibling group ids).
pub fn save_settings(settings: &Settings) {
    if let Some(st) = storage() {
        let _ = st.set_item(SETTINGS_KEY, &settings.to_shareable_json());
    }
}

/// The remembered column mapping, if any.
pub fn load_mapping() -> Option<Mapping> {
    let text = storage()?.get_item(MAPPING_KEY).ok()??;
    Mapping::from_json(&text).ok()
}

/// Remembers a column mapping (headers and placement-type values only).
pub fn save_mapping(mapping: &Mapping) {
    if let Some(st) = storage() {
        let _ = st.set_item(MAPPING_KEY, &mapping.to_json());
    }
}

/// Forgets the remembered mapping.
pub fn clear_mapping() {
    if let Some(st) = storage() {
        let _ = st.remove_item(MAPPING_KEY);
    }
}
