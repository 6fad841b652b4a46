//! The seeds: the real binary over `seeds/` must give `seeds/expected/`
//! byte for byte.

use std::fs;

use crate::util::{Dir, repo};

#[test]
fn cleaned_seeds_equal_the_expected_outputs() {
    let dir = Dir::new("seeds");
    let out = dir.path("cleaned");
    dir.run(&[
        "clean",
        repo().join("seeds").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let expected_dir = repo().join("seeds/expected");
    let mut expected: Vec<_> = fs::read_dir(&expected_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let mut cleaned: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    expected.sort();
    cleaned.sort();
    assert_eq!(
        cleaned, expected,
        "cleaned/ must hold exactly the files of seeds/expected/"
    );
    assert_eq!(expected.len(), 5);
    for name in expected {
        let want = fs::read_to_string(expected_dir.join(&name)).unwrap();
        let got = fs::read_to_string(out.join(&name)).unwrap();
        assert!(
            got == want,
            "{name:?} differs from seeds/expected:\n--- got\n{got}\n--- want\n{want}"
        );
    }
}

#[test]
fn cleaning_the_expected_outputs_changes_nothing() {
    for entry in fs::read_dir(repo().join("seeds/expected")).unwrap() {
        let path = entry.unwrap().path();
        let dir = Dir::new("idempotent");
        let run = dir.run(&["clean", path.to_str().unwrap()]);
        run.expect_code(0);
        assert_eq!(
            run.stdout(),
            fs::read_to_string(&path).unwrap(),
            "{}",
            path.display()
        );
    }
}
