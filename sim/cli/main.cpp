#include <iostream>

#include "sim/version.h"

int main() {
  std::cout << "discolab " << discolab::kVersion << "\n";
  return 0;
}
