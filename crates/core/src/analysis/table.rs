//! The per-child stage table: every child's status in every stage at one as-at date, worked out
//! once, so re-filtering is a scan over a compact array rather than a fresh analysis.
//!
//! Build a [`StageTable`] when the data, the as-at date or the aim 2 start choice changes; call
//! [`StageTable::select`] whenever the filters change (a few microseconds per thousand children);
//! then summarise the selected rows (see `stage_summary`).
//!
//! Dates after the as-at date are treated as not yet happened: a child whose end milestone falls
//! after the as-at date is still waiting at it, and one whose start falls after it has not started.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::filters::Filters;
use super::settings::Settings;
use super::stages::{HomeRule, StageDef, StageId, returned_home, route_is_home};
use crate::model::{Child, Dataset, Milestone, PlacementType};

/// A small fast hasher (the Fx algorithm) for child-id lookups: the data is the user's own file,
/// so resistance to crafted collisions is not needed, and SipHash dominated the table build.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        // Final avalanche (MurmurHash3 fmix64): the multiply alone leaves the low bits, which
        // pick the bucket, depending only on the first bytes, and ids often share a prefix.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A child's pseudonymous id, shared cheaply between the many lists an analysis produces
/// (cloning is a reference-count increment, not a copy). Serialises as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChildId(Arc<str>);

impl ChildId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for ChildId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChildId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ChildId {
    fn from(s: &str) -> ChildId {
        ChildId(Arc::from(s))
    }
}

impl PartialEq<str> for ChildId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ChildId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for ChildId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Why a child with a start date is not counted as waiting although the end is blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutOfScopeReason {
    /// Ceased to be looked after (not to home) before reaching the end milestone.
    Ceased,
    /// Ceased to be looked after and returned home, in a stage a return home does not pass
    /// through (for example the panel or court).
    ReturnedHome,
    /// The recorded permanence route is home, so an away-from-home stage does not apply.
    HomeRoute,
    /// Aim 1: accommodated away from home after the CSO-at-home start, so no longer at home.
    Accommodated,
}

impl OutOfScopeReason {
    /// Plain-English description.
    pub const fn label(self) -> &'static str {
        match self {
            OutOfScopeReason::Ceased => "ceased to be looked after before the end milestone",
            OutOfScopeReason::ReturnedHome => "returned home before the end milestone",
            OutOfScopeReason::HomeRoute => "permanence route is home",
            OutOfScopeReason::Accommodated => "accommodated away from home before a review",
        }
    }
}

/// A child's status in one stage at the as-at date. Exactly one applies, which gives the
/// partition complete + waiting + missing implied + out of scope + invalid = in scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Neither the start nor anything implying it is recorded: the stage does not concern the child.
    NotApplicable,
    /// Both dates recorded (or, for the whole journey, a return home); `days` = end - start.
    Complete { end: NaiveDate, days: i32 },
    /// Start recorded, end not yet; `days` waited so far = as-at - start.
    Waiting { days: i32 },
    /// The start (or the end) is blank but a later milestone shows it happened. Never imputed.
    MissingImplied { missing: Milestone, implied_by: Milestone },
    /// Start recorded, end blank, but the child left the stage another way. `left` is the day
    /// they left when the data gives it (the date ceased to be looked after, or for aim 1 the
    /// date accommodated); a recorded home route has no date.
    OutOfScope { reason: OutOfScopeReason, left: Option<NaiveDate> },
    /// End before start: a data error (or, for M3 before M2, a warning), left out and listed.
    Invalid { end: NaiveDate, days: i32, warning_only: bool },
}

impl Status {
    /// Short key for CSV and tables.
    pub const fn key(&self) -> &'static str {
        match self {
            Status::NotApplicable => "",
            Status::Complete { .. } => "complete",
            Status::Waiting { .. } => "waiting",
            Status::MissingImplied { .. } => "missing_implied",
            Status::OutOfScope { .. } => "out_of_scope",
            Status::Invalid { .. } => "invalid",
        }
    }
}

/// One child in one stage: the start date (if recorded by the as-at date) and the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageCell {
    pub start: Option<NaiveDate>,
    pub status: Status,
}

/// What classification needs to know about a child beyond its dates, worked out once per child.
#[derive(Debug, Clone, Copy)]
struct Facts {
    ceased: Option<NaiveDate>,
    /// Ceased by the as-at date and returned home.
    home: bool,
    route_home: bool,
}

impl Facts {
    fn of(c: &Child, as_at: NaiveDate) -> Facts {
        let ceased = c.date(Milestone::CeasedLookedAfter).filter(|d| *d <= as_at);
        Facts { ceased, home: ceased.is_some() && returned_home(c), route_home: route_is_home(c) }
    }
}

/// Works out one child's status in one stage at `as_at`.
pub fn classify(c: &Child, def: &StageDef, as_at: NaiveDate) -> StageCell {
    classify_with(c, Facts::of(c, as_at), def, as_at)
}

fn classify_with(c: &Child, facts: Facts, def: &StageDef, as_at: NaiveDate) -> StageCell {
    let at = |m: Milestone| c.date(m).filter(|d| *d <= as_at);
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as i32;
    let start = at(def.start);
    let Facts { ceased, home, route_home } = facts;
    let recorded_end = at(def.end);
    let end = match recorded_end {
        None if home && def.home_rule == HomeRule::CompletesStage => ceased,
        e => e,
    };

    let Some(s) = start else {
        // A start recorded after the as-at date with the end already reached: end before start.
        if let (Some(raw_start), Some(e)) = (c.date(def.start), recorded_end)
            && e < raw_start
        {
            let status = Status::Invalid { end: e, days: days(raw_start, e), warning_only: def.negative_is_warning };
            return StageCell { start: Some(raw_start), status };
        }
        let implied =
            recorded_end.map(|_| def.end).or_else(|| def.start_implied_by.iter().copied().find(|m| at(*m).is_some()));
        let status = match implied {
            Some(by) => Status::MissingImplied { missing: def.start, implied_by: by },
            None => Status::NotApplicable,
        };
        return StageCell { start: None, status };
    };

    let status = if let Some(e) = end {
        let d = days(s, e);
        if d < 0 {
            Status::Invalid { end: e, days: d, warning_only: def.negative_is_warning }
        } else {
            Status::Complete { end: e, days: d }
        }
    } else if let Some(by) = def.end_implied_by.iter().copied().find(|m| at(*m).is_some()) {
        Status::MissingImplied { missing: def.end, implied_by: by }
    } else if ceased.is_some() {
        match (home, def.home_rule) {
            (true, HomeRule::ImpliesEnd) => {
                Status::MissingImplied { missing: def.end, implied_by: Milestone::CeasedLookedAfter }
            }
            (true, _) => Status::OutOfScope { reason: OutOfScopeReason::ReturnedHome, left: ceased },
            (false, _) => Status::OutOfScope { reason: OutOfScopeReason::Ceased, left: ceased },
        }
    } else if def.excludes_home_route && route_home {
        Status::OutOfScope { reason: OutOfScopeReason::HomeRoute, left: None }
    } else if let Some(m2) = at(Milestone::LastAccommodated).filter(|m2| def.ends_when_accommodated && *m2 > s) {
        Status::OutOfScope { reason: OutOfScopeReason::Accommodated, left: Some(m2) }
    } else {
        Status::Waiting { days: days(s, as_at) }
    };
    StageCell { start: Some(s), status }
}

/// Every child's status in every stage at one as-at date, plus what filtering needs.
#[derive(Debug, Clone)]
pub struct StageTable {
    /// The as-at date the table was built for.
    pub as_at: NaiveDate,
    /// The stage definitions used (they depend on the aim 2 start choice).
    pub defs: [StageDef; StageId::COUNT],
    /// One row per child, in `Dataset::children` order; columns by [`StageId::index`].
    pub cells: Vec<[StageCell; StageId::COUNT]>,
    /// Each row's child id.
    pub ids: Vec<ChildId>,
    /// Each row's position when rows are sorted by child id (then row): lets every list be
    /// ordered "by child id" with integer comparisons.
    pub id_rank: Vec<u32>,
    /// Placement type at the start of the current episode: the child's own field, else the
    /// placements sheet (the placement covering the accommodated date, else the earliest).
    pub placement_at_start: Vec<Option<PlacementType>>,
    /// Placement type now: the child's own field, else the placement covering the as-at date,
    /// else the latest placement started by then.
    pub placement_now: Vec<Option<PlacementType>>,
    /// Indices into `Dataset::placements`, grouped by child row and sorted by start.
    placement_index: Vec<u32>,
    /// Per child row, the range of `placement_index` holding its placements.
    placement_range: Vec<(u32, u32)>,
}

/// The rows (indices into `Dataset::children`) that pass the filters, overall and per stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Rows passing the filters that do not depend on the stage.
    pub base: Vec<u32>,
    /// Per stage, rows of `base` that also pass the age band and start range filters for that
    /// stage's start milestone. Includes rows where the stage does not apply.
    pub stages: [Vec<u32>; StageId::COUNT],
}

impl StageTable {
    /// Builds the table: one pass over the children and one over the placements.
    pub fn build(ds: &Dataset, settings: &Settings, as_at: NaiveDate) -> StageTable {
        let defs = StageDef::all(settings.accommodated_start, settings.return_home_is_permanence);
        let cells = ds
            .children
            .iter()
            .map(|c| {
                let facts = Facts::of(c, as_at);
                std::array::from_fn(|k| classify_with(c, facts, &defs[k], as_at))
            })
            .collect();

        // Child ids, and each row's rank in id order. Files are often sorted by child id; then
        // no sort and no hashing is needed.
        let ids: Vec<ChildId> = ds.children.iter().map(|c| ChildId::from(c.child_id.as_str())).collect();
        let sorted = ids.is_sorted();
        let id_rank: Vec<u32> = if sorted {
            (0..ids.len() as u32).collect()
        } else {
            let mut order: Vec<u32> = (0..ids.len() as u32).collect();
            order.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(a.cmp(&b)));
            let mut rank = vec![0u32; ids.len()];
            for (pos, &r) in order.iter().enumerate() {
                rank[r as usize] = pos as u32;
            }
            rank
        };

        // Group placements by child: (first row with that id, start, placement index), sorted.
        // Every episode row of a child shares its placements.
        let mut first_row: FxMap<&str, u32> = FxMap::default();
        let first_of: Vec<u32> = if sorted {
            let mut first = 0;
            (0..ids.len())
                .map(|r| {
                    if ids[r] != ids[first] {
                        first = r;
                    }
                    first as u32
                })
                .collect()
        } else {
            first_row.reserve(ds.children.len());
            ds.children
                .iter()
                .enumerate()
                .map(|(r, c)| *first_row.entry(c.child_id.as_str()).or_insert(r as u32))
                .collect()
        };
        // With sorted ids, placements in the same order are found by stepping a cursor; a binary
        // search is the fallback (each comparison may be a cache miss, so it is kept rare).
        let mut cursor = 0usize;
        let mut find = |id: &str| -> Option<u32> {
            if sorted {
                if cursor + 1 < ids.len() && ids[cursor + 1] == id {
                    cursor += 1;
                } else if !(cursor < ids.len() && ids[cursor] == id) {
                    let k = ids.partition_point(|x| x.as_str() < id);
                    if k == ids.len() || ids[k] != id {
                        return None;
                    }
                    cursor = k;
                }
                Some(first_of[cursor])
            } else {
                first_row.get(id).copied()
            }
        };
        // Placements usually come grouped by child: remember the last lookup.
        let mut last: Option<(&str, Option<u32>)> = None;
        let mut keyed: Vec<(u32, NaiveDate, u32)> = ds
            .placements
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let id = p.child_id.as_str();
                let row = match last {
                    Some((prev, row)) if prev == id => row,
                    _ => find(id),
                };
                last = Some((id, row));
                row.map(|r| (r, p.start, i as u32))
            })
            .collect();
        keyed.sort_unstable();
        let placement_index: Vec<u32> = keyed.iter().map(|k| k.2).collect();
        let mut own_range = vec![(0u32, 0u32); ds.children.len()];
        let mut k = 0;
        while k < keyed.len() {
            let r = keyed[k].0;
            let from = k;
            while k < keyed.len() && keyed[k].0 == r {
                k += 1;
            }
            own_range[r as usize] = (from as u32, k as u32);
        }
        let mut placement_range = Vec::with_capacity(ds.children.len());
        let mut placement_at_start = Vec::with_capacity(ds.children.len());
        let mut placement_now = Vec::with_capacity(ds.children.len());
        for (c, &first) in ds.children.iter().zip(&first_of) {
            let (a, b) = own_range[first as usize];
            placement_range.push((a, b));
            let list = &placement_index[a as usize..b as usize];
            let ps = || list.iter().map(|&i| &ds.placements[i as usize]).filter(|p| p.start <= as_at);
            let covers =
                |d: NaiveDate| ps().find(|p| p.start <= d && p.end.is_none_or(|e| e > d)).map(|p| p.placement_type);
            let acc = c.date(settings.accommodated_start.milestone()).or(c.date(Milestone::LastAccommodated));
            placement_at_start.push(
                c.placement_type_at_start
                    .or_else(|| acc.and_then(covers))
                    .or_else(|| ps().next().map(|p| p.placement_type)),
            );
            placement_now.push(
                c.placement_type.or_else(|| covers(as_at)).or_else(|| ps().next_back().map(|p| p.placement_type)),
            );
        }
        StageTable {
            as_at,
            defs,
            cells,
            ids,
            id_rank,
            placement_at_start,
            placement_now,
            placement_index,
            placement_range,
        }
    }

    /// Number of child rows.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when there are no children.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The placements of child row `row`, sorted by start date (indices into `Dataset::placements`).
    pub fn placements_of(&self, row: usize) -> &[u32] {
        let (a, b) = self.placement_range[row];
        &self.placement_index[a as usize..b as usize]
    }

    /// Applies the filters: one pass over the rows for the stage-independent filters, and one per
    /// stage only when an age band or start range is set.
    pub fn select(&self, ds: &Dataset, filters: &Filters) -> Selection {
        let base: Vec<u32> = if filters.is_empty() {
            (0..self.len() as u32).collect()
        } else {
            (0..self.len())
                .filter(|&i| filters.matches_child(&ds.children[i], self.placement_at_start[i], self.placement_now[i]))
                .map(|i| i as u32)
                .collect()
        };
        let stages = std::array::from_fn(|k| {
            if filters.depends_on_stage() {
                base.iter()
                    .copied()
                    .filter(|&i| {
                        filters.matches_start(ds.children[i as usize].date_of_birth, self.cells[i as usize][k].start)
                    })
                    .collect()
            } else {
                base.clone()
            }
        });
        Selection { base, stages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_stays_small() {
        // Eight cells per child are scanned on every filter change. The day an out-of-scope child
        // left fits in the room the invalid status already takes.
        assert_eq!(std::mem::size_of::<StageCell>(), 16);
    }
}
