//! The `kehoach` command: a thin layer that parses arguments, calls the
//! library and prints. All real work lives in the library crate.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
