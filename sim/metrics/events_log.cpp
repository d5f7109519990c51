#include "sim/metrics/events_log.h"

#include <stdexcept>

#include "sim/metrics/csv_format.h"

namespace discolab::metrics {

EventsLog::EventsLog(const std::filesystem::path& path, std::size_t max_view_rows)
    : path_(path), max_view_rows_(max_view_rows) {
  if (path_.empty()) return;
  file_.open(path_, std::ios::binary | std::ios::trunc);
  if (!file_) throw std::runtime_error("cannot write " + path_.string());
  file_ << header() << '\n';
}

void EventsLog::churn(SimTime t, std::string_view kind, std::string_view subject,
                      std::string_view service, std::string_view detail) {
  write(t, kind, subject, service, detail);
}

void EventsLog::view(SimTime t, std::string_view kind, std::string_view subject,
                     std::string_view service, std::string_view detail) {
  if (!accepts_view_row()) {
    skip_view_row();
    return;
  }
  ++view_rows_;
  write(t, kind, subject, service, detail);
}

void EventsLog::write(SimTime t, std::string_view kind, std::string_view subject,
                      std::string_view service, std::string_view detail) {
  if (closed_) throw std::logic_error("events log: a row after close()");
  ++rows_written_;
  if (!file_.is_open()) {
    rows_.push_back(EventRow{t, std::string(kind), std::string(subject), std::string(service),
                             std::string(detail)});
    return;
  }
  line_.clear();
  append_seconds(line_, t);
  for (const auto field : {kind, subject, service, detail}) {
    line_ += ',';
    append_csv_field(line_, field);
  }
  line_ += '\n';
  file_ << line_;
}

void EventsLog::flush() {
  if (!file_.is_open()) return;
  if (!file_.flush()) throw std::runtime_error("cannot write " + path_.string());
}

void EventsLog::close() {
  flush();
  closed_ = true;
  if (!file_.is_open()) return;
  file_.close();
  if (!file_) throw std::runtime_error("cannot write " + path_.string());
}

}  // namespace discolab::metrics
