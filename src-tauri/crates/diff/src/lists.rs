//! Matching two versions of a list: items pair up by (stable id, occurrence), and the items
//! reported as moved are the fewest that explain the new order, preferring to keep in place the
//! ones that travelled least (a longest increasing subsequence of old positions, found with a
//! Fenwick tree).

use std::collections::HashMap;

use almanac_guide::ListItem;

/// Items keyed by (id, occurrence), so duplicate ids in a draft still pair up in order.
fn keys<T: ListItem>(items: &[T]) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .map(|it| {
            let n = seen.entry(it.item_id()).or_insert(0);
            *n += 1;
            (it.item_id().to_string(), *n - 1)
        })
        .collect()
}

/// Indices (into `seq`) of a longest strictly increasing subsequence of `seq`. Among the
/// longest, the one with the least total `cost` is chosen, so that the items reported as moved
/// are the ones that travelled furthest. O(n log n) with a Fenwick tree of prefix maxima over
/// values.
pub(crate) fn longest_increasing(seq: &[usize], cost: &[u64]) -> Vec<usize> {
    debug_assert_eq!(seq.len(), cost.len());
    let size = seq.iter().max().map_or(0, |m| m + 1);
    // Best chain ending at a value: (length, -cost, index of its last element).
    type Best = (usize, i64, usize);
    let mut tree: Vec<Option<Best>> = vec![None; size + 1];
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    let mut best_all: Option<Best> = None;
    for (k, &v) in seq.iter().enumerate() {
        // Prefix maximum over values < v (Fenwick positions 1..=v).
        let mut found: Option<Best> = None;
        let mut pos = v;
        while pos > 0 {
            found = found.max(tree[pos]);
            pos &= pos - 1;
        }
        let here: Best = match found {
            Some((len, neg, last)) => {
                prev[k] = Some(last);
                (len + 1, neg - cost[k] as i64, k)
            }
            None => (1, -(cost[k] as i64), k),
        };
        best_all = best_all.max(Some(here));
        let mut pos = v + 1;
        while pos <= size {
            tree[pos] = tree[pos].max(Some(here));
            pos += pos & pos.wrapping_neg();
        }
    }
    let mut out = Vec::new();
    let mut cur = best_all.map(|b| b.2);
    while let Some(k) = cur {
        out.push(k);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// A list in review order, as (old index, new index) pairs: the new items in new order, and
/// each removed item right after the new place of the nearest earlier old item that is still
/// there (first, if none). Items match by (id, occurrence), so duplicate ids in a draft still
/// pair up in order.
pub(crate) fn merged_order<T: ListItem>(
    old: &[T],
    new: &[T],
) -> Vec<(Option<usize>, Option<usize>)> {
    let old_keys = keys(old);
    let new_keys = keys(new);
    let old_pos: HashMap<&(String, usize), usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut old_matched = vec![None; old.len()];
    // (sort key, (old index, new index)).
    type Slot = ((i64, u8, usize), (Option<usize>, Option<usize>));
    let mut out: Vec<Slot> = Vec::with_capacity(old.len().max(new.len()));
    for (j, k) in new_keys.iter().enumerate() {
        let i = old_pos.get(k).copied();
        if let Some(i) = i {
            old_matched[i] = Some(j);
        }
        out.push(((j as i64, 0, 0), (i, Some(j))));
    }
    let mut anchor: i64 = -1;
    for (i, m) in old_matched.iter().enumerate() {
        match m {
            Some(j) => anchor = *j as i64,
            None => out.push(((anchor, 1, i), (Some(i), None))),
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, v)| v).collect()
}

/// New indices of the matched items that kept their relative order; the others moved.
pub(crate) fn stayed(order: &[(Option<usize>, Option<usize>)], new_len: usize) -> Vec<bool> {
    // Matched items in new order (the order is sorted by new index for matched items).
    let common: Vec<(usize, usize)> = order.iter().filter_map(|&(o, n)| Some((n?, o?))).collect();
    let olds_in_new_order: Vec<usize> = common.iter().map(|&(_, i)| i).collect();
    let travel: Vec<u64> = common.iter().map(|&(j, i)| j.abs_diff(i) as u64).collect();
    let mut stays = vec![false; new_len];
    for k in longest_increasing(&olds_in_new_order, &travel) {
        stays[common[k].0] = true;
    }
    stays
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    fn lis(seq: &[usize]) -> Vec<usize> {
        longest_increasing(seq, &vec![0; seq.len()])
    }

    #[test]
    fn lis_finds_a_longest_run() {
        assert_eq!(lis(&[]), Vec::<usize>::new());
        assert_eq!(lis(&[0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(lis(&[1, 0]).len(), 1);
        let seq = [3, 0, 1, 4, 2, 5];
        let found = lis(&seq);
        assert_eq!(found.len(), 4);
        assert!(found.windows(2).all(|w| w[0] < w[1] && seq[w[0]] < seq[w[1]]));
    }

    #[test]
    fn lis_keeps_the_items_that_travelled_least() {
        // Old indices in new order; the travel of each is |new - old|.
        let seq = [0, 1, 5, 2, 4, 3];
        let travel: Vec<u64> = seq.iter().enumerate().map(|(j, &i)| j.abs_diff(i) as u64).collect();
        // [0,1,2,4] (travel 1) beats [0,1,2,3] (travel 3): 5 and 3 are the moved ones.
        assert_eq!(longest_increasing(&seq, &travel), vec![0, 1, 3, 4]);
    }
}
