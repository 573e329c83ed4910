// A custom router binary for tests: the stock command line plus test/plugins/test_plugins.cc.
#include "include/plexus/main.h"

int main(int argc, char** argv) { return plexus::routerMain(argc, argv); }
