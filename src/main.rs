//! The `kg` binary: a thin shell around [`kg::run::main`].

fn main() -> std::process::ExitCode {
    kg::run::main()
}
