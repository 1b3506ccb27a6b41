//! Generator of realistic plan archives (province → bloc → unit) with a truth file, for tests and benchmarks. (Being built.)
