#include "sim/batch/results_store.h"

#include <chrono>
#include <ctime>

#include "sim/batch/store_schema.h"

namespace discolab::batch {

ResultsStore::ResultsStore(const std::filesystem::path& file, bool create) : db_(file, create) {
  db_.exec(store_pragmas_sql());
  db_.exec(store_schema_sql());
}

std::map<std::string, std::string> ResultsStore::meta() {
  std::map<std::string, std::string> out;
  Statement s = db_.prepare("SELECT key, value FROM meta");
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

void ResultsStore::set_meta(const std::map<std::string, std::string>& values) {
  Transaction t(db_);
  Statement s = db_.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : values) s.bind(1, key).bind(2, value).run();
  t.commit();
}

std::map<std::string, std::string> ResultsStore::statuses() {
  std::map<std::string, std::string> out;
  Statement s = db_.prepare("SELECT run_key, status FROM runs");
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

void ResultsStore::write_run(const RunRecord& run) {
  Transaction t(db_);
  // The cascade removes a retried run's params (and any figures) with its row.
  db_.prepare("DELETE FROM runs WHERE run_key = ?").bind(1, run.run_key).run();
  db_.prepare(
         "INSERT INTO runs(run_key, plan_index, point, pattern, seed, engine, scenario_hash, "
         "version, status, wall_s, error, finished_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, run.run_key)
      .bind(2, static_cast<std::int64_t>(run.plan_index))
      .bind(3, static_cast<std::int64_t>(run.point))
      .bind(4, run.pattern)
      .bind(5, static_cast<std::int64_t>(run.seed))
      .bind(6, run.engine)
      .bind(7, run.scenario_hash)
      .bind(8, run.version)
      .bind(9, std::string_view(run.ok ? "ok" : "failed"))
      .bind(10, run.wall_s)
      .bind(11, run.error)
      .bind(12, run.finished_utc)
      .run();
  Statement param = db_.prepare("INSERT INTO params(run_key, name, value, num) VALUES (?,?,?,?)");
  for (const auto& p : run.params)
    param.bind(1, run.run_key).bind(2, p.name).bind(3, p.value).bind(4, p.num).run();
  Statement figure = db_.prepare("INSERT INTO figures(run_key, figure, value) VALUES (?,?,?)");
  for (const auto& [key, value] : run.figures)
    figure.bind(1, run.run_key).bind(2, key).bind(3, value).run();
  Statement sample =
      db_.prepare("INSERT INTO timeseries(run_key, t_s, column, value) VALUES (?,?,?,?)");
  for (const auto& s : run.timeseries)
    sample.bind(1, run.run_key)
        .bind(2, std::optional<double>(s.t_s))
        .bind(3, s.column)
        .bind(4, s.value)
        .run();
  t.commit();
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace discolab::batch
