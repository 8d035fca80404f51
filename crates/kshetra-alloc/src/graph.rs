//! Compressed adjacency (CSR) and connected components.

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

#[cfg(test)]
mod tests {
    use super::Csr;

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
}
