#include "sim/batch/store_identity.h"

#include "sim/batch/results_store.h"
#include "sim/batch/sha256.h"
#include "sim/batch/store_schema.h"
#include "sim/version.h"

namespace discolab::batch {
namespace {

std::string value(const Meta& meta, const char* key) {
  const auto it = meta.find(key);
  return it == meta.end() ? std::string("(none)") : it->second;
}

}  // namespace

Meta plan_meta(const Plan& plan, const Shard& shard) {
  return {{meta_key::schema_version, std::string(kStoreSchemaVersion)},
          {meta_key::batch, plan.sweep.name},
          {meta_key::sweep_path, plan.sweep.path},
          {meta_key::sweep_text, plan.sweep.text},
          {meta_key::base_scenario_path, plan.scenario_path},
          {meta_key::base_scenario_sha256, sha256_hex(plan.scenario_text)},
          {meta_key::discolab_version, kVersion},
          {meta_key::created_utc, utc_now()},
          {meta_key::plan_size, std::to_string(plan.runs.size())},
          {meta_key::shard, shard.text()},
          {meta_key::engine, plan.engine}};
}

std::optional<std::string> identity_mismatch(const Meta& have, const Meta& want,
                                             const std::string& store) {
  using namespace meta_key;
  auto differs = [&](const char* key) { return value(have, key) != value(want, key); };
  if (differs(schema_version))
    return store + " has store schema version " + value(have, schema_version) + ", not " +
           value(want, schema_version);
  if (differs(discolab_version))
    return store + " was written by discolab " + value(have, discolab_version) + ", not " +
           value(want, discolab_version) + "; runs of two versions are not mixed in one store";
  if (differs(sweep_text))
    return store + " holds the runs of another sweep (" + value(have, sweep_path) +
           " as it was then); the sweep file's text differs";
  if (differs(base_scenario_sha256))
    return store + " holds runs of another base scenario: " + value(want, base_scenario_path) +
           " changed since the store was made";
  if (differs(engine))
    return store + " holds runs of engine " + value(have, engine) + ", not " + value(want, engine);
  return std::nullopt;
}

}  // namespace discolab::batch
