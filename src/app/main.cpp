// The simroi executable: everything happens in run_cli (src/app/cli.cpp).
#include "app/cli.h"

int main(int argc, char** argv) {
  return simroi::run_cli(argc, argv);
}
