/* Calls a kernel on a stack of its own (x86-64 System V).
 *
 * The harness's frames, its saved registers and its loop state stay on the harness stack; the
 * kernel's stack holds nothing but the return address into this trampoline. Every register that
 * could point into the harness (rbx, rbp, r10-r15) is cleared before the call, so a kernel that
 * walks "up" from __builtin_frame_address finds the top of its own stack (and a guard page), not
 * the harness. The harness's stack pointer is kept in a hidden global and restored after the call;
 * the callee-saved registers are restored from the harness stack, so a kernel that clobbers them
 * cannot change the harness's loop either. This is defence in depth: the worker verifies every
 * call's outputs and times every window itself, so a kernel that finds the harness anyway only
 * corrupts its own child's answers. */
#include "trampoline.h"

__attribute__((visibility("hidden"), used)) void *evs_trampoline_saved_rsp;

__asm__(
    ".text\n"
    ".globl evs_call_on_stack\n"
    ".hidden evs_call_on_stack\n"
    ".type evs_call_on_stack,@function\n"
    "evs_call_on_stack:\n"
    "  push %rbp\n"
    "  push %rbx\n"
    "  push %r12\n"
    "  push %r13\n"
    "  push %r14\n"
    "  push %r15\n"
    "  mov %rsp, evs_trampoline_saved_rsp(%rip)\n"
    "  mov %rdi, %rax\n"          /* the kernel */
    "  mov %rsi, %r11\n"          /* its 12 argument words */
    "  and $-16, %rdx\n"
    "  mov %rdx, %rsp\n"          /* the kernel's own stack */
    "  sub $48, %rsp\n"           /* arguments 7..12 on the stack; still 16-byte aligned */
    "  mov 48(%r11), %r10\n  mov %r10, 0(%rsp)\n"
    "  mov 56(%r11), %r10\n  mov %r10, 8(%rsp)\n"
    "  mov 64(%r11), %r10\n  mov %r10, 16(%rsp)\n"
    "  mov 72(%r11), %r10\n  mov %r10, 24(%rsp)\n"
    "  mov 80(%r11), %r10\n  mov %r10, 32(%rsp)\n"
    "  mov 88(%r11), %r10\n  mov %r10, 40(%rsp)\n"
    "  mov 0(%r11), %rdi\n"
    "  mov 8(%r11), %rsi\n"
    "  mov 16(%r11), %rdx\n"
    "  mov 24(%r11), %rcx\n"
    "  mov 32(%r11), %r8\n"
    "  mov 40(%r11), %r9\n"
    "  xor %ebx, %ebx\n"
    "  xor %ebp, %ebp\n"
    "  xor %r10d, %r10d\n"
    "  xor %r11d, %r11d\n"
    "  xor %r12d, %r12d\n"
    "  xor %r13d, %r13d\n"
    "  xor %r14d, %r14d\n"
    "  xor %r15d, %r15d\n"
    "  call *%rax\n"
    "  cld\n"
    "  mov evs_trampoline_saved_rsp(%rip), %rsp\n"
    "  pop %r15\n"
    "  pop %r14\n"
    "  pop %r13\n"
    "  pop %r12\n"
    "  pop %rbx\n"
    "  pop %rbp\n"
    "  ret\n"
    ".size evs_call_on_stack, .-evs_call_on_stack\n");
