#include "patterns/registry/catalog.h"

#include <catch2/catch.hpp>
#include <map>
#include <random>

using namespace discolab;
using namespace discolab::registry;
using namespace std::chrono_literals;

namespace {

RecordPtr rec(InstanceId id, std::string service = "web", std::string version = "v1") {
  auto r = std::make_shared<InstanceRecord>();
  r->id = id;
  r->service = std::move(service);
  r->name = r->service + "-" + std::to_string(id);
  r->endpoint = 100 + id;
  r->version = std::move(version);
  return r;
}

std::vector<InstanceId> ids_of(const CatalogUpdate& u, bool removed) {
  std::vector<InstanceId> ids;
  for (const auto& c : u.changes) {
    if (c.removed == removed) ids.push_back(c.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("the index moves by one per change and never for renewals", "[registry][catalog]") {
  Catalog cat;
  REQUIRE(cat.upsert(rec(1), 90s, 0s).index == 1);
  REQUIRE(cat.upsert(rec(2), 90s, 0s).index == 2);
  const WriteResult same = cat.upsert(rec(1), 90s, 1s);  // identical: lease restarted only
  REQUIRE_FALSE(same.changed);
  REQUIRE(same.index == 2);
  REQUIRE(cat.renew(1, 2s).index == 2);
  const WriteResult changed = cat.upsert(rec(1, "web", "v2"), 90s, 3s);
  REQUIRE(changed.changed);
  REQUIRE(changed.index == 3);
  REQUIRE(cat.remove(2, 4s).index == 4);
  REQUIRE(cat.remove(2, 4s).error == WriteError::not_found);
  REQUIRE(cat.index() == 4);
  REQUIRE(cat.service_index("web") == 4);
  REQUIRE(cat.service_index("db") == 0);
}

TEST_CASE("an exact lease expires at renewed_at + lease, not a nanosecond earlier",
          "[registry][catalog][lease]") {
  Catalog cat;
  cat.upsert(rec(1), 10s, 0s);
  cat.renew(1, 4s);  // renew resets: deadline 14 s
  REQUIRE(cat.next_expiry() == 14s);
  REQUIRE(cat.expire(14s - 1ns).empty());
  REQUIRE(cat.find(1) != nullptr);
  const auto removed = cat.expire(14s);
  REQUIRE(removed.size() == 1);
  REQUIRE(removed[0]->id == 1);
  REQUIRE(cat.find(1) == nullptr);
  REQUIRE(cat.next_expiry() == kNever);
}

TEST_CASE("eureka rule: 1x lease before the first renewal, strictly after 2x after one",
          "[registry][catalog][lease]") {
  Catalog cat(CatalogConfig{ExpiryRule::eureka, 0s, 180s});
  cat.upsert(rec(1), 90s, 0s);
  cat.upsert(rec(2), 90s, 0s);
  cat.renew(2, 30s);
  // Never renewed: Lease.isExpired tests now > lastUpdate + duration.
  REQUIRE(cat.expires_at(1) == 90s + 1ns);
  // Renewed at 30 s: lastUpdate = 30 + 90, expired when now > 120 + 90.
  REQUIRE(cat.expires_at(2) == 210s + 1ns);
  REQUIRE(cat.expire(90s).empty());
  REQUIRE(cat.expire(90s + 1ns).size() == 1);
  REQUIRE(cat.expire(210s).empty());
  REQUIRE(cat.expire(210s + 1ns).size() == 1);
  // A re-registration starts a fresh lease: back to 1x.
  cat.upsert(rec(3), 90s, 300s);
  cat.renew(3, 310s);
  cat.upsert(rec(3), 90s, 320s);
  REQUIRE(cat.expires_at(3) == 410s + 1ns);
}

TEST_CASE("a lease of 0 never expires, short leases are raised to the minimum",
          "[registry][catalog][lease]") {
  Catalog cat(CatalogConfig{ExpiryRule::exact, 2s, 180s});
  cat.upsert(rec(1), 0s, 0s);
  cat.upsert(rec(2), 1s, 0s);
  REQUIRE(cat.expires_at(1) == kNever);
  REQUIRE(cat.expires_at(2) == 2s);
  REQUIRE(cat.expire(1000s).size() == 1);
  REQUIRE(cat.find(1) != nullptr);
}

TEST_CASE("a delta since an index returns exactly the changes after it", "[registry][catalog]") {
  Catalog cat;
  cat.upsert(rec(1), 0s, 0s);               // 1
  cat.upsert(rec(2), 0s, 0s);               // 2
  cat.upsert(rec(7, "db"), 0s, 0s);         // 3
  cat.upsert(rec(3), 0s, 1s);               // 4
  cat.remove(1, 2s);                        // 5
  cat.upsert(rec(3, "web", "v2"), 0s, 3s);  // 6

  const UpdatePtr d = cat.delta("web", 3);
  REQUIRE_FALSE(d->full);
  REQUIRE(d->index == 6);
  REQUIRE(ids_of(*d, false) == std::vector<InstanceId>{3});
  REQUIRE(ids_of(*d, true) == std::vector<InstanceId>{1});
  REQUIRE(d->changes.back().record->version == "v2");  // the last state of instance 3

  REQUIRE(cat.delta("web", 6)->changes.empty());
  REQUIRE(cat.delta("db", 3)->changes.empty());
  REQUIRE(ids_of(*cat.delta("", 2), false) == std::vector<InstanceId>{3, 7});
  // Up to an index: what a snapshot taken at index 4 would have seen.
  REQUIRE(ids_of(*cat.delta("web", 2, 4), false) == std::vector<InstanceId>{3});
  REQUIRE(ids_of(*cat.delta("web", 2, 4), true).empty());

  const UpdatePtr f = cat.full("web");
  REQUIRE(f->full);
  REQUIRE(ids_of(*f, false) == std::vector<InstanceId>{2, 3});
}

TEST_CASE("a delta older than the retention is answered in full", "[registry][catalog]") {
  Catalog cat(CatalogConfig{ExpiryRule::exact, 0s, 180s});
  cat.upsert(rec(1), 0s, 0s);    // 1
  cat.upsert(rec(2), 0s, 100s);  // 2
  cat.upsert(rec(3), 0s, 180s);  // 3: trims the change at 0 s (0 + 180 <= 180)
  REQUIRE(cat.delta("web", 0)->full);
  REQUIRE_FALSE(cat.delta("web", 1)->full);
  REQUIRE(cat.delta("web", 1)->changes.size() == 2);
  REQUIRE(cat.delta("web", 99)->full);  // from the future: full
}

TEST_CASE("serving lists only up instances, moving a record changes both services",
          "[registry][catalog]") {
  Catalog cat;
  auto down = std::make_shared<InstanceRecord>(*rec(2));
  down->status = InstanceStatus::down;
  cat.upsert(rec(1), 0s, 0s);
  cat.upsert(down, 0s, 0s);
  REQUIRE(cat.serving("web") == std::vector<InstanceId>{1});
  cat.upsert(rec(1, "api"), 0s, 1s);
  REQUIRE(cat.serving("web").empty());
  REQUIRE(cat.serving("api") == std::vector<InstanceId>{1});
  REQUIRE(ids_of(*cat.delta("web", 2), true) == std::vector<InstanceId>{1});
  REQUIRE(cat.services() == std::vector<std::string>{"api", "web"});
}

namespace {

// What serving() must return, recomputed from the whole catalog.
std::vector<InstanceId> serving_by_scan(const Catalog& cat, const std::string& service) {
  std::vector<InstanceId> ids;
  const UpdatePtr all = cat.full(service);
  for (const Change& c : all->changes) {
    if (c.record->status == InstanceStatus::up) ids.push_back(c.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("the serving ids kept on each write match a scan of the catalog under random writes",
          "[registry][catalog]") {
  Catalog cat;
  std::mt19937 rng(7);
  const std::vector<std::string> services{"web", "api"};
  std::map<std::string, std::vector<InstanceId>> before;
  std::map<std::string, std::uint64_t> version;
  for (int step = 0; step < 4000; ++step) {
    const SimTime now = std::chrono::milliseconds(step * 10);
    const auto id = static_cast<InstanceId>(rng() % 60);
    switch (rng() % 5) {
      case 0:
        cat.remove(id, now);
        break;
      case 1:
        cat.expire(now);
        break;
      default: {
        auto r = std::make_shared<InstanceRecord>(
            *rec(id, services[rng() % 2], rng() % 2 ? "v1" : "v2"));
        if (rng() % 3 == 0) r->status = InstanceStatus::down;
        cat.upsert(r, std::chrono::seconds(rng() % 5), now);
      }
    }
    for (const std::string& s : services) {
      const auto scanned = serving_by_scan(cat, s);
      const auto kept = cat.serving_ids(s);
      REQUIRE(std::vector<InstanceId>(kept.begin(), kept.end()) == scanned);
      REQUIRE(cat.serving(s) == scanned);
      // The version moves exactly when the set changes (one write changes a set at most once).
      REQUIRE((cat.serving_version(s) != version[s]) == (scanned != before[s]));
      before[s] = scanned;
      version[s] = cat.serving_version(s);
    }
  }
  REQUIRE(version["web"] > 100);
}
