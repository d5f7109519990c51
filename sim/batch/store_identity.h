// Which batch a store holds, and refusing to mix two: a store is the results of one sweep
// file (its text), one base scenario (its bytes), one engine and one discolab version. Used when
// `batch` opens an existing store and when `merge` combines stores.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "sim/batch/plan.h"

namespace discolab::batch {

using Meta = std::map<std::string, std::string>;

// The meta of a new store for `plan` (shard: "" or "K/N").
Meta plan_meta(const Plan& plan, const Shard& shard);

// Why a store with meta `have` (at `store`, for messages) cannot take the runs of `want`, or
// nullopt when it can. Compares schema version, discolab version, sweep text, base scenario and
// engine — not the shard.
std::optional<std::string> identity_mismatch(const Meta& have, const Meta& want,
                                             const std::string& store);

}  // namespace discolab::batch
