// `discolab merge`: the stores of a batch's shards (or of any runs of the same batch) made into
// one, in one transaction.
//
// Every input must hold the same batch: the same schema version, sweep text, base scenario,
// engine and discolab version (store_identity.h); otherwise nothing is written. Runs are
// deduplicated by run_key: an 'ok' row wins over a 'failed' one, and of two rows with the same
// status the first kept wins. The output's meta is the first input's with shard cleared; an
// existing output store of the same batch is merged into.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

namespace discolab::batch {

struct MergeResult {
  std::size_t copied = 0;                     // runs taken from the inputs
  std::size_t replaced = 0;                   // 'failed' rows replaced by 'ok' ones
  std::size_t duplicates = 0;                 // runs already there (skipped)
  std::size_t total = 0, ok = 0, failed = 0;  // in the output afterwards
};

// Throws std::invalid_argument (bad input: a missing or mismatched store) before writing.
MergeResult merge_stores(const std::filesystem::path& out,
                         const std::vector<std::filesystem::path>& inputs);

}  // namespace discolab::batch
