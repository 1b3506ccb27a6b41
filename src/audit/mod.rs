//! Audit of the plan hierarchy and deadlines over a set of records. (Being built.)
