/* evolver-worker: the single-threaded process that runs generated code for the evolver.
 * All logic lives in CSandbox; see csandbox.h. */
#include "csandbox.h"

int main(int argc, char **argv) { return evs_worker_main(argc, argv); }
