/* The call of a kernel on its own stack (see trampoline.c). */
#ifndef EVS_TRAMPOLINE_H
#define EVS_TRAMPOLINE_H

/* Calls fn(args[0], ..., args[11]) with the stack pointer at stack_top (aligned down to 16 bytes)
 * and no harness pointer in any register; returns the kernel's rax. */
long evs_call_on_stack(void *fn, const long *args, void *stack_top);

#endif
