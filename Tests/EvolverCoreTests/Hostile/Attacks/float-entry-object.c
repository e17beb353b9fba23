/* The entry is not a function but an object: four floats whose bytes the shim would execute as
 * code (the kernel's image is executable). Expected: not passed (it crashes, faults on an input,
 * or leaves the output unwritten), and the worker survives. */

const float heat[4] = { 1.0f, -2.0f, 3.0f, 0.5f };
