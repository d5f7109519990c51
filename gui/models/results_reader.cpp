#include "gui/models/results_reader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>

#include "gui/models/csv_reader.h"
#include "gui/models/summary_model.h"
#include "gui/models/time_series_model.h"
#include "sim/compare/comparison.h"
#include "sim/metrics/events_log.h"

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

bool read_csv_file(const QString& path, std::vector<std::vector<std::string>>& records,
                   QString* error) {
  QByteArray text;
  if (!read_file(path, text, error)) return false;
  records = parse_csv(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
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
  std::vector<std::vector<std::string>> records;
  if (!read_csv_file(file, records, error)) return false;
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

bool load_client_timeseries_csv(const QString& file, const QString& pattern, quint64 seed,
                                TimeSeriesModel& series, QString* error) {
  std::vector<std::vector<std::string>> records;
  if (!read_csv_file(file, records, error)) return false;
  if (records.empty() || records.front().size() < 4 || records.front()[0] != "t_s" ||
      records.front()[2] != "client" || records.front()[3] != "service") {
    if (error != nullptr) *error = file + QStringLiteral(": not a timeseries_by_client.csv");
    return false;
  }
  const auto& header = records.front();
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.size() < 4) continue;
    QVariantMap figures;
    for (std::size_t c = 0; c < header.size() && c < r.size(); ++c) {
      if (c == 2 || c == 3) continue;
      bool ok = false;
      const double v = QString::fromStdString(r[c]).toDouble(&ok);
      figures.insert(QString::fromStdString(header[c]), ok ? QVariant(v) : QVariant());
    }
    series.addClientInterval(pattern, seed, QString::fromStdString(r[2]),
                             QString::fromStdString(r[3]), figures);
  }
  return true;
}

bool load_churn_events_csv(const QString& file, const QString& pattern, TimeSeriesModel& series,
                           QString* error) {
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly)) {
    if (error != nullptr) *error = file + QStringLiteral(": ") + in.errorString();
    return false;
  }
  const QByteArray header = in.readLine().trimmed();
  if (!header.startsWith("t_s,kind,subject,service,detail")) {
    if (error != nullptr) *error = file + QStringLiteral(": not an events.csv");
    return false;
  }
  // Most rows are views' and instances' (up to 100 000): only the disruptions are parsed.
  while (!in.atEnd()) {
    const QByteArray line = in.readLine();
    const qsizetype a = line.indexOf(',');
    const qsizetype b = a < 0 ? -1 : line.indexOf(',', a + 1);
    if (b < 0) continue;
    const QByteArray kind = line.mid(a + 1, b - a - 1);
    if (!metrics::is_disruption(
            std::string_view(kind.constData(), static_cast<std::size_t>(kind.size()))))
      continue;
    const auto records =
        parse_csv(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
    if (records.empty() || records.front().size() < 5) continue;
    const auto& r = records.front();
    bool ok = false;
    const double t = QString::fromStdString(r[0]).toDouble(&ok);
    if (!ok) continue;
    series.addChurn(pattern,
                    ChurnEvent{t, QString::fromStdString(r[1]), QString::fromStdString(r[2]),
                               QString::fromStdString(r[3]), QString::fromStdString(r[4])});
  }
  return true;
}

namespace {
// The run folder's timeseries.csv, and what else it has of the timeline: its client groups'
// rows and its disruptions (older folders may lack them: then there is nothing more to show).
bool load_run_timeline(const QDir& run, const QString& pattern, quint64 seed,
                       TimeSeriesModel& series, QString* error) {
  if (!load_timeseries_csv(run.filePath(QStringLiteral("timeseries.csv")), pattern, seed, series,
                           error))
    return false;
  const QString by_client = run.filePath(QStringLiteral("timeseries_by_client.csv"));
  if (QFileInfo::exists(by_client) &&
      !load_client_timeseries_csv(by_client, pattern, seed, series, error))
    return false;
  const QString events = run.filePath(QStringLiteral("events.csv"));
  return !QFileInfo::exists(events) || load_churn_events_csv(events, pattern, series, error);
}
}  // namespace

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
      if (load_run_timeline(run, pattern, seed_of(s), series, error)) ++c.runs;
    }
    if (!summary.loadFile(dir.filePath(QStringLiteral("comparison.csv")), error)) return false;
  } else if (dir.exists(QStringLiteral("summary.json"))) {
    c.kind = ResultsContents::Kind::run;
    nlohmann::json s;
    if (!read_json(dir.filePath(QStringLiteral("summary.json")), s, error)) return false;
    const QString pattern = string_at(s, "pattern");
    c.patterns = {pattern};
    c.scenario = QFileInfo(path).dir().dirName();
    if (!load_run_timeline(dir, pattern, seed_of(s), series, error)) return false;
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
