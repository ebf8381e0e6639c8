//! The README's key table must say what the keymap does. After changing the
//! keymap, `CASTLIST_BLESS=1 cargo test --test readme` writes the table anew.

use castlist::keymap::Keymap;

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- keys:start -->")
        .expect("README has a key table");
    let end = readme
        .find("<!-- keys:end -->")
        .expect("README key table ends");
    let table = &readme[start..end];
    let mut expected = String::from("<!-- keys:start -->\n");
    for (i, (context, bindings)) in Keymap::builtin().help_sections().enumerate() {
        if i > 0 {
            expected.push('\n');
        }
        expected.push_str(&format!("| {} | |\n|---|---|\n", context.title()));
        for (action, keys) in &bindings.entries {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            expected.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" / "),
                action.describe()
            ));
        }
    }
    if std::env::var_os("CASTLIST_BLESS").is_some() && table != expected {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        table, expected,
        "regenerate the README key table: CASTLIST_BLESS=1 cargo test --test readme"
    );
}
