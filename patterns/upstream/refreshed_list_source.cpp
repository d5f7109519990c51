#include "patterns/upstream/refreshed_list_source.h"

#include "patterns/core/observer.h"

namespace discolab {

RefreshedListSource::RefreshedListSource(Runtime& rt, std::unique_ptr<EndpointSource> inner,
                                         RefreshedListConfig config)
    : rt_(rt),
      inner_(std::move(inner)),
      config_(std::move(config)),
      phase_(rt.random(config_.entity, "list-refresh")),
      latest_(std::make_shared<const EndpointList>()),
      copied_(latest_) {}

RefreshedListSource::~RefreshedListSource() {
  rt_.cancel(timer_);
  if (view_open_) rt_.observer().view_closed(view_);
}

void RefreshedListSource::start(SourceListener& listener, SourceView view) {
  listener_ = &listener;
  if (view == SourceView::report && !view_open_) {
    view_ = rt_.observer().view_opened(config_.name, config_.service);
    view_open_ = true;
  }
  inner_->start(*this, SourceView::silent);
  if (first_copied_ && timer_ == kNoTimer) arm(phase_.phase(config_.interval));
}

void RefreshedListSource::stop() {
  inner_->stop();
  rt_.cancel(timer_);
  timer_ = kNoTimer;
}

void RefreshedListSource::endpoints_changed(const EndpointListPtr& list) {
  latest_ = list;
  if (first_copied_) return;
  first_copied_ = true;
  copy();
  arm(phase_.phase(config_.interval));
}

void RefreshedListSource::settled() {
  if (!first_copied_) {  // the first fetch failed: the balancer starts with an empty list
    first_copied_ = true;
    arm(phase_.phase(config_.interval));
  }
  if (listener_ != nullptr) listener_->settled();
}

void RefreshedListSource::arm(Duration delay) {
  timer_ = rt_.schedule(delay, [this] {
    timer_ = kNoTimer;
    copy();
    arm(config_.interval);
  });
}

void RefreshedListSource::copy() {
  ++copies_;
  if (*latest_ == *copied_ && copies_ > 1) return;
  copied_ = latest_;
  if (view_open_) rt_.observer().view_changed(view_, instance_ids(*copied_));
  if (listener_ != nullptr) listener_->endpoints_changed(copied_);
}

}  // namespace discolab
