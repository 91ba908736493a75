// The simroi executable: everything happens in run_cli (src/cli.cpp).
#include "simroi/cli.h"

int main(int argc, char** argv) {
  return simroi::run_cli(argc, argv);
}
