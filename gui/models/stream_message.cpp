#include "gui/models/stream_message.h"

#include "sim/run/progress_protocol.h"

namespace discolab::gui {
namespace {

QString string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                          : QString();
}

// Every numeric key of `j` (null as an invalid QVariant); other values are left out.
QVariantMap numbers(const nlohmann::json& j) {
  QVariantMap out;
  for (const auto& [key, value] : j.items()) {
    if (value.is_number())
      out.insert(QString::fromStdString(key), value.get<double>());
    else if (value.is_null())
      out.insert(QString::fromStdString(key), QVariant());
  }
  return out;
}

}  // namespace

StreamMessage parse_stream_line(std::string_view line) {
  StreamMessage m;
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return m;
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return m;
  if (std::string problem = protocol_problem(j); !problem.empty()) {
    m.type = StreamMessage::Type::incompatible;
    m.problem = QString::fromStdString(problem);
    return m;
  }
  const std::string t = type->get<std::string>();
  if (t == "start") {
    m.type = StreamMessage::Type::start;
    m.version = string_at(j, "version");
    m.folder = string_at(j, "folder");
  } else if (t == "interval") {
    m.type = StreamMessage::Type::interval;
    m.figures = numbers(j);
    m.figures.remove(QStringLiteral("protocol"));
    const auto groups = j.find("by_client");
    if (groups != j.end() && groups->is_array())
      for (const auto& g : *groups)
        if (g.is_object())
          m.groups.append({string_at(g, "client"), string_at(g, "service"), numbers(g)});
  } else if (t == "churn") {
    const auto at = j.find("t_s");
    if (at == j.end() || !at->is_number()) return m;  // no time: nothing to mark
    m.type = StreamMessage::Type::churn;
    m.churn = {at->get<double>(), string_at(j, "kind"), string_at(j, "subject"),
               string_at(j, "service"), string_at(j, "detail")};
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
