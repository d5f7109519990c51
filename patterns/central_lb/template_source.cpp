#include "patterns/central_lb/template_source.h"

namespace discolab {

TemplateSource::TemplateSource(Runtime& rt, std::unique_ptr<EndpointSource> inner,
                               configsync::ConfigSyncConfig sync)
    : rt_(rt),
      inner_(std::move(inner)),
      config_(std::move(sync)),
      applied_(std::make_shared<const EndpointList>()) {}

TemplateSource::~TemplateSource() = default;

void TemplateSource::start(SourceListener& listener, SourceView view) {
  listener_ = &listener;
  if (!sync_) {
    configsync::ConfigSyncConfig c = config_;
    if (view == SourceView::silent) c.name.clear();
    sync_.emplace(rt_, std::move(c), static_cast<configsync::ReloadTarget&>(*this));
  }
  inner_->start(*this, SourceView::silent);
}

void TemplateSource::endpoints_changed(const EndpointListPtr& list) { sync_->update(list); }

void TemplateSource::begin_reload(SimTime ends_at, bool hitless) { (void)ends_at, (void)hitless; }

void TemplateSource::apply(EndpointListPtr backends) {
  applied_ = std::move(backends);
  const bool first = !applied_once_;
  applied_once_ = true;
  if (listener_ == nullptr) return;
  listener_->endpoints_changed(applied_);
  if (first) listener_->settled();
}

configsync::AdmissionDecision TemplateSource::admission() const {
  if (!sync_) return {configsync::Admission::accept, rt_.now()};
  return sync_->admission();
}

}  // namespace discolab
