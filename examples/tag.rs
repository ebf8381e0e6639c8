//! `castlist tag --quotes` as an example, for trying the engine without the
//! binary: `cargo run --release --example tag < FILE`.
fn main() -> std::io::Result<()> {
    let engine = castlist::cast::Engine::builtin();
    castlist::commands::tag::run(
        &engine,
        true,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout(),
    )
}
