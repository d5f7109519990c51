#include "gui/widgets/cluster_canvas.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "gui/models/cluster_replay_model.h"

namespace discolab::gui {
namespace {

constexpr double kGap = 10.0;
constexpr double kTitle = 18.0;  // a tile's title line
constexpr double kGlyphW = 30.0, kGlyphH = 17.0;
constexpr double kDot = 7.0;      // a container's radius
constexpr double kPitch = 19.0;   // between container dots
constexpr double kLegend = 40.0;  // the path's summary line, then the legend

const QColor kStarting(0xf0, 0xa0, 0x30);
const QColor kReady(0x2e, 0x9d, 0x4e);
const QColor kTerminating(0x5b, 0x8d, 0xef);
const QColor kCrashed(0xd9, 0x34, 0x2b);
const QColor kRoute(0x2a, 0x6f, 0xb8);
const QColor kStale(0xe0, 0x20, 0x10);
const QColor kDiscovery(0x7b, 0x4f, 0xb0);

QColor state_color(ContainerState s) {
  switch (s) {
    case ContainerState::starting:
      return kStarting;
    case ContainerState::ready:
      return kReady;
    case ContainerState::terminating:
      return kTerminating;
    case ContainerState::crashed:
      return kCrashed;
    case ContainerState::absent:
      break;
  }
  return Qt::gray;
}

QString glyph_label(const QString& kind) {
  if (kind == QLatin1String("registry")) return QStringLiteral("REG");
  if (kind == QLatin1String("dns-server")) return QStringLiteral("DNS");
  if (kind == QLatin1String("dns-cache")) return QStringLiteral("NL");
  if (kind == QLatin1String("load-balancer")) return QStringLiteral("LB");
  if (kind == QLatin1String("proxy")) return QStringLiteral("PX");
  if (kind == QLatin1String("gateway")) return QStringLiteral("GW");
  return kind.left(3).toUpper();
}

QColor glyph_color(const QString& kind) {
  if (kind == QLatin1String("registry")) return QColor(0x6a, 0x3d, 0x9a);
  if (kind == QLatin1String("dns-server") || kind == QLatin1String("dns-cache"))
    return QColor(0x1f, 0x78, 0xb4);
  if (kind == QLatin1String("load-balancer")) return QColor(0xb1, 0x59, 0x28);
  if (kind == QLatin1String("proxy")) return QColor(0x33, 0x80, 0x80);
  if (kind == QLatin1String("gateway")) return QColor(0xa0, 0x30, 0x70);
  return QColor(0x55, 0x55, 0x55);
}

// An arrowhead at `to`, pointing away from `from`, stopping at a dot's edge.
void arrow_head(QPainter& p, QPointF to, QPointF from) {
  const double a = std::atan2(-(from.y() - to.y()), from.x() - to.x());
  const QPointF tip = to + QPointF(std::cos(a) * kDot, -std::sin(a) * kDot);
  const QPointF l = tip + QPointF(std::cos(a + 0.45) * 9, -std::sin(a + 0.45) * 9);
  const QPointF r = tip + QPointF(std::cos(a - 0.45) * 9, -std::sin(a - 0.45) * 9);
  p.drawPolyline(QPolygonF{l, tip, r});
}

void arrow(QPainter& p, QPointF from, QPointF to) {
  p.drawLine(from, to);
  if (QLineF(from, to).length() >= 12) arrow_head(p, to, from);
}

// An arrow bent upwards, so that one between neighbouring glyphs still shows.
void curved_arrow(QPainter& p, QPointF from, QPointF to) {
  const QLineF line(from, to);
  const double length = std::max(line.length(), 1.0);
  const QPointF normal(line.dy() / length, -line.dx() / length);
  const double bend = 14.0 + 0.15 * length;
  QPointF control = (from + to) / 2 + normal * bend;
  if (control.y() > (from.y() + to.y()) / 2) control = (from + to) / 2 - normal * bend;
  QPainterPath path(from);
  path.quadTo(control, to);
  p.drawPath(path);
  arrow_head(p, to, control);
}

}  // namespace

ClusterCanvas::ClusterCanvas(ClusterReplayModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
  setMinimumSize(400, 300);
  setAutoFillBackground(true);
  QPalette pal = palette();
  pal.setColor(QPalette::Window, Qt::white);
  setPalette(pal);
  connect(model_, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
}

void ClusterCanvas::setCaller(int caller) {
  caller_ = caller;
  update();
}

ClusterCanvas::Layout ClusterCanvas::layout() const {
  Layout l;
  const ClusterTopology& topo = model_->topology();
  const QList<int> racks = topo.racks();
  if (racks.isEmpty()) return l;
  const QRectF area(kGap, kGap, width() - 2 * kGap, height() - 2 * kGap - kLegend);
  // The selected caller's view members that are gone get a ghost dot on their last host.
  std::vector<int> listed;
  if (caller_ >= 0 && static_cast<std::size_t>(caller_) < topo.callers.size()) {
    const TopologyCaller& c = topo.callers[static_cast<std::size_t>(caller_)];
    if (const auto view = model_->view(c.view, c.target)) listed = view->members;
  }
  l.legend = QRectF(kGap, height() - kGap - kLegend, width() - 2 * kGap, kLegend);
  int most = 1;
  for (const int rack : racks) {
    int n = 0;
    for (const TopologyHost& h : topo.hosts) n += h.rack == rack ? 1 : 0;
    most = std::max(most, n);
  }
  const double column = (area.width() - (racks.size() - 1) * kGap) / racks.size();
  const double header = 18.0;
  const double tile = std::min(260.0, (area.height() - header - (most - 1) * kGap) / most);
  for (qsizetype r = 0; r < racks.size(); ++r) {
    const double x = area.left() + r * (column + kGap);
    int row = 0;
    for (std::size_t h = 0; h < topo.hosts.size(); ++h) {
      if (topo.hosts[h].rack != racks[r]) continue;
      const QRectF rect(x, area.top() + header + row++ * (tile + kGap), column, tile);
      l.hosts.insert(static_cast<int>(h), rect);
      // The glyph row: components, then callers.
      double gx = rect.left() + 6 + kGlyphW / 2;
      const double gy = rect.top() + kTitle + 4 + kGlyphH / 2;
      for (std::size_t c = 0; c < topo.components.size(); ++c) {
        if (topo.components[c].host != static_cast<int>(h)) continue;
        l.components.insert(static_cast<int>(c), {gx, gy});
        gx += kGlyphW + 5;
      }
      for (std::size_t c = 0; c < topo.callers.size(); ++c) {
        if (topo.callers[c].host != static_cast<int>(h)) continue;
        l.callers.insert(static_cast<int>(c), {gx, gy});
        gx += 20;
      }
      // Container dots in rows below.
      const int per_row = std::max(1, static_cast<int>((rect.width() - 12) / kPitch));
      int k = 0;
      const auto slot = [&] {
        const double cx = rect.left() + 6 + kDot + (k % per_row) * kPitch;
        const double cy = rect.top() + kTitle + kGlyphH + 18 + kDot + (k / per_row) * kPitch;
        ++k;
        return QPointF(cx, cy);
      };
      for (const ContainerAt& c : model_->containersOn(static_cast<int>(h)))
        l.containers.insert(c.index, slot());
      for (const int m : listed)
        if (!l.containers.contains(m) && model_->hostOfInstance(m) == static_cast<int>(h))
          l.ghosts.insert(m, slot());
    }
  }
  return l;
}

void ClusterCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  drawn_containers_ = 0;
  drawn_stale_ = 0;
  const ClusterTopology& topo = model_->topology();
  if (topo.hosts.empty()) {
    p.setPen(Qt::darkGray);
    p.drawText(rect(), Qt::AlignCenter,
               tr("Open a results folder or run a comparison to replay its cluster."));
    return;
  }
  const Layout l = layout();
  QFont small = font();
  small.setPointSizeF(std::max(6.5, font().pointSizeF() - 2));
  QFont bold = font();
  bold.setBold(true);

  // Rack headers, above each rack's first tile.
  p.setFont(bold);
  p.setPen(Qt::black);
  for (const int rack : topo.racks()) {
    QRectF top;
    for (auto it = l.hosts.constBegin(); it != l.hosts.constEnd(); ++it)
      if (topo.hosts[static_cast<std::size_t>(it.key())].rack == rack &&
          (top.isNull() || it->top() < top.top()))
        top = *it;
    p.drawText(QRectF(top.left(), top.top() - 18, top.width(), 16), Qt::AlignLeft,
               tr("rack %1").arg(rack));
  }
  // Host tiles.
  for (auto it = l.hosts.constBegin(); it != l.hosts.constEnd(); ++it) {
    const TopologyHost& h = topo.hosts[static_cast<std::size_t>(it.key())];
    const bool up = model_->hostUp(it.key());
    p.setPen(QPen(up ? QColor(0x90, 0x90, 0x90) : kCrashed, up ? 1.0 : 2.0));
    p.setBrush(up ? QColor(0xf4, 0xf6, 0xf8) : QColor(0xd8, 0xd8, 0xd8));
    p.drawRoundedRect(*it, 6, 6);
    p.setFont(bold);
    p.setPen(up ? Qt::black : kCrashed);
    QString title = h.name;
    if (!h.reservedFor.isEmpty()) title += QStringLiteral("  (%1)").arg(h.reservedFor);
    if (!up) title += tr("  DOWN");
    p.drawText(QRectF(it->left() + 6, it->top() + 2, it->width() - 12, kTitle),
               Qt::AlignLeft | Qt::AlignVCenter, title);
    if (!up) {
      p.setPen(QPen(QColor(0xd9, 0x34, 0x2b, 90), 3));
      p.drawLine(it->topLeft(), it->bottomRight());
      p.drawLine(it->topRight(), it->bottomLeft());
    }
  }
  // Components.
  p.setFont(small);
  for (auto it = l.components.constBegin(); it != l.components.constEnd(); ++it) {
    const TopologyComponent& c = topo.components[static_cast<std::size_t>(it.key())];
    const QRectF r(it->x() - kGlyphW / 2, it->y() - kGlyphH / 2, kGlyphW, kGlyphH);
    const bool up = model_->componentUp(it.key());
    p.setPen(QPen(up ? glyph_color(c.kind).darker(130) : kCrashed, up ? 1.0 : 2.0));
    p.setBrush(up ? glyph_color(c.kind) : QColor(Qt::white));
    p.drawRoundedRect(r, 3, 3);
    p.setPen(up ? Qt::white : kCrashed);
    p.drawText(r, Qt::AlignCenter, glyph_label(c.kind));
    int stale = 0;
    for (const QString& service : model_->history().services())
      if (const auto view = model_->view(c.view, service))
        stale += static_cast<int>(view->stale.size());
    if (stale > 0) {  // a badge: stale members in this component's views
      const QRectF badge(r.right() - 6, r.top() - 7, 13, 13);
      p.setPen(Qt::NoPen);
      p.setBrush(kStale);
      p.drawEllipse(badge);
      p.setPen(Qt::white);
      p.drawText(badge, Qt::AlignCenter, QString::number(stale));
    }
  }
  // Callers.
  for (auto it = l.callers.constBegin(); it != l.callers.constEnd(); ++it) {
    const QPointF c = *it;
    const QPolygonF tri{c + QPointF(0, -8), c + QPointF(7, 6), c + QPointF(-7, 6)};
    p.setPen(QPen(Qt::black, it.key() == caller_ ? 2.0 : 1.0));
    p.setBrush(it.key() == caller_ ? QColor(0xff, 0xd7, 0x00) : QColor(0xdd, 0xdd, 0xdd));
    p.drawPolygon(tri);
  }
  // Containers.
  for (auto it = l.hosts.constBegin(); it != l.hosts.constEnd(); ++it) {
    for (const ContainerAt& c : model_->containersOn(it.key())) {
      const QPointF at = l.containers.value(c.index);
      const auto& info = model_->history().containers()[static_cast<std::size_t>(c.index)];
      p.setPen(QPen(state_color(c.state).darker(140), 1));
      p.setBrush(state_color(c.state));
      p.drawEllipse(at, kDot, kDot);
      p.setPen(Qt::white);
      p.drawText(QRectF(at.x() - kDot, at.y() - kDot, 2 * kDot, 2 * kDot), Qt::AlignCenter,
                 info.service.left(1));
      if (c.state == ContainerState::crashed) {
        p.setPen(QPen(Qt::black, 1.5));
        p.drawLine(at + QPointF(-kDot, -kDot), at + QPointF(kDot, kDot));
        p.drawLine(at + QPointF(kDot, -kDot), at + QPointF(-kDot, kDot));
      }
      ++drawn_containers_;
    }
  }
  // Ghosts: gone, but still listed by the selected caller's view.
  for (auto it = l.ghosts.constBegin(); it != l.ghosts.constEnd(); ++it) {
    const auto& info = model_->history().containers()[static_cast<std::size_t>(it.key())];
    p.setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(*it, kDot, kDot);
    p.setPen(Qt::darkGray);
    p.drawText(QRectF(it->x() - kDot, it->y() - kDot, 2 * kDot, 2 * kDot), Qt::AlignCenter,
               info.service.left(1));
  }
  drawPath(p, l);
  drawLegend(p, l.legend);
}

void ClusterCanvas::drawPath(QPainter& p, const Layout& l) {
  const ClusterTopology& topo = model_->topology();
  if (caller_ < 0 || static_cast<std::size_t>(caller_) >= topo.callers.size()) return;
  const TopologyCaller& caller = topo.callers[static_cast<std::size_t>(caller_)];
  const QPointF start = l.callers.value(caller_);
  // Discovery (dashed): the chain of sources into the caller and into each component it uses.
  p.setPen(QPen(kDiscovery, 1.6, Qt::DashLine));
  p.setBrush(Qt::NoBrush);
  const auto feed = [&](QString source, QPointF into) {
    for (int depth = 0; !source.isEmpty() && depth < 4; ++depth) {
      const int s = topo.componentIndex(source);
      if (s < 0 || !l.components.contains(s)) return;
      curved_arrow(p, l.components.value(s), into);
      into = l.components.value(s);
      source = topo.components[static_cast<std::size_t>(s)].source;
    }
  };
  feed(caller.source, start);
  // The request (solid): caller → each component it crosses → the instances of the view.
  QPointF at = start;
  p.setPen(QPen(kRoute, 2.2));
  for (const QString& name : caller.via) {
    const int c = topo.componentIndex(name);
    if (c < 0 || !l.components.contains(c)) continue;
    const QPointF next = l.components.value(c);
    p.setPen(QPen(kRoute, 2.2));
    arrow(p, at, next);
    feed(topo.components[static_cast<std::size_t>(c)].source, next);
    at = next;
  }
  const auto view = model_->view(caller.view, caller.target);
  QString summary =
      tr("%1 → %2: no view of %3 at this time").arg(caller.name, caller.target, caller.view);
  if (view) {
    for (const int m : view->members) {
      const bool stale = std::binary_search(view->stale.begin(), view->stale.end(), m);
      QPointF target;
      if (l.containers.contains(m)) {
        target = l.containers.value(m);
      } else if (l.ghosts.contains(m)) {
        target = l.ghosts.value(m);
      } else {
        continue;
      }
      p.setPen(stale ? QPen(kStale, 2.6)
                     : QPen(QColor(kRoute.red(), kRoute.green(), kRoute.blue(), 120), 1.0));
      arrow(p, at, target);
      if (stale) {
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(target, kDot + 3, kDot + 3);
        ++drawn_stale_;
      }
    }
    summary =
        tr("%1 → %2 via %3: view %4 lists %5 instance(s), %6 stale")
            .arg(caller.name, caller.target,
                 caller.via.isEmpty() ? tr("(direct)") : caller.via.join(QStringLiteral(" → ")),
                 caller.view)
            .arg(view->size)
            .arg(view->stale.size());
    if (!view->complete) summary += tr(" (not every member known)");
  }
  p.setPen(Qt::black);
  p.drawText(QRectF(l.legend.left(), l.legend.top(), l.legend.width(), 16),
             Qt::AlignLeft | Qt::AlignVCenter, summary);
}

void ClusterCanvas::drawLegend(QPainter& p, const QRectF& r) const {
  QFont small = font();
  small.setPointSizeF(std::max(6.5, font().pointSizeF() - 1));
  p.setFont(small);
  double x = r.left();
  const double y = r.bottom() - 11;
  const auto dot = [&](const QPen& pen, const QBrush& brush, const QString& text) {
    p.setPen(pen);
    p.setBrush(brush);
    p.drawEllipse(QPointF(x + kDot, y), kDot - 1, kDot - 1);
    p.setPen(Qt::black);
    const double w = p.fontMetrics().horizontalAdvance(text) + 10;
    p.drawText(QRectF(x + 2 * kDot + 3, y - 9, w, 18), Qt::AlignLeft | Qt::AlignVCenter, text);
    x += 2 * kDot + 3 + w + 6;
  };
  const auto state = [&](const QColor& c, const QString& text) {
    dot(QPen(c.darker(140), 1), c, text);
  };
  const auto line = [&](const QPen& pen, const QString& text) {
    p.setPen(pen);
    p.drawLine(QPointF(x, y), QPointF(x + 22, y));
    p.setPen(Qt::black);
    const double w = p.fontMetrics().horizontalAdvance(text) + 10;
    p.drawText(QRectF(x + 26, y - 9, w, 18), Qt::AlignLeft | Qt::AlignVCenter, text);
    x += 26 + w + 6;
  };
  state(kStarting, tr("starting"));
  state(kReady, tr("ready"));
  state(kTerminating, tr("terminating"));
  state(kCrashed, tr("crashed"));
  dot(QPen(Qt::darkGray, 1, Qt::DashLine), Qt::NoBrush, tr("gone, still listed"));
  line(QPen(kDiscovery, 1.6, Qt::DashLine), tr("discovery"));
  line(QPen(kRoute, 2.2), tr("request path"));
  line(QPen(kStale, 2.6), tr("stale route"));
}

}  // namespace discolab::gui
