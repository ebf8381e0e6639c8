//! Debug: per-document entities with a given key across a collection.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let key = &args[1];
    let corpus = castlist::corpus::load::load_paths(
        &[std::path::PathBuf::from(&args[2])],
        &Default::default(),
    )
    .unwrap();
    let e = castlist::cast::Engine::builtin();
    for a in &corpus.articles {
        let text = a.document();
        let d = e.analyze(&text);
        for (i, ent) in d.entities().enumerate() {
            if ent.key == key {
                let ms: Vec<&str> = d
                    .mentions
                    .iter()
                    .filter(|m| m.entity == i)
                    .map(|m| &text[m.start..m.end])
                    .collect();
                println!("{:?} {:?} {:?} | {}", ent.kind, ent.name, ms, a.title);
            }
        }
    }
}
