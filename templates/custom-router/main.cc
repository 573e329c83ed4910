// The custom router: the stock command line (include/plexus/main.h) with the plugins of
// plugins/ linked in; they register themselves (PLEXUS_REGISTER_PLUGIN).
#include "include/plexus/main.h"

int main(int argc, char** argv) { return plexus::routerMain(argc, argv); }
