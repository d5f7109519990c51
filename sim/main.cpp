// The `discolab` command line; the commands live in sim/cli/.
#include "sim/cli/cli.h"

int main(int argc, char** argv) { return discolab::cli_main(argc, argv); }
