//! Tantivy index: schema, Vietnamese analyzer, writing and querying records. (Being built.)
