#include "sim/batch/store_merge.h"

#include <map>
#include <memory>
#include <stdexcept>

#include "sim/batch/results_store.h"
#include "sim/batch/store_identity.h"
#include "sim/batch/store_schema.h"

namespace discolab::batch {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRunTables[] = {"runs", "params", "figures", "timeseries"};

Meta read_meta(Database& db) {
  Meta meta;
  Statement s = db.prepare("SELECT key, value FROM meta");
  while (s.step()) meta[s.text(0)] = s.text(1);
  return meta;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// Copies every row of `key` from the input's tables into the output's.
void copy_run(Database& from, Database& to, const std::string& key) {
  for (const char* table : kRunTables) {
    Statement select = from.prepare(std::string("SELECT * FROM ") + table + " WHERE run_key = ?");
    select.bind(1, key);
    std::string marks;  // the column count is known once prepared
    for (int i = 0; i < select.columns(); ++i) marks += i == 0 ? "?" : ",?";
    Statement insert = to.prepare(std::string("INSERT INTO ") + table + " VALUES (" + marks + ")");
    while (select.step()) {
      insert.bind_row(select);
      insert.run();
    }
  }
}

}  // namespace

MergeResult merge_stores(const fs::path& out, const std::vector<fs::path>& inputs) {
  if (inputs.empty()) throw std::invalid_argument("merge: no input stores");
  std::vector<std::unique_ptr<Database>> sources;
  std::vector<Meta> metas;
  for (const fs::path& in : inputs) {
    if (!fs::is_regular_file(in)) throw std::invalid_argument("merge: no store " + in.string());
    if (same_file(in, out))
      throw std::invalid_argument("merge: " + in.string() + " is also the output");
    sources.push_back(std::make_unique<Database>(in, false));
    Meta meta;
    try {
      meta = read_meta(*sources.back());
    } catch (const std::exception&) {
      throw std::invalid_argument("merge: " + in.string() + " is not a discolab results store");
    }
    if (!metas.empty())
      if (auto why = identity_mismatch(meta, metas.front(), in.string()))
        throw std::invalid_argument("merge: " + *why + " (first input: " + inputs.front().string() +
                                    "); only stores of one batch merge");
    metas.push_back(std::move(meta));
  }
  const bool existed = fs::exists(out);
  if (existed) {
    Database db(out, false);
    if (auto why = identity_mismatch(read_meta(db), metas.front(), out.string()))
      throw std::invalid_argument("merge: " + *why + "; choose a new --out");
  }

  ResultsStore store(out, true);
  Database& db = store.db();
  MergeResult result;
  Transaction t(db);
  std::map<std::string, std::string> have = [&] {
    std::map<std::string, std::string> s;
    Statement q = db.prepare("SELECT run_key, status FROM runs");
    while (q.step()) s[q.text(0)] = q.text(1);
    return s;
  }();
  Statement remove = db.prepare("DELETE FROM runs WHERE run_key = ?");
  for (auto& source : sources) {
    Statement runs = source->prepare("SELECT run_key, status FROM runs ORDER BY plan_index");
    while (runs.step()) {
      const std::string key = runs.text(0), status = runs.text(1);
      const auto it = have.find(key);
      if (it != have.end() && (it->second == "ok" || status != "ok")) {
        ++result.duplicates;
        continue;
      }
      if (it != have.end()) {
        remove.bind(1, key).run();  // the cascade takes its params
        ++result.replaced;
      } else {
        ++result.copied;
      }
      copy_run(*source, db, key);
      have[key] = status;
    }
  }
  Meta meta = existed ? read_meta(db) : metas.front();
  meta[meta_key::shard] = "";
  Statement set = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : meta) set.bind(1, key).bind(2, value).run();
  t.commit();
  for (const auto& [key, status] : have) (status == "ok" ? result.ok : result.failed) += 1;
  result.total = have.size();
  return result;
}

}  // namespace discolab::batch
