//! Lock enforcement: every locked node into its part, parts kept connected and non-empty.

use super::{LockFailure, Plan, Solver, NONE};
use crate::budget::Budget;
use crate::graph::Reach;

impl Solver<'_> {
    /// Makes every locked node belong to its part, keeping parts connected and non-empty.
    pub(super) fn enforce_locks(
        &mut self,
        plan: &mut Plan,
        budget: &mut Budget,
    ) -> Result<(), LockFailure> {
        let n = self.p.w.len();
        if self.p.locked.iter().all(|&l| l == NONE) {
            return Ok(());
        }
        let g = &self.p.g;
        let mut assign = plan.assign.clone();
        for round in 0..(4 + 2 * self.k) {
            // 1. Pull each stray locked node into its part along a shortest path that avoids
            //    nodes locked elsewhere.
            for v in 0..n as u32 {
                let j = self.p.locked[v as usize];
                if j == NONE || assign[v as usize] == j {
                    continue;
                }
                // The first node of part j reached (breadth-first order, so along a shortest
                // path) ends the search.
                let locked = &self.p.locked;
                let found = self.bfs.search(
                    n,
                    v,
                    |x| g.nbrs(x).iter().copied(),
                    |u| {
                        let l = locked[u as usize];
                        if l != NONE && l != j {
                            Reach::Skip
                        } else if assign[u as usize] == j {
                            Reach::Stop
                        } else {
                            Reach::Enter
                        }
                    },
                );
                budget.spend(n as u64);
                assign[v as usize] = j;
                if let Some(f) = found.at {
                    for x in self.bfs.path_back(f).skip(1) {
                        assign[x as usize] = j;
                    }
                }
            }
            // 2. Keep one component per part (the one with most locks, then heaviest); free the rest.
            let (comp, count) = g.components(|a, b| assign[a as usize] == assign[b as usize]);
            let mut c_locks = vec![0u32; count];
            let mut c_w = vec![0.0; count];
            for v in 0..n {
                if self.p.locked[v] != NONE {
                    c_locks[comp[v] as usize] += 1;
                }
                c_w[comp[v] as usize] += self.p.w[v];
            }
            let mut keep = vec![NONE; self.k];
            for v in 0..n {
                let a = assign[v] as usize;
                let c = comp[v];
                let better = match keep[a] {
                    NONE => true,
                    kc => {
                        (c_locks[c as usize], c_w[c as usize])
                            > (c_locks[kc as usize], c_w[kc as usize])
                    }
                };
                if better {
                    keep[a] = c;
                }
            }
            for v in 0..n {
                if comp[v] != keep[assign[v] as usize] {
                    assign[v] = NONE;
                }
            }
            // 3. Hand freed nodes to adjacent parts (locked nodes only to their own part),
            //    lightest part first.
            let mut weight = vec![0.0; self.k];
            for v in 0..n {
                if assign[v] != NONE {
                    weight[assign[v] as usize] += self.p.w[v];
                }
            }
            loop {
                let mut changed = false;
                let mut pending = false;
                for v in 0..n {
                    if assign[v] != NONE {
                        continue;
                    }
                    pending = true;
                    let l = self.p.locked[v];
                    let mut best = NONE;
                    for &u in g.nbrs(v as u32) {
                        let a = assign[u as usize];
                        if a == NONE || (l != NONE && a != l) {
                            continue;
                        }
                        let better = best == NONE
                            || weight[a as usize] / self.p.targets[a as usize]
                                < weight[best as usize] / self.p.targets[best as usize];
                        if better {
                            best = a;
                        }
                    }
                    if best != NONE {
                        assign[v] = best;
                        weight[best as usize] += self.p.w[v];
                        changed = true;
                    }
                }
                if !pending {
                    break;
                }
                if !changed {
                    // Locked nodes cut off from their part: give them to any neighbour for
                    // now; the next round pulls them back along a path.
                    for v in 0..n {
                        if assign[v] == NONE {
                            if let Some(&u) =
                                g.nbrs(v as u32).iter().find(|&&u| assign[u as usize] != NONE)
                            {
                                assign[v] = assign[u as usize];
                                weight[assign[v] as usize] += self.p.w[v];
                            }
                        }
                    }
                }
            }
            // 4. Empty parts take a removable boundary node of the heaviest neighbourhood.
            let mut p2 = Plan::new(assign.clone(), self.k, &self.p.w);
            for a in 0..self.k as u32 {
                if !p2.members[a as usize].is_empty() {
                    continue;
                }
                let mut donors: Vec<u32> =
                    (0..self.k as u32).filter(|&b| p2.members[b as usize].len() > 1).collect();
                donors.sort_by(|&x, &y| {
                    (p2.weight[y as usize] / self.p.targets[y as usize])
                        .total_cmp(&(p2.weight[x as usize] / self.p.targets[x as usize]))
                        .then(x.cmp(&y))
                });
                'donor: for b in donors {
                    let cand: Vec<u32> = p2.members[b as usize].clone();
                    for v in cand {
                        if self.can_remove(&p2, v, budget) {
                            p2.move_node(v, a, &self.p.w);
                            break 'donor;
                        }
                    }
                }
            }
            assign = p2.assign.clone();
            let ok_locks =
                (0..n).all(|v| self.p.locked[v] == NONE || assign[v] == self.p.locked[v]);
            let (_, count) = g.components(|a, b| assign[a as usize] == assign[b as usize]);
            let nonempty = p2.members.iter().all(|m| !m.is_empty());
            if ok_locks && count == self.k && nonempty {
                *plan = p2;
                return Ok(());
            }
            if round + 1 == 4 + 2 * self.k {
                let bad = (0..n)
                    .find(|&v| self.p.locked[v] != NONE && assign[v] != self.p.locked[v])
                    .map_or(0, |v| self.p.locked[v]);
                return Err(LockFailure(bad));
            }
        }
        unreachable!()
    }
}
