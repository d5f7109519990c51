#include "gui/models/stream_message.h"

namespace discolab::gui {
namespace {

QString string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                          : QString();
}

}  // namespace

StreamMessage parse_stream_line(std::string_view line) {
  StreamMessage m;
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return m;
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return m;
  const std::string t = type->get<std::string>();
  if (t == "start") {
    m.type = StreamMessage::Type::start;
    m.version = string_at(j, "version");
    m.folder = string_at(j, "folder");
  } else if (t == "interval") {
    m.type = StreamMessage::Type::interval;
    for (const auto& [key, value] : j.items()) {
      if (value.is_number())
        m.figures.insert(QString::fromStdString(key), value.get<double>());
      else if (value.is_null())
        m.figures.insert(QString::fromStdString(key), QVariant());
    }
  } else if (t == "progress") {
    m.type = StreamMessage::Type::progress;
    const auto f = j.find("fraction");
    if (f != j.end() && f->is_number()) m.fraction = f->get<double>();
  } else if (t == "done") {
    m.type = StreamMessage::Type::done;
    m.folder = string_at(j, "folder");
    const auto s = j.find("summary");
    if (s != j.end() && s->is_object()) m.summary = std::move(*s);
  } else if (t == "error") {
    m.type = StreamMessage::Type::error;
    m.message = string_at(j, "message");
    const auto code = j.find("exit_code");
    if (code != j.end() && code->is_number_integer()) m.exit_code = code->get<int>();
  }
  return m;
}

}  // namespace discolab::gui
