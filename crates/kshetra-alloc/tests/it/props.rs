//! Property tests on random planar graphs.

use kshetra_alloc::{AllocError, Organiser, Problem, Settings};
use proptest::prelude::*;

use crate::gen::{self, TestRng};
use crate::{assert_hard_constraints, run};

fn instance(tri: bool, rows: u32, cols: u32, seed: u64, zero_some: bool) -> Problem {
    let mut p = if tri {
        gen::triangulated(rows, cols, seed, 0.8)
    } else {
        gen::grid(rows, cols, seed, 0.8)
    };
    if zero_some {
        // A few weightless wards (like Bhopal ward 44) must not break anything.
        let mut rng = TestRng::new(seed ^ 99);
        for w in p.weights.iter_mut() {
            if rng.f64() < 0.1 {
                *w = 0.0;
            }
        }
        if p.weights.iter().all(|&w| w == 0.0) {
            p.weights[0] = 1.0;
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48), ..ProptestConfig::default() })]

    #[test]
    fn plans_are_valid_deterministic_and_never_worse_than_the_initial_partition(
        tri in any::<bool>(), rows in 1u32..11, cols in 2u32..11, k_raw in 1usize..16,
        seed in any::<u64>(), zero_some in any::<bool>(), effort in 1u32..40,
    ) {
        let p = instance(tri, rows, cols, seed, zero_some);
        let k = 1 + k_raw % p.n_wards();
        let orgs = Organiser::many(k);
        let s = Settings::new(seed).effort(effort);
        let out = run(&p, &orgs, &s).unwrap();
        assert_hard_constraints(&p, &orgs, &s, &out);
        prop_assert!(out.metrics.max_abs_deviation <= out.initial_max_deviation + 1e-9,
            "final {} worse than initial {}", out.metrics.max_abs_deviation, out.initial_max_deviation);
        prop_assert!(out.metrics.max_abs_deviation + 1e-9 >= out.lower_bound);
        let again = run(&p, &orgs, &s).unwrap();
        prop_assert_eq!(&again.assignment, &out.assignment);
    }

    #[test]
    fn locks_capacities_and_homes_are_respected(
        rows in 2u32..10, cols in 2u32..10, k_raw in 2usize..10, seed in any::<u64>(),
        n_locks in 0usize..6,
    ) {
        let p = instance(true, rows, cols, seed, false);
        let n = p.n_wards();
        let k = 2 + k_raw % (n - 1).max(1);
        let k = k.min(n);
        let mut rng = TestRng::new(seed);
        let mut orgs: Vec<Organiser> = (0..k).map(|j| {
            let mut o = Organiser::new().with_capacity(if j % 3 == 0 { 1.5 } else { 1.0 });
            if j % 2 == 0 {
                o = o.with_home(kshetra_alloc::Home::Ward((rng.next_u64() % n as u64) as u32));
            }
            o
        }).collect();
        let mut taken = vec![false; n];
        for _ in 0..n_locks {
            let w = (rng.next_u64() % n as u64) as usize;
            if !taken[w] {
                taken[w] = true;
                let j = (rng.next_u64() % k as u64) as usize;
                orgs[j].locked_wards.push(w as u32);
            }
        }
        let s = Settings::new(seed).effort(20);
        match run(&p, &orgs, &s) {
            Ok(out) => {
                assert_hard_constraints(&p, &orgs, &s, &out);
                let again = run(&p, &orgs, &s).unwrap();
                prop_assert_eq!(&again.assignment, &out.assignment);
            }
            // Random locks can wall each other off; that must be the only failure.
            Err(AllocError::LocksUnsatisfiable { .. }) => {}
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn zones_are_kept_together(
        rows in 2u32..10, cols in 4u32..10, k_raw in 2usize..12, seed in any::<u64>(), tie in any::<bool>(),
    ) {
        // Zones: left and right halves (each connected).
        let p = instance(false, rows, cols, seed, false);
        let zones = (0..p.n_wards()).map(|v| Some(if (v as u32 % cols) < cols / 2 { 0 } else { 1 })).collect();
        let p = p.with_zones(zones);
        let k = 2 + k_raw % (p.n_wards() - 1);
        let mut orgs = Organiser::many(k);
        if tie {
            orgs[0].zone = Some(1);
            orgs[1].zone = Some(0);
        }
        let s = Settings::new(seed).effort(20);
        let out = run(&p, &orgs, &s).unwrap();
        assert_hard_constraints(&p, &orgs, &s, &out);
        prop_assert_eq!(out.pieces.len(), 2);
    }
}
