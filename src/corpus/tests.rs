use super::*;
use crate::parse::match_key;

fn small() -> CorpusConfig {
    CorpusConfig {
        plans: 200,
        seed: 42,
        ..Default::default()
    }
}

#[test]
fn same_seed_gives_the_same_archive() {
    let a = generate(&small());
    let b = generate(&small());
    assert_eq!(a, b);
    let c = generate(&CorpusConfig {
        seed: 43,
        ..small()
    });
    assert_ne!(a[10].text, c[10].text);
}

#[test]
fn hierarchy_is_province_bloc_unit_with_parents_first() {
    let plans = generate(&small());
    assert_eq!(plans.len(), 200);
    let index_of: std::collections::HashMap<&str, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel_path.as_str(), i))
        .collect();
    assert_eq!(index_of.len(), 200, "paths are unique");
    let mut levels = std::collections::HashMap::new();
    for (i, p) in plans.iter().enumerate() {
        let t = &p.truth;
        *levels.entry(t.level).or_insert(0) += 1;
        match (&t.parent_path, t.level) {
            (None, Level::Province) => {
                assert!(t.roots.contains(t.parent_number.as_ref().unwrap()));
            }
            (Some(parent), level) => {
                let pi = index_of[parent.as_str()];
                assert!(pi < i, "parent before child");
                let parent = &plans[pi].truth;
                let want = if level == Level::Bloc {
                    Level::Province
                } else {
                    Level::Bloc
                };
                assert_eq!(parent.level, want);
                assert_eq!(parent.province, t.province);
                assert_eq!(Some(&parent.number), t.parent_number.as_ref());
                assert_eq!(Some(&parent.date), t.parent_date.as_ref());
                assert!(parent.date < t.date);
                assert_eq!(parent.roots, t.roots);
            }
            (None, level) => panic!("{level:?} plan without a parent"),
        }
        assert!(t.cited.contains(t.parent_number.as_ref().unwrap()));
        for root in &t.roots {
            assert!(
                t.cited.contains(root),
                "{} cites its root {root}",
                t.rel_path
            );
        }
        assert!(!t.deadlines.is_empty());
    }
    assert!(levels[&Level::Province] >= 5);
    assert!(levels[&Level::Bloc] >= 20);
    assert!(levels[&Level::Unit] >= 80);
}

#[test]
fn numbers_repeat_across_provinces_and_some_spellings_are_damaged() {
    let plans = generate(&CorpusConfig {
        plans: 1000,
        ..small()
    });
    let mut provinces_of =
        std::collections::HashMap::<&str, std::collections::HashSet<&str>>::new();
    for p in &plans {
        provinces_of
            .entry(p.truth.number.as_str())
            .or_default()
            .insert(p.truth.province.as_str());
    }
    assert!(provinces_of.values().any(|s| s.len() > 1));
    let damaged: Vec<&String> = plans.iter().flat_map(|p| &p.truth.damaged).collect();
    assert!(damaged.len() > 50, "{}", damaged.len());
    for d in damaged {
        let canonical_key = plans
            .iter()
            .flat_map(|p| p.truth.cited.iter().chain([&p.truth.number]))
            .find(|c| match_key(c) == match_key(d));
        assert!(
            canonical_key.is_some(),
            "damaged {d:?} keys to a real number"
        );
    }
}

#[test]
fn text_holds_the_template_pieces_the_truth_names() {
    for p in generate(&CorpusConfig {
        wrap_rate: 0.0,
        ..small()
    }) {
        let t = &p.truth;
        assert!(p.text.contains(&t.opening), "{}", t.rel_path);
        assert!(p.text.contains(&format!("Số {}", t.number_as_written)));
        assert!(p.text.contains(t.parent_as_written.as_deref().unwrap()));
        assert!(p.text.contains(&t.signer.name));
        for d in &t.deadlines {
            assert!(p.text.contains(&d.text), "{:?} in {}", d.text, t.rel_path);
        }
        for d in &t.damaged {
            assert!(p.text.contains(d.as_str()), "{d:?} in {}", t.rel_path);
        }
    }
}

#[test]
fn write_corpus_writes_files_and_truth() {
    let dir = tempfile::tempdir().unwrap();
    let plans = generate(&CorpusConfig {
        plans: 20,
        ..small()
    });
    write_corpus(dir.path(), &plans).unwrap();
    let truth = read_truth(dir.path()).unwrap();
    assert_eq!(truth.len(), 20);
    for (p, t) in plans.iter().zip(&truth) {
        assert_eq!(&p.truth, t);
        let on_disk = std::fs::read_to_string(dir.path().join(&t.rel_path)).unwrap();
        assert_eq!(on_disk, p.text);
    }
}
