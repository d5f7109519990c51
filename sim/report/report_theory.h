// The report's "Theory beside measurement" section: for every point and pattern of the batch
// to which a closed form applies (sim/theory/closed_forms.h), the theory value beside the
// mean and 95% Student-t interval of what the point's runs measured.
//
// The store keeps each point's parameters, not its scenario: the section reloads the sweep
// file the store names (meta sweep_path, as given to `batch`, so relative to where it ran) and
// rebuilds the plan. When the file is gone or its text differs from the store's sweep_text,
// the section says so instead of guessing.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/report/report_document.h"
#include "sim/report/results_store.h"

namespace discolab::report {

// Appends the section to `doc` when any closed form applies, or a note when the sweep cannot
// be reloaded; nothing when no closed form applies.
void append_theory(const ResultsStore& store, std::vector<Block>& doc);

// A run's figures as the nested summary.json they came from ("a.b" → {"a": {"b": …}}).
nlohmann::json summary_of(const StoredRun& run);

}  // namespace discolab::report
