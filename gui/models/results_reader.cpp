#include "gui/models/results_reader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>

#include "gui/models/csv_reader.h"
#include "gui/models/summary_model.h"
#include "gui/models/time_series_model.h"
#include "sim/compare/comparison.h"

namespace discolab::gui {
namespace {

bool read_json(const QString& path, nlohmann::json& out, QString* error) {
  QByteArray text;
  if (!read_file(path, text, error)) return false;
  out = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
  if (out.is_discarded() || !out.is_object()) {
    if (error != nullptr) *error = path + QStringLiteral(": not a JSON object");
    return false;
  }
  return true;
}

QString string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                          : QString();
}

quint64 seed_of(const nlohmann::json& summary) {
  const auto it = summary.find("seed");
  if (it != summary.end() && it->is_number_unsigned()) return it->get<quint64>();
  if (it != summary.end() && it->is_string())
    return QString::fromStdString(it->get<std::string>()).toULongLong();
  return 0;
}

}  // namespace

bool read_file(const QString& path, QByteArray& out, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error != nullptr) *error = path + QStringLiteral(": ") + file.errorString();
    return false;
  }
  out = file.readAll();
  return true;
}

bool is_results_folder_path(const QString& path) {
  const QDir dir(path);
  return QFileInfo(path).isDir() && (dir.exists(QStringLiteral("comparison.csv")) ||
                                     dir.exists(QStringLiteral("summary.json")));
}

bool load_timeseries_csv(const QString& file, const QString& pattern, quint64 seed,
                         TimeSeriesModel& series, QString* error) {
  QByteArray text;
  if (!read_file(file, text, error)) return false;
  const auto records =
      parse_csv(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
  if (records.empty() || records.front().empty() || records.front().front() != "t_s") {
    if (error != nullptr) *error = file + QStringLiteral(": not a timeseries.csv");
    return false;
  }
  const auto& header = records.front();
  series.addPattern(pattern);
  for (std::size_t i = 1; i < records.size(); ++i) {
    QVariantMap figures;
    for (std::size_t c = 0; c < header.size() && c < records[i].size(); ++c) {
      bool ok = false;
      const double v = QString::fromStdString(records[i][c]).toDouble(&ok);
      figures.insert(QString::fromStdString(header[c]), ok ? QVariant(v) : QVariant());
    }
    series.addInterval(pattern, seed, figures);
  }
  return true;
}

bool load_results_folder(const QString& path, TimeSeriesModel& series, SummaryModel& summary,
                         ResultsContents* contents, QString* error) {
  const QDir dir(path);
  series.clear();
  summary.clear();
  ResultsContents c;
  if (dir.exists(QStringLiteral("comparison.csv"))) {
    c.kind = ResultsContents::Kind::compare;
    nlohmann::json about;
    if (dir.exists(QStringLiteral("compare.json")) &&
        read_json(dir.filePath(QStringLiteral("compare.json")), about, error)) {
      c.scenario = string_at(about, "scenario");
      if (about.contains("patterns") && about["patterns"].is_array())
        for (const auto& p : about["patterns"])
          if (p.is_string()) c.patterns.append(QString::fromStdString(p.get<std::string>()));
    }
    for (const QString& p : c.patterns) series.addPattern(p);
    const QDir runs(dir.filePath(QStringLiteral("runs")));
    for (const QString& name : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      const QDir run(runs.filePath(name));
      nlohmann::json s;
      if (!run.exists(QStringLiteral("summary.json")) ||
          !read_json(run.filePath(QStringLiteral("summary.json")), s, error))
        continue;  // a failed run left no folder, or an unreadable one: the others still show
      const QString pattern = string_at(s, "pattern");
      if (!c.patterns.contains(pattern)) c.patterns.append(pattern);
      if (load_timeseries_csv(run.filePath(QStringLiteral("timeseries.csv")), pattern, seed_of(s),
                              series, error))
        ++c.runs;
    }
    if (!summary.loadFile(dir.filePath(QStringLiteral("comparison.csv")), error)) return false;
  } else if (dir.exists(QStringLiteral("summary.json"))) {
    c.kind = ResultsContents::Kind::run;
    nlohmann::json s;
    if (!read_json(dir.filePath(QStringLiteral("summary.json")), s, error)) return false;
    const QString pattern = string_at(s, "pattern");
    c.patterns = {pattern};
    c.scenario = QFileInfo(path).dir().dirName();
    if (!load_timeseries_csv(dir.filePath(QStringLiteral("timeseries.csv")), pattern, seed_of(s),
                             series, error))
      return false;
    c.runs = 1;
    compare::Comparison comparison({pattern.toStdString()});
    comparison.add(pattern.toStdString(), seed_of(s), s);
    if (!summary.loadCsv(QByteArray::fromStdString(compare::comparison_csv(comparison.rows())),
                         error))
      return false;
  } else {
    if (error != nullptr)
      *error = path + QStringLiteral(": not a results folder (no comparison.csv or summary.json)");
    return false;
  }
  if (contents != nullptr) *contents = c;
  return true;
}

}  // namespace discolab::gui
