#include "sim/scenario/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <vector>

namespace discolab {
namespace {

// Notes where each document starts; the rest of the events do not matter here.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;

  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::size_t count_yaml_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts events;
  std::size_t documents = 0;
  while (parser.HandleNextDocument(events)) {
    const auto n = events.starts.size();
    // A document that starts where the previous one did consumed nothing: the parser is stuck
    // on a token it cannot place.
    if (n >= 2 && events.starts[n - 1].pos == events.starts[n - 2].pos) {
      const YAML::Mark at = events.starts[n - 1];
      const std::size_t pos = static_cast<std::size_t>(at.pos);
      const std::string what =
          pos < text.size() ? "unexpected '" + std::string(1, text[pos]) + "'" : "unexpected token";
      throw YAML::ParserException(at, what);
    }
    ++documents;
  }
  return documents;
}

}  // namespace discolab
