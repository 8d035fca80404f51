//! Compressed adjacency (CSR), connected components, the breadth-first search used across
//! the engine ([`Bfs`]) and the weighted graph the refinements work on ([`Instance`]).

/// Undirected graph in compressed sparse row form; neighbour lists are sorted and unique.
#[derive(Debug, Clone)]
pub(crate) struct Csr {
    pub(crate) xadj: Vec<u32>,
    pub(crate) adj: Vec<u32>,
}

impl Csr {
    /// Builds the graph on `n` nodes, dropping self-loops and duplicate edges.
    pub(crate) fn from_edges(n: usize, edges: impl Iterator<Item = (u32, u32)> + Clone) -> Csr {
        let mut deg = vec![0u32; n + 1];
        for (a, b) in edges.clone() {
            if a != b {
                deg[a as usize] += 1;
                deg[b as usize] += 1;
            }
        }
        let mut xadj = vec![0u32; n + 1];
        for i in 0..n {
            xadj[i + 1] = xadj[i] + deg[i];
        }
        let mut fill = xadj.clone();
        let mut adj = vec![0u32; xadj[n] as usize];
        for (a, b) in edges {
            if a != b {
                adj[fill[a as usize] as usize] = b;
                fill[a as usize] += 1;
                adj[fill[b as usize] as usize] = a;
                fill[b as usize] += 1;
            }
        }
        // Sort and dedupe each list, then compact.
        let mut out_x = vec![0u32; n + 1];
        let mut out = Vec::with_capacity(adj.len());
        for i in 0..n {
            let s = &mut adj[xadj[i] as usize..xadj[i + 1] as usize];
            s.sort_unstable();
            let mut last = u32::MAX;
            for &v in s.iter() {
                if v != last {
                    out.push(v);
                    last = v;
                }
            }
            out_x[i + 1] = out.len() as u32;
        }
        Csr { xadj: out_x, adj: out }
    }

    pub(crate) fn n(&self) -> usize {
        self.xadj.len() - 1
    }

    #[inline]
    pub(crate) fn nbrs(&self, v: u32) -> &[u32] {
        &self.adj[self.xadj[v as usize] as usize..self.xadj[v as usize + 1] as usize]
    }

    /// Connected components of the subgraph keeping only edges `keep(a, b)`; component ids are
    /// numbered in order of their smallest node.
    pub(crate) fn components(&self, keep: impl Fn(u32, u32) -> bool) -> (Vec<u32>, usize) {
        let n = self.n();
        let mut comp = vec![u32::MAX; n];
        let mut count = 0;
        let mut stack = Vec::new();
        for s in 0..n as u32 {
            if comp[s as usize] != u32::MAX {
                continue;
            }
            comp[s as usize] = count as u32;
            stack.push(s);
            while let Some(v) = stack.pop() {
                for &u in self.nbrs(v) {
                    if comp[u as usize] == u32::MAX && keep(v, u) {
                        comp[u as usize] = count as u32;
                        stack.push(u);
                    }
                }
            }
            count += 1;
        }
        (comp, count)
    }

    /// The subgraph induced by `nodes` (local ids = positions in `nodes`).
    pub(crate) fn induced(&self, nodes: &[u32], local: &mut [u32]) -> Csr {
        for (i, &v) in nodes.iter().enumerate() {
            local[v as usize] = i as u32;
        }
        let mut xadj = Vec::with_capacity(nodes.len() + 1);
        xadj.push(0u32);
        let mut adj = Vec::new();
        for &v in nodes {
            for &u in self.nbrs(v) {
                let l = local[u as usize];
                if (l as usize) < nodes.len() && nodes[l as usize] == u {
                    adj.push(l);
                }
            }
            xadj.push(adj.len() as u32);
        }
        Csr { xadj, adj }
    }
}

/// One piece as the refinements (annealing, multilevel) see it.
#[derive(Clone, Copy)]
pub(crate) struct Instance<'a> {
    pub(crate) g: &'a Csr,
    /// Per node: its weight.
    pub(crate) w: &'a [f64],
    /// Per part: its target weight.
    pub(crate) targets: &'a [f64],
    /// Per node: the part it is locked to, or `u32::MAX`.
    pub(crate) locked: &'a [u32],
}

/// What a breadth-first search does with an unvisited node it reaches over an edge (see
/// [`Bfs::search`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Leave it out (it may still be reached later over another edge).
    Skip,
    /// Visit it: it is marked, its predecessor recorded and it is queued.
    Enter,
    /// Visit it, then end the search once the node being expanded has had all its edges
    /// scanned (they are still counted and offered to `reach`).
    Finish,
    /// Visit it and end the search at once.
    Stop,
}

/// How a search ended.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    /// The node whose [`Reach::Stop`] or [`Reach::Finish`] ended the search, if any.
    pub(crate) at: Option<u32>,
    /// Edges scanned, to visited nodes too (the work the search did).
    pub(crate) edges: u64,
}

/// Breadth-first search whose buffers (visit marks by epoch, the queue, predecessors) are kept
/// from one search to the next: once they have grown to the graph's size, a search allocates
/// nothing and costs nothing for nodes it does not reach.
pub(crate) struct Bfs {
    mark: Vec<u32>,
    epoch: u32,
    queue: Vec<u32>,
    prev: Vec<u32>,
}

impl Bfs {
    /// A search for graphs of up to `n` nodes (it grows for larger ones).
    pub(crate) fn new(n: usize) -> Bfs {
        Bfs { mark: vec![0; n], epoch: 0, queue: Vec::new(), prev: vec![u32::MAX; n] }
    }

    /// Searches nodes `0..n` breadth-first from `start`: nodes are expanded in the order they
    /// were reached, the edges of each in the order `nbrs` yields its neighbours. For each
    /// neighbour not visited yet, `reach(u)` decides ([`Reach`]); the start is visited.
    pub(crate) fn search<I>(
        &mut self,
        n: usize,
        start: u32,
        mut nbrs: impl FnMut(u32) -> I,
        mut reach: impl FnMut(u32) -> Reach,
    ) -> Found
    where
        I: IntoIterator<Item = u32>,
    {
        if self.mark.len() < n {
            self.mark.resize(n, 0);
            self.prev.resize(n, u32::MAX);
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
        let e = self.epoch;
        self.mark[start as usize] = e;
        self.prev[start as usize] = u32::MAX;
        self.queue.clear();
        self.queue.push(start);
        let mut found = Found { at: None, edges: 0 };
        let mut head = 0;
        while head < self.queue.len() && found.at.is_none() {
            let x = self.queue[head];
            head += 1;
            for u in nbrs(x) {
                found.edges += 1;
                if self.mark[u as usize] == e {
                    continue;
                }
                let r = reach(u);
                if r == Reach::Skip {
                    continue;
                }
                self.mark[u as usize] = e;
                self.prev[u as usize] = x;
                self.queue.push(u);
                match r {
                    Reach::Stop => return Found { at: Some(u), ..found },
                    Reach::Finish if found.at.is_none() => found.at = Some(u),
                    _ => {}
                }
            }
        }
        found
    }

    /// The nodes the last search visited, in the order it reached them (the start first).
    pub(crate) fn order(&self) -> &[u32] {
        &self.queue
    }

    /// The last search's path to `v` (a visited node), backwards: `v`, its predecessor, …, the
    /// start.
    pub(crate) fn path_back(&self, v: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(v), |&x| Some(self.prev[x as usize]).filter(|&p| p != u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::{Bfs, Csr, Reach};

    #[test]
    fn builds_sorted_unique_lists_and_components() {
        let edges = [(0u32, 1u32), (1, 0), (1, 2), (2, 2), (3, 4)];
        let g = Csr::from_edges(5, edges.iter().copied());
        assert_eq!(g.nbrs(1), &[0, 2]);
        assert_eq!(g.nbrs(2), &[1]);
        let (comp, count) = g.components(|_, _| true);
        assert_eq!(count, 2);
        assert_eq!(comp, vec![0, 0, 0, 1, 1]);
        let mut local = vec![u32::MAX; 5];
        let sub = g.induced(&[2, 1], &mut local);
        assert_eq!(sub.nbrs(0), &[1]);
        assert_eq!(sub.nbrs(1), &[0]);
    }

    #[test]
    fn bfs_visits_in_breadth_first_order_and_reuses_its_buffers() {
        // 0 - 1 - 2 - 3, and 0 - 4 - 3.
        let edges = [(0u32, 1u32), (1, 2), (2, 3), (0, 4), (4, 3)];
        let g = Csr::from_edges(5, edges.iter().copied());
        let mut bfs = Bfs::new(2);
        let all = bfs.search(5, 0, |x| g.nbrs(x).iter().copied(), |_| Reach::Enter);
        assert_eq!(bfs.order(), &[0, 1, 4, 2, 3]);
        assert_eq!((all.at, all.edges), (None, 10));
        assert_eq!(bfs.path_back(3).collect::<Vec<_>>(), vec![3, 4, 0]);
        // A filter, then a stop: the marks of the previous search are forgotten.
        let stop = bfs.search(
            5,
            0,
            |x| g.nbrs(x).iter().copied(),
            |u| match u {
                4 => Reach::Skip,
                3 => Reach::Stop,
                _ => Reach::Enter,
            },
        );
        assert_eq!(stop.at, Some(3));
        assert_eq!(bfs.path_back(3).collect::<Vec<_>>(), vec![3, 2, 1, 0]);
        // Finish: the node being expanded has all its edges scanned, then the search ends.
        let fin = bfs.search(
            5,
            0,
            |x| g.nbrs(x).iter().copied(),
            |u| if u == 1 { Reach::Finish } else { Reach::Enter },
        );
        assert_eq!((fin.at, fin.edges), (Some(1), 2));
        assert_eq!(bfs.order(), &[0, 1, 4]);
    }
}
