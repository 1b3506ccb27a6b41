//! Helpers for the crate's own tests: its unit tests, and the tests in
//! `tests/` that include this file by path.

use proptest::test_runner::{Config, RngSeed};

/// Property tests draw from a fixed seed, so a run gives the same verdict
/// on every machine and a failure seen once can be seen again. Set
/// `PROPTEST_RNG_SEED` to another number to explore other inputs.
pub const SEED: u64 = 0x006b_6568_6f61_6368;

/// A property test's config: `cases` inputs from [`SEED`], or from
/// `PROPTEST_RNG_SEED` when set; `PROPTEST_CASES` overrides `cases`.
pub fn proptest_config(cases: u32) -> Config {
    let from_env = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            from_env.cases
        } else {
            cases
        },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            from_env.rng_seed
        } else {
            RngSeed::Fixed(SEED)
        },
        ..from_env
    }
}
