// Placeholder until the command line lands; see src/cli.cpp.
int main() {
  return 1;
}
