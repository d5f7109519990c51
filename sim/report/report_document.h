// The report as a list of blocks, rendered twice: as Markdown (report.md, images linked from
// plots/) and as one self-contained HTML page (report.html: CSS inline, each plot's SVG
// embedded as a base64 data URI, so the page can be mailed or archived alone).
//
// Text may hold `code` spans (backticks), shown as code in both renderings.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace discolab::report {

struct Heading {
  int level = 1;
  std::string text;
};
struct Paragraph {
  std::string text;
};
struct BulletList {
  std::vector<std::string> items;
};
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t numbers_from = SIZE_MAX;  // columns from here on hold numbers: right-aligned
};
struct Plot {
  std::string name;  // plots/<name>.png and .svg, relative to the report folder
  std::string alt;
};

using Block = std::variant<Heading, Paragraph, BulletList, Table, Plot>;

// RFC 4648 base64 (with '=' padding), for the data URIs.
std::string base64(const std::string& bytes);

std::string render_markdown(const std::vector<Block>& blocks);
// `folder` is the report folder, where plots/<name>.svg is read from to be embedded.
std::string render_html(const std::vector<Block>& blocks, const std::string& title,
                        const std::filesystem::path& folder);

}  // namespace discolab::report
