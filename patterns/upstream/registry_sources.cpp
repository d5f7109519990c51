#include "patterns/upstream/registry_sources.h"

#include <type_traits>

namespace discolab {

namespace {
template <class Consumer>
constexpr bool kWaitsForFirstAnswer = std::is_same_v<Consumer, registry::RegistryPoller>;
}  // namespace

template <class Consumer, class Config>
void RegistrySource<Consumer, Config>::start(SourceListener& listener, SourceView view) {
  if (!consumer_) {
    Config c = config_;
    c.report_view = view == SourceView::report;
    consumer_ = std::make_unique<Consumer>(
        rt_, host_, registry_, std::move(c),
        [&listener](const EndpointListPtr& list) { listener.endpoints_changed(list); });
    if constexpr (kWaitsForFirstAnswer<Consumer>) {
      consumer_->when_settled([&listener] { listener.settled(); });
    }
  }
  consumer_->start();
}

template <class Consumer, class Config>
bool RegistrySource<Consumer, Config>::pending() const {
  if constexpr (kWaitsForFirstAnswer<Consumer>) {
    return !consumer_ || !consumer_->settled();
  } else {
    return false;
  }
}

template class RegistrySource<registry::RegistryPoller, registry::PollerConfig>;
template class RegistrySource<registry::RegistryWatcher, registry::WatcherConfig>;
template class RegistrySource<registry::BlockingQueryClient, registry::BlockingQueryConfig>;

}  // namespace discolab
