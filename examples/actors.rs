//! `castlist actors` as an example, for trying the engine before the binary wires
//! it: `cargo run --release --example actors [-- --json]` on the bundled corpus.
fn main() -> std::io::Result<()> {
    let json = std::env::args().any(|a| a == "--json");
    let engine = castlist::cast::Engine::builtin();
    let corpus = castlist::corpus::bundled();
    let cast = castlist::cast::Cast::build(&engine, &corpus);
    castlist::commands::actors::run(&cast, json, &mut std::io::stdout())
}
