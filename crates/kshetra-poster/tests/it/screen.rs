//! Print and screen agree: the poster made from the app's plan view uses the view's ward graph
//! (the officer's tolerance and links) and colours, so every ward is printed in its screen
//! colour and the printed areas' neighbours are the screen's.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use kshetra_core::adjacency::{connectivity, AdjacencyOptions};
use kshetra_core::i18n::Lang;
use kshetra_core::project::view::{Fill, PlanView, ViewContext};
use kshetra_core::project::{Edit, Organiser, Project};
use kshetra_poster::style::fill_ref;
use kshetra_poster::{
    poster_input, render_poster_prepared, Paper, PosterOptions, Prepared, ProjectView,
};

use crate::{fixture, xml};

#[test]
fn printed_colours_and_neighbours_are_the_screens() {
    for (id, k) in [("lucknow", 14), ("bhopal", 9), ("bhubaneswar", 6)] {
        let map = fixture::city_map(id);
        // Not the poster's old defaults: a wider tolerance, and a link the officer added
        // between the first and the last ward (far apart).
        let n = map.wards().len();
        let link = (map.wards()[0].number.clone(), map.wards()[n - 1].number.clone());
        let options = AdjacencyOptions { tolerance_m: 25.0, ..AdjacencyOptions::default() };
        let conn = Arc::new(connectivity(&map, &options, std::slice::from_ref(&link)));

        // Organisers whose ids are not their display positions: one removed, one moved.
        let mut project = Project::new(id, id);
        let people = (0..=k).map(|i| Organiser::new(format!("CO {i}"))).collect();
        project.apply(&map, Edit::AddOrganisers(people)).unwrap();
        let gone = project.organisers[1].id;
        project.apply(&map, Edit::RemoveOrganiser { id: gone }).unwrap();
        let last = project.organisers[k - 1].id;
        project.apply(&map, Edit::MoveOrganiser { id: last, to: 0 }).unwrap();
        let ids: Vec<u32> = project.organisers.iter().map(|o| o.id).collect();
        let strips = fixture::strips(&map, k);
        let assignment: BTreeMap<String, u32> = strips
            .iter()
            .enumerate()
            .filter_map(|(w, a)| a.map(|a| (map.wards()[w].number.clone(), ids[a])))
            .collect();
        project.apply(&map, Edit::ApplyPlan { assignment }).unwrap();

        let poor = Arc::new(vec![100.0; n]);
        let cx = ViewContext {
            map_id: 1,
            map_revision: 0,
            map: &map,
            connectivity: Some(&conn),
            poor: &poor,
            lang: Lang::En,
            selected: None,
            outlines: false,
        };
        let view = PlanView::fresh(&project, &cx);
        let from = ProjectView {
            map: &map,
            graph: &conn.graph,
            project: &project,
            poor: &poor,
            colours: Some(view.colours()),
            print_mobiles: false,
        };
        let input = poster_input(from, Default::default(), Default::default(), vec![]);
        // Without the view's colours the poster works out the same ones from the graph.
        let own = poster_input(
            ProjectView { colours: None, ..from },
            Default::default(),
            Default::default(),
            vec![],
        );
        assert_eq!(input.colours, own.colours, "{id}: colours from the graph differ");

        // Every ward printed in its screen colour.
        let prep = Prepared::new(&input);
        let svg = render_poster_prepared(&prep, &PosterOptions::new(Paper::A3));
        let els = xml::parse(&svg).unwrap();
        let printed: Vec<&str> = els
            .iter()
            .filter(|e| e.name == "path" && e.inside("wards"))
            .filter_map(|e| e.attr("fill"))
            .collect();
        assert_eq!(printed.len(), n, "{id}: one path per ward");
        let mut colours_used = BTreeSet::new();
        for (w, style) in view.styles().iter().enumerate() {
            let Fill::Area(c) = style.fill else { panic!("{id}: ward {w} unassigned on screen") };
            colours_used.insert(c);
            assert_eq!(printed[w], fill_ref(c, false), "{id}: ward {w} prints another colour");
        }
        assert!(colours_used.len() >= 3, "{id}: a real colouring, not one colour");

        // The printed areas touch exactly where the screen's do (by display position).
        let sets = view.area_adjacency().expect("graph given").sets();
        let pos = |id: &u32| ids.iter().position(|i| i == id).unwrap();
        for (a, ns) in prep.area_neighbours.iter().enumerate() {
            let screen: Vec<usize> =
                sets[&ids[a]].iter().map(pos).collect::<BTreeSet<_>>().into_iter().collect();
            assert_eq!(ns, &screen, "{id}: neighbours of area {a}");
        }
        let (first, last) = (strips[0].unwrap(), strips[n - 1].unwrap());
        if first != last {
            assert!(
                prep.area_neighbours[first].contains(&last),
                "{id}: the officer's link makes areas {first} and {last} neighbours"
            );
        }
    }
}
