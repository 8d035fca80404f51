//! Integration tests of the allocation engine (one test binary, see the style guide).

mod cases;
mod gen;
mod measure;
mod props;

use kshetra_alloc::{allocate, Control, Organiser, Outcome, Problem, Settings};

/// Allocation with a callback that never cancels.
pub fn run(
    p: &Problem,
    orgs: &[Organiser],
    s: &Settings,
) -> Result<Outcome, kshetra_alloc::AllocError> {
    allocate(p, orgs, s, &mut |_| Control::Continue)
}

/// The hard constraints: every ward assigned to an existing organiser, exactly k non-empty
/// one-piece areas, locks respected, zones respected when asked.
pub fn assert_hard_constraints(p: &Problem, orgs: &[Organiser], s: &Settings, out: &Outcome) {
    let k = orgs.len();
    assert_eq!(out.assignment.len(), p.n_wards());
    assert!(
        out.assignment.iter().all(|&a| (a as usize) < k),
        "assignment names a missing organiser"
    );
    assert_eq!(out.metrics.areas.len(), k);
    assert_eq!(
        out.metrics.empty_areas,
        0,
        "empty area: {:?}",
        out.metrics.areas.iter().map(|a| a.wards).collect::<Vec<_>>()
    );
    assert_eq!(out.metrics.split_areas, 0, "area in several pieces");
    assert!(out.metrics.areas.iter().all(|a| a.pieces == 1));
    for (j, o) in orgs.iter().enumerate() {
        for &w in &o.locked_wards {
            assert_eq!(
                out.assignment[w as usize], j as u32,
                "locked ward {w} not with organiser {j}"
            );
        }
    }
    if s.respect_zones && !p.zones.is_empty() {
        let mut zone_of = vec![None; k];
        for (v, &a) in out.assignment.iter().enumerate() {
            let z = p.zones[v];
            match zone_of[a as usize] {
                None => zone_of[a as usize] = Some(z),
                Some(zz) => assert_eq!(zz, z, "area {a} spans two zones"),
            }
        }
        for (j, o) in orgs.iter().enumerate() {
            if let Some(z) = o.zone {
                assert_eq!(zone_of[j], Some(Some(z)), "organiser {j} outside their zone");
            }
        }
    }
    let rescored = kshetra_alloc::score(p, orgs, &out.assignment).unwrap();
    assert_eq!(rescored, out.metrics);
}
