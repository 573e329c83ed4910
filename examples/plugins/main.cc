// plexus_example_router: the stock router command line plus every example plugin in this
// directory (see README.md). A custom router binary is exactly this: plugins linked in, one main.
#include "include/plexus/main.h"

int main(int argc, char** argv) { return plexus::routerMain(argc, argv); }
