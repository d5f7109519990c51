// A small hand-written run for the cluster replay's tests: topology.json and events.csv text.
#pragma once

#include <QByteArray>

namespace discolab::gui::testing {

// host0 (rack 0) holds the registry and the LB; web runs on host1 (rack 0) and host2 (rack 1).
inline const QByteArray kTopology = R"({
  "format": 1, "pattern": "central-lb",
  "hosts": [{"name": "host0", "rack": 0, "reserved_for": "registry"},
            {"name": "host1", "rack": 0, "reserved_for": ""},
            {"name": "host2", "rack": 1, "reserved_for": ""}],
  "components": [
    {"name": "registry", "kind": "registry", "host": "host0", "source": "",
     "view": "registry/main"},
    {"name": "lb", "kind": "load-balancer", "host": "host0", "source": "registry",
     "view": "lb/primary"}],
  "clients": [{"group": "users", "target": "web", "external": false,
    "callers": [{"name": "users-0", "host": "host1", "via": ["lb"], "view": "lb/primary",
                 "source": ""}]}]
})";

// web-0 (instance 0) crashes at 10 s; host2 fails at 20 s, crashing web-1 (instance 1), which
// the LB still lists from 30 s; web-0.1 (instance 2) replaces web-0, is stopped at 50 s and
// gone at 55 s; the LB's process is down from 40 s to 45 s.
inline const QByteArray kEvents =
    "t_s,kind,subject,service,detail\n"
    "0,scheduled,web-0,web,host1\n"
    "0,scheduled,web-1,web,host2\n"
    "1,view_open,registry/main,web,view=0\n"
    "1,view_open,lb/primary/web,web,view=1\n"
    "2,ready,instance/0,web,\n"
    "2,ready,web-0,web,\n"
    "2.5,ready,instance/1,web,\n"
    "2.5,ready,web-1,web,\n"
    "3,view,lb/primary/web,web,view=1 size=2 added=0;1 removed=\n"
    "3,view,registry/main,web,view=0 size=2 added=0;1 removed=\n"
    "10,unready,instance/0,web,\n"
    "10,crash,web-0,web,random\n"
    "11,view,registry/main,web,view=0 size=1 added= removed=0\n"
    "20,host_down,host2,,\n"
    "20,unready,instance/1,web,\n"
    "20,crash,web-1,web,host_failure\n"
    "20,scheduled,web-0.1,web,host1\n"
    "25,ready,instance/2,web,\n"
    "25,ready,web-0.1,web,\n"
    "30,view,lb/primary/web,web,view=1 size=2 added=2 removed=0\n"
    "40,host_up,host2,,\n"
    "40,component_down,lb,,\n"
    "45,component_up,lb,,\n"
    "50,stop,web-0.1,web,\n"
    "50,unready,instance/2,web,\n"
    "55,gone,web-0.1,web,drained\n"
    "60,view_close,registry/main,web,view=0\n"
    "60,view_close,lb/primary/web,web,view=1\n";

}  // namespace discolab::gui::testing
