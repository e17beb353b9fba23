/* Shim over Debian's libtcc.h: hides macros Swift cannot import. */
#ifndef CTINYCC_SHIM_H
#define CTINYCC_SHIM_H
#include <libtcc.h>

/* tcc_relocate with TCC_RELOCATE_AUTO (a cast macro Swift cannot see). */
static inline int ctcc_relocate_auto(TCCState *s) { return tcc_relocate(s, TCC_RELOCATE_AUTO); }

/* TCC_OUTPUT_MEMORY. */
static inline int ctcc_output_memory(void) { return TCC_OUTPUT_MEMORY; }
#endif
