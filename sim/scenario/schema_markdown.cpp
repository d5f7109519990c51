// Renders docs/scenario.md from the schema. A test compares the file in the tree with this
// text, so the docs change exactly when the schema does.
#include <string_view>

#include "sim/scenario/schema.h"
#include "sim/scenario/units.h"

namespace discolab {
namespace {

constexpr std::string_view kIntroduction = R"(# Scenario files

<!-- Generated from sim/scenario/scenario_schema.cpp by scenario_schema_markdown(); do not edit.
     Regenerate with `discolab schema > docs/scenario.md`, or run the sim/scenario tests with
     DISCOLAB_UPDATE_DOCS=1. -->

A scenario describes a cluster, its services, the clients calling them, what changes during
the run (churn) and the settings of the discovery pattern. It is a YAML file; every key except
`services` has a default, listed below. `discolab validate FILE` checks one without running it.

## Values

- **Keys** are the names below, with underscores (`hosts_per_rack`). Lists (`services`,
  `clients`, `bursts`, `rolling_updates`, `host_failures`, `crashes.services`) are YAML lists.
- **Names from a closed set** are lower case with dashes: `leaf-spine`, `round-robin`,
  `client-side`.
- **Durations** need a unit: `250us`, `5ms`, `30s`, `2m`, `1h` (units: DURATION_UNITS).
  Decimals are fine (`1.5s`); a bare number is an error, so `30` never means seconds by accident.
- **Rates** are a number per unit: `200/s`, `30/m`, `6/h` (units: RATE_UNITS).
- **Bandwidths**: BANDWIDTH_UNITS; `1GBps` is `8Gbps`. Prefixes are decimal (k = 1000).
- **Host speeds** in flop/s: FLOPS_UNITS (`1Gf`).

## Overriding keys: `--set`

Every command that loads a scenario takes `--set key.path=value`, any number of times, applied
in order before the file is checked. Paths use dots; list items are picked by index or, for
`services` and `clients`, by name. The value is read as YAML.

```sh
discolab run quickstart.yaml --set services.web.replicas=8 --set services.0.workers=2 \
  --set churn.crashes.rate_per_instance=6/h --set patterns.client_side.propagation.fetch_interval=5s \
  --set 'churn.crashes.services=[web]'
```

## Errors

Everything wrong in a file is reported at once, one problem per line: where it was written
(`file:line:column`, or the `--set` that wrote it), the key path, and what is allowed.

```text
quickstart.yaml:3:1: unknown key "servces"; did you mean "services"?
quickstart.yaml:12:15: services[1].replicas: expected a whole number ≥ 0, got "three"
quickstart.yaml:2:10: pattern: "dns2" is not one of: client-side, dns, central-lb, per-host-proxy, api-gateway; did you mean "dns"?
--set services.web.workers: services[0].workers: expected a whole number ≥ 1, got "0"
```

## The resolved scenario

Every run folder holds `scenario.resolved.yaml`: the scenario with every key present and the
values the run used (defaults filled in, units normalised, seed, engine and pattern from the
command line, `platform.file` made absolute); the `--set` overrides it was loaded with are
listed in comments at the top. Loading it again repeats the run.

Files that are not YAML text (NUL bytes, invalid UTF-8) are refused as "not a text file", and
tabs in the indentation are reported as such: YAML indents with spaces only.

## Example

```yaml
name: rolling-deploy
duration: 10m
platform:
  topology: leaf-spine
  racks: 2
  hosts_per_rack: 4
services:
  - name: web
    replicas: 4
    service_time: {distribution: lognormal, mean: 8ms, sigma: 0.4}
  - name: db
    replicas: 2
clients:
  - name: users
    count: 8
    target: web
    rate: 50/s
    bursts:
      - {at: 5m, duration: 30s, factor: 3}
churn:
  crashes: {rate_per_instance: 2/h, services: [web]}
  rolling_updates:
    - {service: web, at: 2m, batch_size: 1, version: v2}
  host_failures:
    - {host: rack1-host2, at: 7m, duration: 1m}
patterns:
  client_side:
    propagation: {fetch_interval: 5s}
    balancing: {policy: least-request, least_request_choices: 2}
```

## Settings shared by the patterns

A pattern's section (`patterns.client_side`, …) is made of the same sub-sections, each with the
same keys and meaning whichever pattern reads it: `registry` (where it runs, eviction, read
cache), `registration` (self, sidecar or orchestrator; heartbeats and leases), `propagation`
(poll, watch or blocking query), `balancing` (policy and its settings) and `health` (active
and passive checks). A pattern refuses, when a run starts, a value it does not implement
(client-side implements self-registration, polling and no health checks). Keys of the first,
flat schema (`patterns.client_side.fetch_interval`) are refused with the place they moved to.

## Keys
)";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
    text.replace(at, from.size(), to), at += to.size();
  return text;
}

std::string code(const std::string& text) { return "`" + text + "`"; }

std::string allowed_cell(const SchemaEntry& entry) {
  if (entry.choices.empty()) return entry.bounds;
  std::string cell;
  for (const std::string& choice : entry.choices) cell += (cell.empty() ? "" : ", ") + code(choice);
  return cell;
}

std::string default_cell(const SchemaEntry& entry) {
  if (entry.required || entry.type == "mapping" || entry.default_text.empty())
    return entry.required ? "**required**" : "";
  // Notes ("the first host") are prose; values are code.
  const bool is_note =
      entry.default_text.find(' ') != std::string::npos || entry.default_text == "absent";
  return is_note ? entry.default_text : code(entry.default_text);
}

std::string row(const SchemaEntry& entry) {
  return "| " + code(entry.path) + " | " + entry.type + " | " + default_cell(entry) + " | " +
         allowed_cell(entry) + " | " + replace_all(entry.help, "|", "\\|") + " |\n";
}

constexpr std::string_view kTableHead =
    "| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n";

}  // namespace

std::string scenario_schema_markdown() {
  std::string text(kIntroduction);
  text = replace_all(text, "DURATION_UNITS", kDurationUnits);
  text = replace_all(text, "RATE_UNITS", kRateUnits);
  text = replace_all(text, "BANDWIDTH_UNITS", kBandwidthUnits);
  text = replace_all(text, "FLOPS_UNITS", kFlopsUnits);

  // Top-level values share one table; each top-level mapping or list gets its own.
  std::string top_level;
  std::string sections;
  for (const SchemaEntry& entry : scenario_schema()) {
    const bool is_top = entry.path.find_first_of(".[") == std::string::npos;
    const bool opens_group = is_top && (entry.type == "mapping" || entry.type == "list");
    if (opens_group)
      sections +=
          "\n### " + code(entry.path) + "\n\n" + entry.help + "\n\n" + std::string(kTableHead);
    if (is_top && !opens_group)
      top_level += row(entry);
    else if (!opens_group)
      sections += row(entry);
  }
  return text + "\n### Top level\n\n" + std::string(kTableHead) + top_level + sections;
}

}  // namespace discolab
