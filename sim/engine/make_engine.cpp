#include <stdexcept>

#include "sim/engine/engine.h"
#include "sim/engine/fast_engine.h"
#include "sim/engine/simgrid_engine.h"

namespace discolab {

std::unique_ptr<Engine> make_engine(std::string_view name, const Platform& platform,
                                    std::uint64_t seed) {
  if (name == "fast") return std::make_unique<FastEngine>(platform, seed);
  if (name == "simgrid") return std::make_unique<SimGridEngine>(platform, seed);
  throw std::invalid_argument("unknown engine \"" + std::string(name) +
                              "\" (known: fast, simgrid)");
}

}  // namespace discolab
