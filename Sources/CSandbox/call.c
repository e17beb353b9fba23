/* Generic call of a trusted kernel (integer-class parameters only). */
#include "csandbox.h"

typedef long (*evs_generic_fn)(long, long, long, long, long, long, long, long, long, long, long, long);

int evs_call_generic(void *fn, const long *a) {
    return (int)((evs_generic_fn)fn)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
}
