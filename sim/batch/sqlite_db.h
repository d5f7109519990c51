// A thin RAII layer over SQLite's C API: a connection, prepared statements, transactions.
// Every failure throws std::runtime_error with SQLite's message and the file's name.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace discolab::batch {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1; a nullopt binds NULL.
  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, std::int64_t value);
  Statement& bind(int i, std::optional<double> value);
  Statement& bind(int i, const std::optional<std::string>& text);
  // True while there is a row to read.
  bool step();
  // step() over a statement that returns no rows, then reset for the next use.
  void run();
  void reset();

  std::string text(int column) const;  // "" for NULL
  std::int64_t integer(int column) const;
  std::optional<double> real(int column) const;  // nullopt for NULL
  bool is_null(int column) const;
  int columns() const;
  // Binds the current row of `from`, column i to parameter i + 1 (copying a row as it is).
  void bind_row(const Statement& from);

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (creating when `create`) the database file.
  Database(const std::filesystem::path& file, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  const std::filesystem::path& file() const { return file_; }

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

// BEGIN IMMEDIATE … COMMIT; rolled back when left without commit() (an exception).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace discolab::batch
