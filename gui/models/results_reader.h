// Opening a results folder the command line or the GUI wrote, into the GUI's models:
// - a run folder (summary.json, timeseries.csv, timeseries_by_client.csv, events.csv): one
//   pattern, one seed;
// - a compare folder (comparison.csv, compare.json, runs/<pattern>-seed<S>/): every run's
//   timeseries, averaged per pattern, and the comparison's figures.
// A run folder's summary goes through the same Comparison as a compare folder's (n = 1: no
// interval), so the summary view reads both alike.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace discolab::gui {

class TimeSeriesModel;
class SummaryModel;

struct ResultsContents {
  enum class Kind { run, compare };
  Kind kind = Kind::run;
  QString scenario;
  QStringList patterns;
  int runs = 0;  // run folders read
};

bool is_results_folder_path(const QString& path);

// The whole file into `out`; false with "path: why" in `error`.
bool read_file(const QString& path, QByteArray& out, QString* error);

// Fills both models (cleared first); false with `error` when the folder is neither kind or a
// file in it cannot be read.
bool load_results_folder(const QString& path, TimeSeriesModel& series, SummaryModel& summary,
                         ResultsContents* contents, QString* error);

// Adds the rows of one timeseries.csv (header: the timeseries block's keys) to `series`.
bool load_timeseries_csv(const QString& file, const QString& pattern, quint64 seed,
                         TimeSeriesModel& series, QString* error);
// Adds the client groups' rows of one timeseries_by_client.csv to `series`.
bool load_client_timeseries_csv(const QString& file, const QString& pattern, quint64 seed,
                                TimeSeriesModel& series, QString* error);
// Adds the disruptions of one events.csv (the kinds sim/metrics/events_log.h marks) to `series`.
bool load_churn_events_csv(const QString& file, const QString& pattern, TimeSeriesModel& series,
                           QString* error);

}  // namespace discolab::gui
