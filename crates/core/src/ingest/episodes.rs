//! Children with more than one episode row (docs/domain.md#episodes).
//!
//! Children are counted by child id. The latest episode (highest episode number) is the current
//! journey; earlier episodes are history. When the current episode's first-accommodated date is
//! blank it is the earliest accommodation of any episode of the child, which the file records on
//! another row. Every multi-episode child is noted in the quality report, so a practitioner can
//! see which row the analysis follows.

use super::quality::{Problem, ProblemKind, Severity};
use crate::dates::uk_date;
use crate::model::{Child, Milestone};

/// Notes every multi-episode child and fills the current episode's blank first-accommodated date
/// from the earlier episodes. A child with one episode whose only accommodated date is the first
/// one takes it as the last too (docs/domain.md#first-accommodated-only), with a note: one per
/// sheet when the file has no last-accommodated column (`has_last_column` false), else per row.
pub fn link_episodes(children: &mut [Child], has_last_column: bool, problems: &mut Vec<Problem>) {
    // Rows grouped by child id in id order (a sort, not a map of one list per child: a national
    // file has 100,000 children; docs/architecture.md#speed).
    let ids: Vec<&str> = children.iter().map(|c| c.child_id.as_str()).collect();
    let order: Vec<usize> = crate::order::str_order(&ids).into_iter().map(|i| i as usize).collect();
    drop(ids);
    let mut groups: Vec<&[usize]> = Vec::new();
    let mut single: Vec<usize> = Vec::new();
    for rows in order.chunk_by(|&a, &b| children[a].child_id == children[b].child_id) {
        if rows.len() > 1 { groups.push(rows) } else { single.extend_from_slice(rows) }
    }
    first_as_last(children, single.into_iter(), has_last_column, problems);
    for &rows in &groups {
        let Some(&current) = rows.iter().max_by_key(|&&i| {
            let c = &children[i];
            (c.episode_no, c.date(Milestone::LastAccommodated), i)
        }) else {
            continue;
        };
        let first = rows
            .iter()
            .filter_map(|&i| {
                let c = &children[i];
                c.date(Milestone::FirstAccommodated).or(c.date(Milestone::LastAccommodated))
            })
            .min();
        let c = &children[current];
        let listed: Vec<String> = rows
            .iter()
            .map(|&i| format!("episode {} on row {}", children[i].episode_no, children[i].source.row))
            .collect();
        let mut message = format!(
            "child {} has {} episodes ({}): episode {} is the current journey and is counted once; earlier episodes are history",
            c.child_id,
            rows.len(),
            listed.join(", "),
            c.episode_no
        );
        let fill = first.filter(|_| c.date(Milestone::FirstAccommodated).is_none());
        if let Some(d) = fill {
            message.push_str(&format!("; first accommodated taken as {} from the earliest episode", uk_date(d)));
        }
        problems.push(Problem {
            sheet: c.source.sheet.to_string(),
            row: Some(c.source.row),
            column: None,
            value: c.child_id.clone(),
            message,
            severity: Severity::Info,
            kind: ProblemKind::MultipleEpisodes,
        });
        if let Some(d) = fill {
            children[current].set_date(Milestone::FirstAccommodated, Some(d));
        }
    }
}

/// One-episode children with a first-accommodated date and no last: the first accommodation is
/// also the latest. Never leaves a child out of every stage without saying so.
fn first_as_last(
    children: &mut [Child],
    rows: impl Iterator<Item = usize>,
    has_last_column: bool,
    problems: &mut Vec<Problem>,
) {
    let mut sheet_noted = false;
    for i in rows {
        let c = &mut children[i];
        let Some(first) = c.date(Milestone::FirstAccommodated) else { continue };
        if c.date(Milestone::LastAccommodated).is_some() {
            continue;
        }
        c.set_date(Milestone::LastAccommodated, Some(first));
        let (row, message) = if has_last_column {
            (
                Some(c.source.row),
                format!(
                    "child {} has a first accommodated date ({}) and no last accommodated date; with one episode they are the same, so {} is used as the last accommodated date",
                    c.child_id,
                    uk_date(first),
                    uk_date(first)
                ),
            )
        } else if !sheet_noted {
            sheet_noted = true;
            (
                None,
                "the file has one accommodated column, the first accommodated date; for children with one episode it is also used as the last accommodated date, where aim 2 and the whole journey start".to_string(),
            )
        } else {
            continue;
        };
        problems.push(Problem {
            sheet: c.source.sheet.to_string(),
            row,
            column: None,
            value: String::new(),
            message,
            severity: Severity::Info,
            kind: ProblemKind::FirstAccommodatedUsedAsLast,
        });
    }
}
