//! Pagination property: many versions sharing one `date_added`, random page sizes and
//! inserts between pages; every object is delivered exactly once, in delivery order.

mod common;

use std::collections::HashSet;

use common::*;
use proptest::prelude::*;
use ward_store::{ObjectQuery, Position, Store};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_object_exactly_once_in_order(
        tied in 1usize..60,
        page_sizes in proptest::collection::vec(1usize..17, 1..40),
        inserts in proptest::collection::vec(0usize..4, 1..40),
    ) {
        let (_dir, store, c) = store_with_collection();
        // All of these share one date_added, in shuffled id order.
        let objs: Vec<_> = (0..tied).rev().map(|n| indicator(n, "2024-01-01T00:00:00.000Z")).collect();
        store.insert_with_date_added(&c, &objs, 1_700_000_000_000_000).unwrap();
        let mut expected: HashSet<String> = objs.iter().map(|o| o.id.clone()).collect();
        let mut next_n = 10_000;
        let mut seen: Vec<Position> = Vec::new();
        let mut after = None;
        let mut turn = 0;
        loop {
            let limit = page_sizes[turn % page_sizes.len()];
            let page = store.query_objects(&c, &ObjectQuery { after: after.clone(), limit, ..Default::default() }).unwrap();
            prop_assert!(page.items.len() <= limit);
            for item in &page.items {
                seen.push(item.position());
            }
            if let Some(last) = page.items.last() {
                after = Some(last.position());
            }
            // Objects added between pages land after everything delivered so far.
            let add = inserts[turn % inserts.len()];
            if turn < 30 {
                let fresh: Vec<_> = (0..add).map(|i| indicator(next_n + i, "2024-01-01T00:00:00.000Z")).collect();
                next_n += add;
                store.add_objects(&c, &fresh, &status("s")).unwrap();
                expected.extend(fresh.iter().map(|o| o.id.clone()));
            }
            turn += 1;
            if !page.more && (turn >= 30 || add == 0) {
                // One more read must find nothing new unless something was just added.
                let tail = store.query_objects(&c, &ObjectQuery { after: after.clone(), limit: 1000, ..Default::default() }).unwrap();
                for item in &tail.items { seen.push(item.position()); }
                break;
            }
        }
        let ids: Vec<&String> = seen.iter().map(|p| &p.id).collect();
        let unique: HashSet<&String> = ids.iter().copied().collect();
        prop_assert_eq!(unique.len(), ids.len(), "an object was delivered twice");
        prop_assert_eq!(unique.len(), expected.len(), "an object was skipped");
        prop_assert!(seen.windows(2).all(|w| w[0] < w[1]), "out of order");
    }
}
