#include "sim/report/report_document.h"

#include <boost/archive/iterators/base64_from_binary.hpp>
#include <boost/archive/iterators/transform_width.hpp>
#include <fstream>
#include <sstream>

namespace discolab::report {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Escaped text with each `code` span as <code>…</code>.
std::string inline_html(const std::string& text) {
  std::string out;
  bool code = false;
  std::size_t start = 0;
  for (std::size_t tick; (tick = text.find('`', start)) != std::string::npos; start = tick + 1) {
    out += escape_html(text.substr(start, tick - start));
    out += code ? "</code>" : "<code>";
    code = !code;
  }
  out += escape_html(text.substr(start));
  if (code) out += "</code>";
  return out;
}

std::string table_cell_md(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

struct MarkdownRenderer {
  std::string& out;
  void operator()(const Heading& h) const {
    out += std::string(static_cast<std::size_t>(h.level), '#') + " " + h.text + "\n\n";
  }
  void operator()(const Paragraph& p) const { out += p.text + "\n\n"; }
  void operator()(const BulletList& l) const {
    for (const std::string& item : l.items) out += "- " + item + "\n";
    out += "\n";
  }
  void operator()(const Table& t) const {
    auto row = [&](const std::vector<std::string>& cells) {
      out += "|";
      for (const std::string& c : cells) out += " " + table_cell_md(c) + " |";
      out += "\n";
    };
    row(t.header);
    out += "|";
    for (std::size_t i = 0; i < t.header.size(); ++i)
      out += i < t.numbers_from ? " --- |" : " ---: |";
    out += "\n";
    for (const auto& r : t.rows) row(r);
    out += "\n";
  }
  void operator()(const Plot& p) const {
    out += "![" + p.alt + "](plots/" + p.name + ".png) ([SVG](plots/" + p.name + ".svg))\n\n";
  }
};

struct HtmlRenderer {
  std::string& out;
  const std::filesystem::path& folder;
  void operator()(const Heading& h) const {
    const std::string tag = "h" + std::to_string(h.level);
    out += "<" + tag + ">" + inline_html(h.text) + "</" + tag + ">\n";
  }
  void operator()(const Paragraph& p) const { out += "<p>" + inline_html(p.text) + "</p>\n"; }
  void operator()(const BulletList& l) const {
    out += "<ul>\n";
    for (const std::string& item : l.items) out += "<li>" + inline_html(item) + "</li>\n";
    out += "</ul>\n";
  }
  void operator()(const Table& t) const {
    out += "<table>\n<thead><tr>";
    for (const std::string& c : t.header) out += "<th>" + inline_html(c) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : t.rows) {
      out += "<tr>";
      for (std::size_t i = 0; i < r.size(); ++i)
        out += (i < t.numbers_from ? "<td>" : "<td class=\"num\">") + inline_html(r[i]) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  void operator()(const Plot& p) const {
    out += "<figure><img alt=\"" + escape_html(p.alt) + "\" src=\"data:image/svg+xml;base64," +
           base64(read_bytes(folder / "plots" / (p.name + ".svg"))) + "\"></figure>\n";
  }
};

constexpr const char* kStyle =
    R"(body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
h1,h2,h3,h4{font-weight:600}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em}td{text-align:left}td.num{text-align:right}
th{background:#f3f3f3}code{background:#f3f3f3;padding:0 .2em}
figure{margin:1em 0}figure img{max-width:100%})";

}  // namespace

std::string base64(const std::string& bytes) {
  using namespace boost::archive::iterators;
  using Encoder = base64_from_binary<transform_width<std::string::const_iterator, 6, 8>>;
  std::string out(Encoder(bytes.begin()), Encoder(bytes.end()));
  out.append((3 - bytes.size() % 3) % 3, '=');
  return out;
}

std::string render_markdown(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) std::visit(MarkdownRenderer{out}, b);
  return out;
}

std::string render_html(const std::vector<Block>& blocks, const std::string& title,
                        const std::filesystem::path& folder) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      escape_html(title) + "</title>\n<style>\n" + kStyle + "\n</style>\n</head>\n<body>\n";
  for (const Block& b : blocks) std::visit(HtmlRenderer{out, folder}, b);
  return out + "</body>\n</html>\n";
}

}  // namespace discolab::report
