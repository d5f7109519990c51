#include "sim/report/results_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace discolab::report {
namespace {

std::invalid_argument store_error(const std::filesystem::path& path, const std::string& what) {
  return std::invalid_argument(path.string() + ": " + what);
}

// The database handle, opened read-only, closed on every path out.
class Database {
 public:
  explicit Database(const std::filesystem::path& path) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) {
      const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw store_error(path, "cannot open the results store: " + why);
    }
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

// One prepared statement, stepped row by row.
class Query {
 public:
  Query(const Database& db, const char* sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
    if (rc == SQLITE_NOTADB)
      throw store_error(db.path(), "not a discolab results store (not an SQLite database)");
    if (rc != SQLITE_OK)
      throw store_error(
          db.path(), std::string("cannot read the results store: ") + sqlite3_errmsg(db.handle()));
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  bool next() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw store_error(
        db_.path(), std::string("cannot read the results store: ") + sqlite3_errmsg(db_.handle()));
  }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  // A seed: an unsigned 64-bit number stored in SQLite's signed INTEGER (two's complement
  // above 2^63 − 1), or as decimal text.
  std::uint64_t seed(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_INTEGER)
      return static_cast<std::uint64_t>(integer(col));
    const std::string t = text(col);
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size())
      throw store_error(db_.path(), "runs.seed '" + t + "' is not a seed");
    return v;
  }

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::filesystem::path store_file(const std::filesystem::path& given) {
  std::error_code ec;
  if (std::filesystem::is_directory(given, ec)) {
    const auto inside = given / "results.sqlite";
    if (std::filesystem::exists(inside, ec)) return inside;
    throw store_error(given, "a folder without results.sqlite (expected a batch's results store)");
  }
  if (!std::filesystem::exists(given, ec))
    throw store_error(given, "no such file (expected a batch's results.sqlite)");
  return given;
}

void check_schema(const Database& db) {
  {
    Query q(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
    if (!q.next() || q.integer(0) == 0)
      throw store_error(db.path(), "not a discolab results store (it has no meta table)");
  }
  Query q(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!q.next())
    throw store_error(db.path(), "not a discolab results store (meta has no schema_version)");
  const std::string version = q.text(0);
  if (version != std::to_string(kStoreSchemaVersion))
    throw store_error(db.path(), "results store schema version '" + version +
                                     "'; this discolab reads version " +
                                     std::to_string(kStoreSchemaVersion) +
                                     " (export it with the discolab that wrote it)");
}

}  // namespace

std::string ResultsStore::meta_value(const std::string& key, const std::string& fallback) const {
  auto it = meta.find(key);
  return it == meta.end() ? fallback : it->second;
}

ResultsStore load_results_store(const std::filesystem::path& given) {
  ResultsStore store;
  store.path = store_file(given);
  const Database db(store.path);
  check_schema(db);

  for (Query q(db, "SELECT key, value FROM meta ORDER BY key"); q.next();)
    store.meta[q.text(0)] = q.text(1);

  std::unordered_map<std::string, std::size_t> index;
  for (Query q(db,
               "SELECT run_key, plan_index, point, pattern, seed, engine, version, status, error "
               "FROM runs ORDER BY plan_index, run_key");
       q.next();) {
    StoredRun r;
    r.run_key = q.text(0);
    r.plan_index = q.integer(1);
    r.point = q.integer(2);
    r.pattern = q.text(3);
    r.seed = q.seed(4);
    r.engine = q.text(5);
    r.version = q.text(6);
    r.status = q.text(7);
    r.error = q.text(8);
    index.emplace(r.run_key, store.runs.size());
    store.runs.push_back(std::move(r));
  }

  std::set<std::string> params, figures;
  for (Query q(db, "SELECT run_key, name, value, num FROM params ORDER BY run_key, name");
       q.next();) {
    auto it = index.find(q.text(0));
    if (it == index.end()) continue;  // the foreign key forbids it; ignore rather than guess
    ParamValue v{q.text(2), q.is_null(3) ? std::nullopt : std::optional<double>(q.real(3))};
    params.insert(q.text(1));
    store.runs[it->second].params.emplace(q.text(1), std::move(v));
  }
  for (Query q(db, "SELECT run_key, figure, value FROM figures ORDER BY run_key, figure");
       q.next();) {
    auto it = index.find(q.text(0));
    if (it == index.end()) continue;
    figures.insert(q.text(1));
    store.runs[it->second].figures.emplace(
        q.text(1), q.is_null(2) ? std::nullopt : std::optional<double>(q.real(2)));
  }
  store.param_names.assign(params.begin(), params.end());
  store.figure_keys.assign(figures.begin(), figures.end());
  return store;
}

}  // namespace discolab::report
