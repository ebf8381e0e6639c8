fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let e = castlist::cast::Engine::builtin();
    let d = e.analyze(&text);
    for (i, ent) in d.entities().enumerate() {
        let ev = d.evidence(i).unwrap();
        println!(
            "E{i} {:?} {:?} {:?} ini={:?} g={:?} titles={:?} al={:?}",
            ent.name,
            ent.kind,
            ent.key,
            ev.initials,
            ev.gender,
            ev.titles().collect::<Vec<_>>(),
            ev.aliases().collect::<Vec<_>>()
        );
    }
    for m in &d.mentions {
        println!(
            "  {:?} -> E{} unc={}",
            &text[m.start..m.end],
            m.entity,
            m.uncertain
        );
    }
}
