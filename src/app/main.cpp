// The simroi executable: everything happens in run_cli (src/app/app.cpp).
#include <iostream>

#include "app/app.h"

int main(int argc, char** argv) {
  return simroi::app::run_cli(argc, argv, {std::cout, std::cerr});
}
