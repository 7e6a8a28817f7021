// main() of eci_calc_tests: stops the offices started by the harness at the end.
#include "office.hpp"

int main(int argc, char** argv) { return eci::test::runAllTests(argc, argv); }
