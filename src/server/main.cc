// The stock `router` binary: the router's command line with the built-in features only.
#include "include/plexus/main.h"

int main(int argc, char** argv) { return plexus::routerMain(argc, argv); }
